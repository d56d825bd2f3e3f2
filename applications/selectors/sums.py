"""The sums of money that services check against and pages show: granted in a
budget year, paid out on an application."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from applications.models import (
    Application,
    ApplicationKind,
    Decision,
    Disbursement,
    Outcome,
)
from grants.budget import Granted
from grants.models import BudgetYear

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


@dataclass(frozen=True)
class Payments:
    granted: Decimal | None  # None without a grant
    paid: Decimal
    left_to_pay: Decimal | None  # None without a grant


def application_payments(*, application: Application) -> Payments:
    """What was granted, what is paid out so far and what is left to pay.

    The sum is taken over the utbetalningar the detail page lists (prefetched by
    application_detail), so that it costs no query of its own there."""
    decision = getattr(application, "decision", None)
    granted = decision.granted_amount if decision is not None else None
    paid = sum((d.amount for d in application.disbursements.all()), Decimal("0"))
    return Payments(
        granted=granted,
        paid=paid,
        left_to_pay=None if granted is None else granted - paid,
    )


def budget_year_granted(*, budget_year: BudgetYear) -> Granted:
    """The sums granted in the budget year: in all, and as direct operating grants."""
    sums = Decision.objects.filter(
        application__budget_year=budget_year, outcome=Outcome.GRANTED
    ).aggregate(
        total=Coalesce(Sum("granted_amount"), ZERO),
        operating=Coalesce(
            Sum(
                "granted_amount",
                filter=Q(application__kind=ApplicationKind.OPERATING_GRANT),
            ),
            ZERO,
        ),
    )
    return Granted(total=sums["total"], operating=sums["operating"])


def application_disbursed(*, application: Application) -> Decimal:
    """The sum paid out on the application so far."""
    return Disbursement.objects.filter(application=application).aggregate(
        total=Coalesce(Sum("amount"), ZERO)
    )["total"]
