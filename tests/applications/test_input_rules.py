"""Rules on what people enter live in the services; the forms only parse.

Each rule is refused by its service with a ValidationError that names the field,
and each page shows the message on that field (the view puts the service's
error there). The pages are fetched in Swedish, the default language.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.forms import (
    CompletionRequestForm,
    DecisionForm,
    DisbursementForm,
    FollowUpForm,
)
from applications.models import (
    ActionPlan,
    Application,
    CompletionRequest,
    Decision,
    Disbursement,
    Proposal,
    Status,
)
from tests.factories import municipality

FUTURE = "Datumet kan inte ligga i framtiden."


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def shown_on_field(response, form_name: str, field: str, message: str) -> None:
    """The page shows the message on the field: in the field's errors, rendered
    with the id that the input's aria-describedby points to."""
    assert response.status_code == 200
    form = response.context[form_name]
    assert message in form.errors.get(field, []), form.errors
    page = response.content.decode()
    assert f'id="{form[field].auto_id}_error"' in page
    assert message in page


def paid(granted, officer):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=granted.decision.granted_amount,
        paid_on=date(2022, 6, 1),
    )
    return granted


# --- the two rules that lived only in forms ----------------------------------------


def test_the_service_refuses_an_application_received_in_the_future(
    officer, budget_year
):
    with pytest.raises(ValidationError) as refused:
        services.application_register(
            by=officer,
            kind="individual",
            reference_number="A1/2022",
            budget_year=budget_year,
            received_on=tomorrow(),
            requested_amount=Decimal("1000"),
            applicant_municipality=municipality("1280"),
        )
    assert refused.value.message_dict == {"received_on": [FUTURE]}
    assert not Application.objects.exists()


def test_the_service_refuses_an_återrapportering_received_in_the_future(
    granted, officer
):
    paid(granted, officer)
    with pytest.raises(ValidationError) as refused:
        services.follow_up_register(
            application=granted,
            by=officer,
            due_on=date(2023, 2, 1),
            received_on=tomorrow(),
            spent_amount=Decimal("1000"),
        )
    assert refused.value.message_dict == {"received_on": [FUTURE]}
    granted.follow_up.refresh_from_db()
    assert granted.follow_up.received_on is None


REGISTRATION = {
    "reference_number": "A5/2022",
    "applicant_municipality": "",
    "received_on": "2022-03-01",
    "requested_amount": "1000",
    "environment": "criminal",
    "plan-starts_on": "2022-04-01",
    "plan-ends_on": "2022-05-01",
    "insats-TOTAL_FORMS": "3",
    "insats-INITIAL_FORMS": "0",
}


@pytest.mark.parametrize(
    ("form_name", "field", "value", "message"),
    [
        ("form", "received_on", "2999-01-01", FUTURE),
        (
            "plan_form",
            "ends_on",
            "2022-12-01",
            "Handlingsplanen får omfatta högst sex månader (till 2022-10-01).",
        ),
        (
            "plan_form",
            "ends_on",
            "2022-03-01",
            "Handlingsplanen slutar innan den börjar.",
        ),
    ],
)
def test_the_registration_page_shows_the_services_refusal_on_the_field(
    client, officer, budget_year, form_name, field, value, message
):
    data = {
        **REGISTRATION,
        "applicant_municipality": municipality("1280").pk,
        "budget_year": budget_year.pk,
    }
    data["plan-" + field if form_name == "plan_form" else field] = value
    client.force_login(officer)
    response = client.post(reverse("applications:register", args=["individual"]), data)
    shown_on_field(response, form_name, field, message)
    assert not Application.objects.exists()


def test_the_follow_up_page_refuses_a_received_date_in_the_future_on_the_field(
    client, officer, granted
):
    paid(granted, officer)
    client.force_login(officer)
    response = client.post(
        reverse("applications:follow_up", args=[granted.pk]),
        {
            "due_on": "2023-02-01",
            "received_on": tomorrow().isoformat(),
            "spent_amount": "1000",
        },
    )
    shown_on_field(response, "form", "received_on", FUTURE)
    granted.refresh_from_db()
    assert granted.status == Status.PAID


