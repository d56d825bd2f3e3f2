"""Every figure of the annual redovisning, aggregated in the database.

Definitions (repeated in the report's footnotes and in docs/reports.md):

- A year's application figures count the applications of that **budget year**
  (``Application.budget_year``) that have a **decision** (``Decision``), whatever
  the decision's date. "Handled" (hanterade) = decided; "granted" (beviljade) =
  decided with outcome granted; "rejected" (avslagna) = decided with outcome
  rejected. Applications without a decision (open, withdrawn) are not counted.
- "Granted amount" (beviljat belopp) is the sum of ``Decision.granted_amount``
  of the year's granted applications.
- "Paid" (utbetalt) is the sum of the disbursements (``Disbursement``) whose
  payment date lies in the calendar year, whichever budget year the application
  belongs to: money decided in one year and paid in the next counts as paid in
  the next.
- "Kommuner granted money" counts distinct applicant kommuner among the year's
  granted individärenden; their län are those kommuner's län.

Each function issues a fixed number of queries, independent of the number of
applications: no loops over rows, only over the handful of aggregated groups.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from applications.models import (
    Application,
    ApplicationKind,
    Intervention,
    InterventionKind,
    Outcome,
    RejectionReason,
)
from grants.models import AllocationDecision, BudgetYear, Disbursement
from reports.models import AnnualReport, Narrative, ReportVersion

ZERO = Decimal("0")
GRANTED = Q(decision__outcome=Outcome.GRANTED)
REJECTED = Q(decision__outcome=Outcome.REJECTED)


@dataclass
class RecipientRow:
    """One line of table 3.1: kommuner together, or one organisation."""

    kind: str
    organisation_id: int | None
    name: str
    granted: Decimal = ZERO
    paid: Decimal = ZERO
    applications: int = 0

    @property
    def is_municipalities(self) -> bool:
        return self.kind == ApplicationKind.INDIVIDUAL


@dataclass
class Payments:
    """Table 3.1 with its total."""

    rows: list[RecipientRow]
    granted_total: Decimal
    paid_total: Decimal

    @property
    def municipalities(self) -> RecipientRow:
        for row in self.rows:
            if row.is_municipalities:
                return row
        return RecipientRow(ApplicationKind.INDIVIDUAL, None, "")

    @property
    def organisations(self) -> list[RecipientRow]:
        return [row for row in self.rows if not row.is_municipalities]


@dataclass
class IndividualFigures:
    """Section 3.2: the year's individärenden."""

    handled: int
    granted: int
    rejected: int
    granted_amount: Decimal
    municipalities: int
    counties: list[str] = field(default_factory=list)
    rejections: list[tuple[str, str, int]] = field(default_factory=list)
    interventions: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class TrendRow:
    """One year of section 4: individärenden granted, and the anslag."""

    year: int
    granted_amount: Decimal
    granted: int
    municipalities: int
    ceiling: Decimal | None


def _decided_in(year: int):
    return Application.objects.filter(budget_year__year=year, decision__isnull=False)


def budget_year_get(*, year: int) -> BudgetYear:
    """The budget year with its amendments and allocation decisions (3 queries)."""
    return BudgetYear.objects.prefetch_related(
        "amendments",
        Prefetch(
            "allocation_decisions",
            queryset=AllocationDecision.objects.prefetch_related("shares"),
        ),
    ).get(year=year)


