"""Utbetalning and återrapportering: never more than granted, and the återkrav."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from applications import services
from applications.models import (
    Disbursement,
    Status,
)


def test_disbursements_never_exceed_the_granted_amount(granted, officer):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("200000"),
        paid_on=date(2022, 6, 1),
    )
    granted.refresh_from_db()
    assert granted.status == Status.PAID
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
