"""Utbetalning and återrapportering: never more than granted, and the återkrav."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from applications import permissions, services, workflow
from applications.models import (
    ActionPlan,
    Disbursement,
    FollowUpReport,
    Status,
)
from tests.scenarios import case_at, decide


def test_disbursements_never_exceed_the_granted_amount(granted, officer):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("200000"),
        paid_on=date(2022, 6, 1),
    )
    granted.refresh_from_db()
    assert granted.status == Status.PARTLY_PAID
    with pytest.raises(ValidationError) as error:
        services.disbursement_register(
            application=granted,
            by=officer,
            amount=Decimal("100000.01"),
            paid_on=date(2022, 7, 1),
        )
    assert "100\u00a0000\u00a0kr" in error.value.messages[0]
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("100000"),
        paid_on=date(2022, 7, 1),
    )
    assert Disbursement.objects.filter(application=granted).count() == 2
    granted.refresh_from_db()
    assert granted.status == Status.PAID
    # Nothing remains: no further payment is offered.
    assert not permissions.can_register_disbursement(officer, granted)


def test_disbursement_needs_a_granted_application(prepared, officer):
    with pytest.raises(PermissionDenied):
        services.disbursement_register(
            application=prepared,
            by=officer,
            amount=Decimal("1"),
            paid_on=timezone.localdate(),
        )


def test_follow_up_default_due_is_1_february_the_year_after(budget_year):
    assert services.follow_up_default_due(budget_year=budget_year) == date(2023, 2, 1)


def test_follow_up_computes_the_reclaim_and_closes_the_report(granted, officer):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("300000"),
        paid_on=date(2022, 6, 1),
    )
    report = services.follow_up_register(
        application=granted,
        by=officer,
        due_on=date(2023, 3, 1),
        received_on=date(2023, 1, 20),
        spent_amount=Decimal("255000"),
        results="Fullföljt program.",
    )
    assert report.reclaim_amount == Decimal("45000")
    assert report.due_on == date(2023, 3, 1)
    granted.refresh_from_db()
    assert granted.status == Status.REPORTED


def test_follow_up_due_date_can_be_moved_before_payment(granted, officer):
    report = services.follow_up_register(
        application=granted, by=officer, due_on=date(2023, 4, 1)
    )
    assert report.due_on == date(2023, 4, 1)
    assert report.reclaim_amount == 0
    granted.refresh_from_db()
    assert granted.status == Status.GRANTED


@pytest.mark.parametrize(
    ("granted_amount", "spent", "reclaim"),
    [("100", "100", "0"), ("100", "40", "60"), ("100", "120", "0"), ("100", None, "0")],
)
def test_reclaim_is_granted_minus_spent_never_below_zero(
    granted_amount, spent, reclaim
):
    assert services.follow_up_reclaim(
        granted=Decimal(granted_amount), spent=Decimal(spent) if spent else None
    ) == Decimal(reclaim)


@pytest.mark.parametrize(
    ("paid", "status"),
    [
        ("0", Status.GRANTED),
        ("0.01", Status.PARTLY_PAID),
        ("299999.99", Status.PARTLY_PAID),
        ("300000", Status.PAID),
    ],
)
def test_the_status_says_utbetald_only_when_the_grant_is_paid_in_full(paid, status):
    assert workflow.payment_status(paid=Decimal(paid), granted=Decimal("300000")) == (
        status
    )


def test_a_payment_dated_in_the_future_is_refused(granted, officer, tomorrow):
    with pytest.raises(ValidationError) as error:
        services.disbursement_register(
            application=granted, by=officer, amount=Decimal("1"), paid_on=tomorrow
        )
    assert "paid_on" in error.value.message_dict
    assert not Disbursement.objects.filter(application=granted).exists()


def test_a_partly_paid_case_can_report_back_without_the_rest(granted, officer):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("100000"),
        paid_on=date(2022, 6, 1),
    )
    services.follow_up_register(
        application=granted,
        by=officer,
        due_on=date(2023, 2, 1),
        received_on=date(2023, 1, 20),
        spent_amount=Decimal("100000"),
    )
    granted.refresh_from_db()
    assert granted.status == Status.REPORTED


def test_follow_up_is_due_after_a_plan_that_runs_past_1_february(budget_year, settings):
    settings.FOLLOW_UP_DAYS_AFTER_PLAN = 30
    due = services.follow_up_default_due(
        budget_year=budget_year, plan_ends_on=date(2023, 7, 14)
    )
    assert due == date(2023, 8, 13)
    # A plan that ends early in the year: 1 February stands.
    early = services.follow_up_default_due(
        budget_year=budget_year, plan_ends_on=date(2022, 11, 30)
    )
    assert early == date(2023, 2, 1)


def test_the_decision_sets_the_due_date_from_the_plan_end(
    budget_year, officer, decider, settings
):
    settings.FOLLOW_UP_DAYS_AFTER_PLAN = 30
    application = case_at(
        Status.PREPARED, budget_year=budget_year, officer=officer, decider=decider
    )
    ActionPlan.objects.filter(application=application).update(
        starts_on=date(2023, 2, 1), ends_on=date(2023, 7, 14)
    )
    decide(application, by=decider, decided_on=date(2022, 6, 1))
    due = FollowUpReport.objects.get(application=application).due_on
    assert due == date(2023, 8, 13)


@pytest.mark.parametrize(
    ("spent", "over"),
    [(None, "0"), ("250000", "0"), ("300000", "0"), ("312500", "12500")],
)
def test_costs_above_the_grant_are_flagged_not_reclaimed(spent, over):
    granted = Decimal("300000")
    spent = Decimal(spent) if spent else None
    assert services.follow_up_overspent(granted=granted, spent=spent) == Decimal(over)
    assert services.follow_up_reclaim(granted=granted, spent=spent) >= 0
