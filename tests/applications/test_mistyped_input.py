"""Amounts and dates a person can mistype are refused on their field, not stored.

The rule is grants/inputs.py; these tests post through the pages that store an
amount or a date and check that the page answers with the error on the field and
that nothing was written.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.action_plans import action_plan_problems
from applications.models import (
    ActionPlan,
    Application,
    Decision,
    Disbursement,
    FollowUpReport,
    Status,
)
from applications.services import (
    ActionPlanData,
    action_plan_save,
    disbursement_register,
)
from tests.factories import municipality

AMOUNT_MESSAGE = "Skriv beloppet i kronor med siffror och högst två decimaler"
DATE_MESSAGE = "Skriv ett datum mellan 1900-01-01 och 2100-12-31."

MISTYPED_AMOUNTS = ["1e3", "1E3", "NaN", "Infinity", "1_000", "12 34", "1,005"]
MISTYPED_DATES = ["1899-12-31", "2101-01-01", "9999-08-01", "0001-01-01"]


def refused_on(response, form: str, field: str, message: str) -> None:
    assert response.status_code == 200
    errors = response.context[form].errors.get(field, [])
    assert any(message in error for error in errors), errors


def registration(**changes) -> dict:
    return {
        "reference_number": "A5/2022",
        "applicant_municipality": municipality("1280").pk,
        "budget_year": "",
        "received_on": "2022-03-01",
        "requested_amount": "1000",
        "environment": "criminal",
        "plan-starts_on": "2022-04-01",
        "plan-ends_on": "2022-05-01",
        "insats-TOTAL_FORMS": "3",
        "insats-INITIAL_FORMS": "0",
        **changes,
    }


def register(client, budget_year, **changes):
    data = registration(**changes)
    data["budget_year"] = budget_year.pk
    return client.post(reverse("applications:register", args=["individual"]), data)


@pytest.mark.parametrize("amount", MISTYPED_AMOUNTS)
def test_registration_refuses_a_mistyped_requested_amount(
    client, officer, budget_year, amount
):
    client.force_login(officer)
    response = register(client, budget_year, requested_amount=amount)
    refused_on(response, "form", "requested_amount", AMOUNT_MESSAGE)
    assert not Application.objects.exists()


def test_registration_refuses_an_amount_beyond_the_field(client, officer, budget_year):
    client.force_login(officer)
    response = register(client, budget_year, requested_amount="1 000 000 000 000")
    refused_on(response, "form", "requested_amount", "Beloppet är för stort.")
    assert not Application.objects.exists()


@pytest.mark.parametrize("day", MISTYPED_DATES)
def test_registration_refuses_a_received_date_outside_1900_to_2100(
    client, officer, budget_year, day
):
    client.force_login(officer)
    response = register(client, budget_year, received_on=day)
    refused_on(response, "form", "received_on", DATE_MESSAGE)
    assert not Application.objects.exists()


@pytest.mark.parametrize("day", MISTYPED_DATES)
def test_registration_refuses_a_plan_start_outside_1900_to_2100(
    client, officer, budget_year, day
):
    client.force_login(officer)
    response = register(client, budget_year, **{"plan-starts_on": day})
    refused_on(response, "plan_form", "starts_on", DATE_MESSAGE)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        ("1899-12-31", "2022-05-01"),
        ("2101-01-01", "2101-03-01"),
        ("9999-08-01", "9999-09-01"),
        ("9999-08-01", "2022-05-01"),
    ],
)
def test_action_plan_page_refuses_a_start_outside_1900_to_2100(
    client, officer, in_review, starts_on, ends_on
):
    before = ActionPlan.objects.get(application=in_review)
    client.force_login(officer)
    response = client.post(
        reverse("applications:action_plan", args=[in_review.pk]),
        {
            "plan-starts_on": starts_on,
            "plan-ends_on": ends_on,
            "insats-TOTAL_FORMS": "0",
            "insats-INITIAL_FORMS": "0",
        },
    )
    refused_on(response, "plan_form", "starts_on", DATE_MESSAGE)
    after = ActionPlan.objects.get(application=in_review)
    assert (after.starts_on, after.ends_on) == (before.starts_on, before.ends_on)


def test_action_plan_service_refuses_dates_it_cannot_count_from(officer, in_review):
    plan = ActionPlanData(
        starts_on=date(9999, 8, 1), ends_on=date(9999, 9, 1), interventions=[]
    )
    with pytest.raises(ValidationError, match="mellan 1900-01-01 och 2100-12-31"):
        action_plan_save(application=in_review, by=officer, data=plan)
    assert ActionPlan.objects.get(application=in_review).starts_on == date(2022, 4, 1)


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        (date(9999, 8, 1), date(9999, 12, 31)),
        (date(2022, 4, 1), date(9999, 12, 31)),
        (date(1, 1, 1), date(1, 2, 1)),
    ],
)
def test_action_plan_problems_name_the_date_range(starts_on, ends_on):
    assert action_plan_problems(
        starts_on=starts_on, ends_on=ends_on, interventions=()
    ) == ["Handlingsplanens datum måste ligga mellan 1900-01-01 och 2100-12-31."]


@pytest.mark.parametrize("amount", MISTYPED_AMOUNTS)
def test_decision_refuses_a_mistyped_amount(client, decider, prepared, amount):
    client.force_login(decider)
    response = client.post(
        reverse("applications:decide", args=[prepared.pk]),
        {"outcome": "granted", "amount": amount},
    )
    refused_on(response, "form", "amount", AMOUNT_MESSAGE)
    assert not Decision.objects.filter(application=prepared).exists()
    prepared.refresh_from_db()
    assert prepared.status == Status.PREPARED


@pytest.mark.parametrize("amount", MISTYPED_AMOUNTS)
def test_disbursement_refuses_a_mistyped_amount(client, officer, granted, amount):
    client.force_login(officer)
    response = client.post(
        reverse("applications:disbursement_new", args=[granted.pk]),
        {"amount": amount, "paid_on": "2022-06-01"},
    )
    refused_on(response, "form", "amount", AMOUNT_MESSAGE)
    assert not Disbursement.objects.exists()


@pytest.mark.parametrize("day", MISTYPED_DATES)
def test_disbursement_refuses_a_payment_date_outside_1900_to_2100(
    client, officer, granted, day
):
    client.force_login(officer)
    response = client.post(
        reverse("applications:disbursement_new", args=[granted.pk]),
        {"amount": "1000", "paid_on": day},
    )
    refused_on(response, "form", "paid_on", DATE_MESSAGE)
    assert not Disbursement.objects.exists()


@pytest.fixture
def paid(granted, officer):
    """A granted application paid in full: its återrapportering can be received."""
    disbursement_register(
        application=granted,
        by=officer,
        amount=granted.decision.granted_amount,
        paid_on=date(2022, 6, 1),
    )
    granted.refresh_from_db()
    return granted


def post_follow_up(client, application, **changes):
    data = {
        "due_on": "2023-02-01",
        "received_on": "2023-01-15",
        "spent_amount": "250 000",
        "results": "Programmet fullföljt.",
        **changes,
    }
    return client.post(reverse("applications:follow_up", args=[application.pk]), data)


@pytest.mark.parametrize("amount", MISTYPED_AMOUNTS)
def test_follow_up_refuses_a_mistyped_spent_amount(client, officer, paid, amount):
    client.force_login(officer)
    response = post_follow_up(client, paid, spent_amount=amount)
    refused_on(response, "form", "spent_amount", AMOUNT_MESSAGE)
    report = FollowUpReport.objects.get(application=paid)
    assert (report.received_on, report.spent_amount) == (None, None)


@pytest.mark.parametrize("field", ["received_on", "due_on"])
@pytest.mark.parametrize("day", MISTYPED_DATES)
def test_follow_up_refuses_dates_outside_1900_to_2100(
    client, officer, paid, field, day
):
    status = paid.status
    client.force_login(officer)
    response = post_follow_up(client, paid, **{field: day})
    refused_on(response, "form", field, DATE_MESSAGE)
    report = FollowUpReport.objects.get(application=paid)
    assert (report.due_on, report.received_on) == (date(2023, 2, 1), None)
    paid.refresh_from_db()
    assert paid.status == status


def test_follow_up_still_takes_an_amount_written_with_spaces_and_kr(
    client, officer, paid
):
    client.force_login(officer)
    response = post_follow_up(client, paid, spent_amount="250\u00a0000,50 kr")
    assert response.status_code == 302
    report = FollowUpReport.objects.get(application=paid)
    assert report.spent_amount == Decimal("250000.50")