def payments_by_recipient(*, year: int) -> Payments:
    """Table 3.1: granted (decided in the budget year) and paid (in the calendar year)
    per recipient category: kommuner together, then each organisation."""
    granted = (
        _decided_in(year)
        .filter(GRANTED)
        .values("kind", "applicant_organisation_id", "applicant_organisation__name")
        .annotate(amount=Sum("decision__granted_amount"), n=Count("id"))
        .order_by()
    )
    paid = (
        Disbursement.objects.filter(paid_on__year=year)
        .values(
            "application__kind",
            "application__applicant_organisation_id",
            "application__applicant_organisation__name",
        )
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    rows: dict[tuple, RecipientRow] = {}

    def row_for(kind, org_id, name) -> RecipientRow:
        key = (kind, org_id)
        if key not in rows:
            rows[key] = RecipientRow(kind, org_id, name or "")
        return rows[key]

    for group in granted:
        row = row_for(
            group["kind"],
            group["applicant_organisation_id"],
            group["applicant_organisation__name"],
        )
        row.granted, row.applications = group["amount"], group["n"]
    for group in paid:
        row = row_for(
            group["application__kind"],
            group["application__applicant_organisation_id"],
            group["application__applicant_organisation__name"],
        )
        row.paid = group["amount"]
    kind_order = list(ApplicationKind.values)
    ordered = sorted(
        rows.values(),
        key=lambda r: (kind_order.index(r.kind), -r.granted, -r.paid, r.name),
    )
    return Payments(
        rows=ordered,
        granted_total=sum((r.granted for r in ordered), ZERO),
        paid_total=sum((r.paid for r in ordered), ZERO),
    )


def individual_case_figures(*, year: int) -> IndividualFigures:
    """Section 3.2: counts, amount, kommuner, their län, rejections and insatser."""
    decided = _decided_in(year).filter(kind=ApplicationKind.INDIVIDUAL)
    totals = decided.aggregate(
        handled=Count("id"),
        granted=Count("id", filter=GRANTED),
        rejected=Count("id", filter=REJECTED),
        granted_amount=Sum("decision__granted_amount", filter=GRANTED),
        municipalities=Count("applicant_municipality", distinct=True, filter=GRANTED),
    )
    return IndividualFigures(
        handled=totals["handled"],
        granted=totals["granted"],
        rejected=totals["rejected"],
        granted_amount=totals["granted_amount"] or ZERO,
        municipalities=totals["municipalities"],
        counties=granted_counties(year=year),
        rejections=rejections_by_reason(year=year),
        interventions=interventions_funded(year=year),
    )


def granted_counties(*, year: int) -> list[str]:
    """The län of the kommuner granted money for individärenden, by name."""
    return list(
        _decided_in(year)
        .filter(GRANTED, kind=ApplicationKind.INDIVIDUAL)
        .values_list("applicant_municipality__county__name", flat=True)
        .distinct()
        .order_by("applicant_municipality__county__name")
    )


def rejections_by_reason(*, year: int) -> list[tuple[str, str, int]]:
    """(reason, label, count) for every rejection reason, zero included."""
    counts = dict(
        _decided_in(year)
        .filter(REJECTED, kind=ApplicationKind.INDIVIDUAL)
        .values_list("decision__rejection_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        (reason.value, str(reason.label), counts.get(reason.value, 0))
        for reason in RejectionReason
    ]


def interventions_funded(*, year: int) -> list[tuple[str, str, int]]:
    """(kind, label, number of granted individärenden) for each kind of insats."""
    groups = (
        Intervention.objects.filter(
            action_plan__application__budget_year__year=year,
            action_plan__application__kind=ApplicationKind.INDIVIDUAL,
            action_plan__application__decision__outcome=Outcome.GRANTED,
        )
        .values_list("kind")
        .annotate(n=Count("action_plan", distinct=True))
        .order_by()
    )
    rows = [(kind, str(InterventionKind(kind).label), n) for kind, n in groups]
    return sorted(
        rows, key=lambda r: (-r[2], list(InterventionKind.values).index(r[0]))
    )


def trend(*, from_year: int, to_year: int) -> list[TrendRow]:
    """Section 4: per budget year, the granted individärenden and the anslag."""
    groups = {
        g["budget_year__year"]: g
        for g in Application.objects.filter(
            GRANTED,
            kind=ApplicationKind.INDIVIDUAL,
            budget_year__year__gte=from_year,
            budget_year__year__lte=to_year,
        )
        .values("budget_year__year")
        .annotate(
            amount=Sum("decision__granted_amount"),
            n=Count("id"),
            municipalities=Count("applicant_municipality", distinct=True),
        )
        .order_by()
    }
    ceilings = dict(
        BudgetYear.objects.filter(year__gte=from_year, year__lte=to_year).values_list(
            "year", "ceiling"
        )
    )
    rows = []
    for year in range(from_year, to_year + 1):
        g = groups.get(year, {})
        rows.append(
            TrendRow(
                year=year,
                granted_amount=g.get("amount") or ZERO,
                granted=g.get("n", 0),
                municipalities=g.get("municipalities", 0),
                ceiling=ceilings.get(year),
            )
        )
    return rows


def annual_report_for(*, year: int) -> AnnualReport | None:
    """The stored report details of the year, if any."""
    return (
        AnnualReport.objects.filter(budget_year__year=year)
        .select_related("budget_year")
        .first()
    )


def narratives_for(*, year: int) -> dict[tuple[str, int | None], str]:
    """{(section, organisation id or None): text} of the year's report."""
    return {
        (n.section, n.organisation_id): n.text
        for n in Narrative.objects.filter(report__budget_year__year=year).only(
            "section", "organisation_id", "text"
        )
    }


def report_years() -> list[dict]:
    """Budget years with their number of decided applications and of versions."""
    return list(
        BudgetYear.objects.annotate(
            decided=Count(
                "applications", filter=Q(applications__decision__isnull=False)
            ),
        )
        .values("year", "decided")
        .order_by("-year")
    )


def versions_sent_count() -> dict[int, int]:
    """{year: number of frozen versions}."""
    return dict(
        ReportVersion.objects.values_list("report__budget_year__year")
        .annotate(n=Count("id"))
        .order_by()
    )


def report_versions(*, year: int):
    """The frozen versions of a year, newest first, without their PDF bytes."""
    return (
        ReportVersion.objects.filter(report__budget_year__year=year)
        .select_related("sent_by")
        .defer("pdf")
        .order_by("-number")
    )