# --- the checks that were copied into forms ----------------------------------------


def test_the_action_plan_page_shows_the_period_rule_on_the_end_date(
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
    shown_on_field(
        response,
        "plan_form",
        "ends_on",
        "Handlingsplanen får omfatta högst sex månader (till 2022-07-31).",
    )
    assert ActionPlan.objects.get(application=in_review).ends_on == date(2022, 9, 30)


def test_the_komplettering_page_refuses_a_past_reply_by_date_on_the_field(
    client, officer, in_review
):
    client.force_login(officer)
    response = client.post(
        reverse("applications:completion_new", args=[in_review.pk]),
        {"message": "Samtycket saknas.", "reply_by": "2022-01-01"},
    )
    shown_on_field(
        response, "form", "reply_by", "Sista svarsdag kan inte ligga bakåt i tiden."
    )
    assert not CompletionRequest.objects.exists()


OUTCOME_CHECKS = [
    ("granted", {"amount": ""}, "amount", "Ange beloppet som ska beviljas."),
    ("granted", {"amount": "0"}, "amount", "Ange beloppet som ska beviljas."),
    ("rejected", {"rejection_reason": ""}, "rejection_reason", "Välj en avslagsgrund."),
]


@pytest.mark.parametrize(("outcome", "data", "field", "message"), OUTCOME_CHECKS)
def test_the_proposal_page_shows_the_outcome_rules_on_their_fields(
    client, officer, in_review, outcome, data, field, message
):
    client.force_login(officer)
    response = client.post(
        reverse("applications:propose", args=[in_review.pk]),
        {"outcome": outcome, "motivation": "Bedömningen är gjord.", **data},
    )
    shown_on_field(response, "form", field, message)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(("outcome", "data", "field", "message"), OUTCOME_CHECKS)
def test_the_decision_page_shows_the_outcome_rules_on_their_fields(
    client, decider, prepared, outcome, data, field, message
):
    client.force_login(decider)
    response = client.post(
        reverse("applications:decide", args=[prepared.pk]),
        {"outcome": outcome, **data},
    )
    shown_on_field(response, "form", field, message)
    assert not Decision.objects.exists()


def test_the_disbursement_page_refuses_a_zero_amount_on_the_field(
    client, officer, granted
):
    client.force_login(officer)
    response = client.post(
        reverse("applications:disbursement_new", args=[granted.pk]),
        {"amount": "0", "paid_on": "2022-06-01"},
    )
    shown_on_field(response, "form", "amount", "Beloppet måste vara större än noll.")
    assert not Disbursement.objects.exists()


def test_the_follow_up_page_asks_for_the_amount_spent_on_its_field(
    client, officer, granted
):
    paid(granted, officer)
    client.force_login(officer)
    response = client.post(
        reverse("applications:follow_up", args=[granted.pk]),
        {"due_on": "2023-02-01", "received_on": "2023-01-20", "spent_amount": ""},
    )
    shown_on_field(response, "form", "spent_amount", "Ange förbrukat belopp.")
    granted.refresh_from_db()
    assert granted.status == Status.PAID


def test_the_forms_accept_what_only_the_services_refuse():
    """The forms parse; they hold none of the rules above."""
    assert CompletionRequestForm({"message": "x", "reply_by": "2000-01-01"}).is_valid()
    assert DecisionForm({"outcome": "granted"}).is_valid()
    assert DecisionForm({"outcome": "rejected"}).is_valid()
    assert DisbursementForm({"amount": "0", "paid_on": "2022-06-01"}).is_valid()
    assert FollowUpForm(
        {"due_on": "2023-02-01", "received_on": "2999-01-01"}
    ).is_valid()
