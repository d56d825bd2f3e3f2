"""What the detail page shows is decided in Python, once: the plan's sums and
problems and the payments come from selectors, the timeline carries an event's
text only for those who may read it, and the action bar lists the actions the
permission functions allow. The template only lays them out."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from applications import services
from applications.models import ActionPlan, Event, Status
from applications.selectors import (
    action_plan_summary,
    application_detail,
    application_payments,
    application_timeline,
)
from tests.factories import ApplicationFactory, InterventionFactory

# --- the handlingsplan and the payments -----------------------------------------------


def test_the_plan_summary_sums_the_insatser_against_the_requested_amount(
    budget_year,
):
    application = ApplicationFactory(
        budget_year=budget_year, requested_amount=Decimal("250000.50")
    )
    plan = ActionPlan.objects.create(
        application=application, starts_on=date(2022, 1, 31), ends_on=date(2022, 8, 1)
    )
    for cost in ("100000.25", "50000"):
        InterventionFactory(
            action_plan=plan,
            cost=Decimal(cost),
            starts_on=date(2022, 2, 1),
            ends_on=date(2022, 3, 1),
        )
    summary = action_plan_summary(application=application_detail(pk=application.pk))
    assert summary.plan == plan
    assert len(summary.interventions) == 2
    assert summary.total == Decimal("150000.25")
    assert summary.difference == Decimal("100000.25")
    assert summary.problems == [
        "Handlingsplanen får omfatta högst sex månader (till 2022-07-31)."
    ]


def test_an_application_without_a_plan_has_no_plan_summary(budget_year):
    application = ApplicationFactory(budget_year=budget_year)
    assert action_plan_summary(application=application) is None


def test_the_payments_are_the_grant_the_sum_paid_and_what_is_left(granted, officer):
    for amount in ("100000.50", "49999.50"):
        services.disbursement_register(
            application=granted,
            by=officer,
            amount=Decimal(amount),
            paid_on=date(2022, 6, 1),
        )
    payments = application_payments(application=application_detail(pk=granted.pk))
    assert payments.granted == Decimal("300000")
    assert payments.paid == Decimal("150000.00")
    assert payments.left_to_pay == Decimal("150000.00")


def test_an_application_without_a_grant_has_nothing_left_to_pay(in_review):
    payments = application_payments(application=in_review)
    assert payments.granted is None
    assert payments.paid == Decimal("0")
    assert payments.left_to_pay is None


def test_the_detail_page_shows_the_payments_of_the_selector(client, officer, granted):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("100000"),
        paid_on=date(2022, 6, 1),
    )
    client.force_login(officer)
    response = client.get(reverse("applications:detail", args=[granted.pk]))
    shown = "Utbetalt: 100\u00a0000\u00a0kr. Kvar att betala ut: 200\u00a0000\u00a0kr."
    assert shown in response.content.decode()
    assert "today" not in response.context


# --- the timeline ---------------------------------------------------------------------


@pytest.fixture
def withdrawn(in_review, officer):
    """An application with a person's text (the withdrawal reason) and a text the
    system wrote (a criterion's name and answer) in its timeline."""
    services.individual_case_record_criterion(
        case=in_review.individual_case, by=officer, criterion="is_motivated", value=True
    )
    services.application_withdraw(
        application=in_review, by=officer, reason="Personen har flyttat till Malmö."
    )
    return application_detail(pk=in_review.pk)


def texts(timeline, kind: str) -> list[str]:
    label = Event.Kind(kind).label
    return [entry.text for entry in timeline if entry.kind == label]


def test_a_case_officer_reads_every_text_of_the_timeline(withdrawn, officer):
    timeline = application_timeline(application=withdrawn, user=officer)
    assert "Personen har flyttat till Malmö." in texts(timeline, Event.Kind.STATUS)
    assert any(texts(timeline, Event.Kind.CRITERION))


def test_a_reader_gets_the_timeline_without_the_texts_people_wrote(withdrawn, reader):
    timeline = application_timeline(application=withdrawn, user=reader)
    assert set(texts(timeline, Event.Kind.STATUS)) == {""}
    assert all(texts(timeline, Event.Kind.CRITERION))
    withdrawal = [e for e in timeline if e.to_status == Status.WITHDRAWN.label]
    assert withdrawal and withdrawal[0].from_status == Status.IN_REVIEW.label


def test_the_detail_page_hides_a_withdrawal_reason_from_a_reader(
    client, withdrawn, officer, reader
):
    url = reverse("applications:detail", args=[withdrawn.pk])
    client.force_login(reader)
    assert "flyttat till Malmö" not in client.get(url).content.decode()
    client.force_login(officer)
    assert "flyttat till Malmö" in client.get(url).content.decode()


# --- the action bar -------------------------------------------------------------------


def labels(client, user, application) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("applications:detail", args=[application.pk]))
    return [str(action.label) for action in response.context["actions"]]


def test_the_action_bar_lists_what_the_case_officer_may_do(client, officer, in_review):
    assert labels(client, officer, in_review) == [
        "Begär komplettering",
        "Bifoga handling",
        "Föredra",
        "Registrera återkallelse",
    ]


def test_the_action_bar_offers_to_take_a_case_assigned_to_someone_else(
    client, other_officer, in_review
):
    assert labels(client, other_officer, in_review)[0] == "Ta ärendet"


def test_the_action_bar_of_a_prepared_case_is_the_deciders(
    client, decider, officer, prepared
):
    assert labels(client, decider, prepared) == ["Besluta", "Återförvisa för beredning"]
    assert labels(client, officer, prepared) == ["Bifoga handling"]


def test_the_action_bar_after_a_grant(client, officer, granted):
    assert labels(client, officer, granted) == [
        "Bifoga handling",
        "Beslutsbrev (PDF)",
        "Registrera utbetalning",
        "Återrapportering",
    ]


def test_a_reader_gets_no_action_bar(client, reader, in_review):
    assert labels(client, reader, in_review) == []
    page = client.get(reverse("applications:detail", args=[in_review.pk]))
    assert 'class="action-bar"' not in page.content.decode()
