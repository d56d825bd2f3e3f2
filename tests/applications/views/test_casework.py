"""The review pages: criteria, the proposal and the handlingsplan."""

from django.urls import reverse

from applications.models import (
    Status,
)
from applications.services import application_start_review
from tests.applications.helpers import messages_of
from tests.scenarios import registered


def test_criteria_form_records_only_changes(client, officer, budget_year):
    application = registered(budget_year=budget_year, by=officer)
    case = application.individual_case
    client.force_login(officer)
    response = client.post(
        reverse("applications:criteria", args=[application.pk]),
        {"is_motivated": "yes", "not_evidence_person": "no", "note": "Samtal"},
        follow=True,
    )
    case.refresh_from_db()
    assert case.is_motivated is True and case.not_evidence_person is False
    assert case.meets_definition is None
    assert case.criterion_records.count() == 2
    assert "Kriterierna har registrerats." in messages_of(response)


def test_proposal_page_lists_what_is_missing(client, officer, budget_year):
    application = registered(budget_year=budget_year, by=officer, plan=False)
    application_start_review(application=application, by=officer)
    client.force_login(officer)
    url = reverse("applications:propose", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Handlingsplan saknas." in page
    response = client.post(
        url, {"outcome": "granted", "amount": "1000", "motivation": "x"}
    )
    assert response.status_code == 200
    assert "Kriteriet är ej registrerat" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_action_plan_longer_than_six_months_is_refused_on_the_field(
    client, officer, in_review
):
    client.force_login(officer)
    response = client.post(
        reverse("applications:action_plan", args=[in_review.pk]),
        {
            "plan-starts_on": "2022-01-31",
            "plan-ends_on": "2022-08-01",
            "insats-TOTAL_FORMS": "0",
            "insats-INITIAL_FORMS": "0",
        },
    )
    assert "högst sex månader (till 2022-07-31)" in response.content.decode()
