"""The budget guard: no grant takes a budget year past its anslag, nor past its
ceiling for direct operating grants (verksamhetsstöd).

Grants knows the ceilings; what has been granted is known by the case, one layer
up. The guard therefore takes the reader of the granted sums from its caller and
calls it only after it has locked the budget year's row, so that two decisions
made at the same time queue instead of both seeing the same remaining sum.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from grants.formatting import format_sek
from grants.models import BudgetYear


class Granted(NamedTuple):
    """What a budget year has granted: in all, and as direct operating grants."""

    total: Decimal
    operating: Decimal


class GrantedReader(Protocol):
    def __call__(self, *, budget_year: BudgetYear) -> Granted: ...


@dataclass(frozen=True)
class BudgetPosition:
    """The ceilings of a budget year and what it has granted; what remains follows.

    The one computation of "remaining", for the guard and for every page.
    """

    ceiling: Decimal
    operating_ceiling: Decimal | None
    granted: Decimal
    granted_operating: Decimal

    @classmethod
    def of(cls, budget_year: BudgetYear, granted: Granted) -> "BudgetPosition":
        return cls(
            ceiling=budget_year.ceiling,
            operating_ceiling=budget_year.operating_grant_ceiling,
            granted=granted.total,
            granted_operating=granted.operating,
        )

    @property
    def remaining(self) -> Decimal:
        """What the anslag still allows, below zero if it has been overdrawn."""
        return self.ceiling - self.granted

    @property
    def remaining_operating(self) -> Decimal | None:
        """What may still go to direct operating grants (within both ceilings);
        None when the year sets no such ceiling."""
        if self.operating_ceiling is None:
            return None
        return min(self.operating_ceiling - self.granted_operating, self.remaining)


def budget_year_reserve(
    *,
    budget_year: BudgetYear,
    amount: Decimal,
    operating: bool,
    granted: GrantedReader,
) -> BudgetPosition:
    """Lock the budget year and refuse an amount above what remains of it.

    Call it in the transaction that records the grant: the row lock holds until
    that transaction ends. `granted` reads the sums granted so far; it is called
    after the lock is taken. Returns the position before this amount.
    """
    locked = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    position = BudgetPosition.of(locked, granted(budget_year=locked))
    if amount > position.remaining:
        raise ValidationError(
            _("Above the appropriation for %(year)s. Remaining: %(remaining)s.")
            % {
                "year": locked.year,
                "remaining": format_sek(max(position.remaining, 0)),
            },
            code="over_ceiling",
        )
    operating_left = position.remaining_operating
    if operating and operating_left is not None and amount > operating_left:
        raise ValidationError(
            _("Above the operating grant ceiling. Remaining: %(remaining)s.")
            % {"remaining": format_sek(max(operating_left, 0))},
            code="over_operating_ceiling",
        )
    return position
