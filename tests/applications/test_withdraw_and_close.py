"""How an application ends without a decision (återkallad) and how a finished case
is closed (avslutad): the services' rules and the pages that call them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from applications import services
from applications.models import Event, Status
from applications.selectors import application_list, completion_overdue_list
from tests.scenarios import case_at


@pytest.fixture
def rejected(budget_year, officer, decider):
    return case_at(
        Status.REJECTED, budget_year=budget_year, officer=officer, decider=decider
    )


def reported(granted, officer, *, spent: str):
    """The granted application paid in full and reported back with `spent`."""
    amount = granted.decision.granted_amount
    services.disbursement_register(
        application=granted, by=officer, amount=amount, paid_on=date(2022, 6, 1)
    )
    services.follow_up_register(
        application=granted,
        by=officer,
        due_on=date(2023, 2, 1),
        received_on=date(2023, 1, 20),
        spent_amount=Decimal(spent),
    )
    granted.refresh_from_db()
    assert granted.status == Status.REPORTED
    return granted


def last_status_event(application) -> Event:
    return application.events.filter(kind=Event.Kind.STATUS).latest("pk")


# --- återkallad ------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [Status.RECEIVED, Status.IN_REVIEW, Status.COMPLETION_REQUESTED]
)
def test_an_open_application_can_be_withdrawn_with_the_reason_in_the_timeline(
    budget_year, officer, status
):
    application = case_at(status, budget_year=budget_year, officer=officer)
    services.application_withdraw(
        application=application,
        by=officer,
        reason="  Kommunen återkallade 2022-04-02. ",
    )
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    event = last_status_event(application)
    assert (event.from_status, event.to_status) == (status, Status.WITHDRAWN)
    assert event.text == "Kommunen återkallade 2022-04-02."
    assert event.actor == officer


def test_withdrawal_needs_a_reason_and_changes_nothing_without_one(in_review, officer):
    with pytest.raises(ValidationError) as refused:
        services.application_withdraw(application=in_review, by=officer, reason=" ")
    assert "reason" in refused.value.error_dict
    in_review.refresh_from_db()
    assert in_review.status == Status.IN_REVIEW


def test_a_prepared_or_decided_application_cannot_be_withdrawn(
    prepared, granted, officer
):
    for application in (prepared, granted):
        with pytest.raises(PermissionDenied):
            services.application_withdraw(
                application=application, by=officer, reason="Återkallad"
            )
        status = application.status
        application.refresh_from_db()
        assert application.status == status


def test_only_a_case_officer_registers_a_withdrawal(in_review, decider, reader):
    for user in (decider, reader):
        with pytest.raises(PermissionDenied):
            services.application_withdraw(
                application=in_review, by=user, reason="Återkallad"
            )


def test_a_withdrawn_applications_komplettering_is_no_longer_overdue_or_pending(
    budget_year, officer, today
):
    waiting = case_at(
        Status.COMPLETION_REQUESTED, budget_year=budget_year, officer=officer
    )
    # Time passes: the komplettering was asked for a month ago and is late.
    waiting.completion_requests.update(
        requested_on=today - timedelta(days=30), reply_by=today - timedelta(days=10)
    )
    assert list(completion_overdue_list(today=today)) != []
    assert application_list(user=officer).get(pk=waiting.pk).completion_pending
    services.application_withdraw(application=waiting, by=officer, reason="Återkallad")
    assert list(completion_overdue_list(today=today)) == []
    assert not application_list(user=officer).get(pk=waiting.pk).completion_pending


# --- avslutad --------------------------------------------------------------------


def test_a_rejected_application_can_be_closed(rejected, officer):
    services.application_close(application=rejected, by=officer)
    rejected.refresh_from_db()
    assert rejected.status == Status.CLOSED
    assert last_status_event(rejected).from_status == Status.REJECTED


def test_a_reported_case_without_återkrav_closes_without_a_note(granted, officer):
    application = reported(granted, officer, spent=granted.decision.granted_amount)
    services.application_close(application=application, by=officer)
    application.refresh_from_db()
    assert application.status == Status.CLOSED


def test_closing_with_an_återkrav_needs_a_note_on_how_it_was_settled(granted, officer):
    application = reported(granted, officer, spent="100000")
    with pytest.raises(ValidationError) as refused:
        services.application_close(application=application, by=officer, note="")
    assert refused.value.error_dict["note"][0].messages == [
        "200\xa0000\xa0kr ska återkrävas: ange hur återkravet reglerades."
    ]
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    services.application_close(
        application=application, by=officer, note="Återbetalt 2023-03-01."
    )
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert last_status_event(application).text == "Återbetalt 2023-03-01."


def test_a_case_still_running_cannot_be_closed(in_review, prepared, granted, officer):
    for application in (in_review, prepared, granted):
        with pytest.raises(PermissionDenied):
            services.application_close(application=application, by=officer)


def test_only_a_case_officer_closes(rejected, decider, reader):
    for user in (decider, reader):
        with pytest.raises(PermissionDenied):
            services.application_close(application=rejected, by=user)


# --- the pages -------------------------------------------------------------------


def test_the_detail_page_offers_withdrawal_to_the_case_officer_only(
    client, in_review, officer, reader
):
    url = reverse("applications:detail", args=[in_review.pk])
    withdraw = reverse("applications:withdraw", args=[in_review.pk])
    client.force_login(officer)
    assert withdraw in client.get(url).content.decode()
    client.force_login(reader)
    assert withdraw not in client.get(url).content.decode()


def test_withdrawing_through_the_page(client, in_review, officer):
    client.force_login(officer)
    url = reverse("applications:withdraw", args=[in_review.pk])
    page = client.get(url).content.decode()
    assert "Registrera återkallelse" in page and "kan inte ångras" in page

    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()

    response = client.post(url, {"reason": "Kommunen återkallade per telefon."})
    assert response["Location"] == reverse("applications:detail", args=[in_review.pk])
    in_review.refresh_from_db()
    assert in_review.status == Status.WITHDRAWN
    detail = client.get(response["Location"]).content.decode()
    assert "Ansökan är registrerad som återkallad." in detail
    assert url not in detail


def test_closing_through_the_page_shows_the_återkrav_and_asks_how_it_was_settled(
    client, granted, officer
):
    application = reported(granted, officer, spent="100000")
    client.force_login(officer)
    detail_url = reverse("applications:detail", args=[application.pk])
    url = reverse("applications:close", args=[application.pk])
    assert url in client.get(detail_url).content.decode()
    page = client.get(url).content.decode()
    assert "Att återkräva (återkrav): 200\xa0000\xa0kr" in page

    response = client.post(url, {"note": ""})
    assert response.status_code == 200
    assert "ange hur återkravet reglerades" in response.content.decode()

    response = client.post(url, {"note": "Återbetalt 2023-03-01."})
    assert response["Location"] == detail_url
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert "Ärendet är avslutat." in client.get(detail_url).content.decode()


def test_the_pages_refuse_an_application_in_the_wrong_state(
    client, prepared, in_review, officer
):
    client.force_login(officer)
    assert (
        client.get(reverse("applications:withdraw", args=[prepared.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("applications:close", args=[in_review.pk])).status_code
        == 403
    )
