"""The Översikt: a budget year's figures and its oldest overdue items."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from applications.models import (
    Application,
    ApplicationKind,
    CompletionRequest,
    Disbursement,
    FollowUpReport,
    Outcome,
    Status,
)
from applications.selectors.overdue import (
    completion_overdue_list,
    follow_up_overdue_list,
)
from applications.selectors.sums import ZERO
from grants.budget import BudgetPosition, Granted
from grants.models import BudgetYear

OVERDUE_SHOWN = 10  # the dashboard shows the oldest overdue items, and how many


@dataclass
class BudgetSummary:
    budget_year: BudgetYear
    granted: Decimal
    granted_operating: Decimal
    paid: Decimal
    status_counts: list[dict]
    overdue_completions: list[CompletionRequest]
    overdue_follow_ups: list[FollowUpReport]
    amendments: list = field(default_factory=list)
    overdue_completions_total: int = 0
    overdue_follow_ups_total: int = 0

    @property
    def position(self) -> BudgetPosition:
        return BudgetPosition.of(
            self.budget_year, Granted(self.granted, self.granted_operating)
        )

    @property
    def remaining(self) -> Decimal:
        return self.position.remaining

    @property
    def remaining_operating(self) -> Decimal | None:
        return self.position.remaining_operating

    @property
    def used_percent(self) -> int:
        ceiling = self.budget_year.ceiling
        return int(self.granted * 100 / ceiling) if ceiling else 0


def _status_figures(budget_year: BudgetYear) -> list[tuple[str, int, Decimal, Decimal]]:
    """(status, applications, granted, granted as operating grants) of the year,
    in one scan: a decision belongs to one application, so the join adds no rows."""
    granted = Q(decision__outcome=Outcome.GRANTED)
    return list(
        Application.objects.filter(budget_year=budget_year)
        .order_by()
        .values_list("status")
        .annotate(
            n=Count("*"),
            granted=Coalesce(Sum("decision__granted_amount", filter=granted), ZERO),
            operating=Coalesce(
                Sum(
                    "decision__granted_amount",
                    filter=granted & Q(kind=ApplicationKind.OPERATING_GRANT),
                ),
                ZERO,
            ),
        )
    )


def _oldest_with_total(queryset: QuerySet) -> tuple[list, int]:
    """The first OVERDUE_SHOWN rows and the number of all rows, in one query."""
    rows = list(queryset.annotate(total=Window(Count("*")))[:OVERDUE_SHOWN])
    return rows, (rows[0].total if rows else 0)


def budget_year_summary(
    *, budget_year: BudgetYear, today: date | None = None
) -> BudgetSummary:
    """The dashboard's figures for one budget year, aggregated in the database."""
    today = today or timezone.localdate()
    figures = _status_figures(budget_year)
    counted = {status: n for status, n, _granted, _operating in figures}
    paid = Disbursement.objects.filter(application__budget_year=budget_year).aggregate(
        total=Coalesce(Sum("amount"), ZERO)
    )["total"]
    completions, completions_total = _oldest_with_total(
        completion_overdue_list(today=today).filter(
            application__budget_year=budget_year
        )
    )
    follow_ups, follow_ups_total = _oldest_with_total(
        # The dashboard shows the diarienummer and the date: no other joins.
        follow_up_overdue_list(today=today)
        .filter(application__budget_year=budget_year)
        .select_related(None)
        .select_related("application")
    )
    return BudgetSummary(
        budget_year=budget_year,
        granted=sum((row[2] for row in figures), Decimal("0")),
        granted_operating=sum((row[3] for row in figures), Decimal("0")),
        paid=paid,
        status_counts=[
            {"status": status, "label": label, "count": counted.get(status, 0)}
            for status, label in Status.choices
        ],
        overdue_completions=completions,
        overdue_follow_ups=follow_ups,
        overdue_completions_total=completions_total,
        overdue_follow_ups_total=follow_ups_total,
        amendments=list(budget_year.amendments.all()),
    )


def budget_year_current() -> BudgetYear | None:
    """This year's budget year, else the latest one."""
    year = timezone.localdate().year
    return BudgetYear.objects.filter(year=year).first() or BudgetYear.objects.first()
