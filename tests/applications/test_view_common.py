"""What every page shares (applications/views/common.py): the permission
decorator, the one form page and the one download response."""

from django.contrib import messages
from django.urls import reverse

from applications.models import Application, IndividualCase, Status
from tests.factories import ApplicationFactory, delegate


def said(response) -> list[tuple[int, str]]:
    return [(m.level, str(m)) for m in response.context["messages"]]


# --- the form page: validate → service → message → redirect --------------------


def test_a_complete_proposal_goes_to_decision_and_back_to_the_application(
    client, officer, in_review
):
    client.force_login(officer)
    url = reverse("applications:propose", args=[in_review.pk])
    response = client.post(
        url, {"outcome": "granted", "amount": "300000", "motivation": "Uppfyller."}
    )
    assert response.status_code == 302
    assert response.url == reverse("applications:detail", args=[in_review.pk])
    in_review.refresh_from_db()
    assert in_review.status == Status.PREPARED
    page = client.get(response.url)
    assert (messages.SUCCESS, "Ansökan har skickats till beslut.") in said(page)


def test_a_decision_is_recorded_and_back_to_the_application(client, decider, prepared):
    delegate(decider)
    client.force_login(decider)
    response = client.post(
        reverse("applications:decide", args=[prepared.pk]),
        {"outcome": "granted", "amount": "300000"},
        follow=True,
    )
    assert response.redirect_chain == [
        (reverse("applications:detail", args=[prepared.pk]), 302)
    ]
    assert (messages.SUCCESS, "Beslutet har registrerats.") in said(response)
    prepared.refresh_from_db()
    assert prepared.status == Status.GRANTED


def test_criteria_unchanged_is_said_as_information(client, officer, budget_year):
    application = ApplicationFactory(budget_year=budget_year)
    IndividualCase.objects.create(
        application=application, case_code="IND-1", environment="criminal"
    )
    client.force_login(officer)
    response = client.post(
        reverse("applications:criteria", args=[application.pk]),
        {"note": ""},
        follow=True,
    )
    assert said(response) == [(messages.INFO, "Inget kriterium ändrades.")]


def test_an_invalid_registration_says_so_and_saves_nothing(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("applications:register", args=["agency"]), {"reference_number": ""}
    )
    assert response.status_code == 200
    assert (messages.ERROR, "Ansökan sparades inte. Se felen nedan.") in said(response)
    assert response.context["error_items"]
    assert not Application.objects.exists()


# --- the permission decorator -----------------------------------------------------


def test_a_missing_application_is_not_found_before_permission_is_asked(client, reader):
    client.force_login(reader)
    missing = reverse("applications:criteria", args=[987654])
    assert client.get(missing).status_code == 404


def test_the_checked_application_is_the_one_of_the_url(client, officer, in_review):
    other = ApplicationFactory(budget_year=in_review.budget_year)
    client.force_login(officer)
    response = client.get(reverse("applications:withdraw", args=[other.pk]))
    assert response.context["application"] == other


# --- the download response ---------------------------------------------------------


def test_the_work_list_export_is_a_download_that_is_never_rendered(client, officer):
    client.force_login(officer)
    response = client.get(reverse("applications:export", args=["csv"]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
