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
applications: no loops over rows. Python only combines the aggregated groups
(at most one per kommun × outcome × reason, or per organisation).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from applications.models import (
    Application,
    ApplicationKind,
    Disbursement,
    Intervention,
    InterventionKind,
    Outcome,
    RejectionReason,
)
from grants.models import AllocationDecision, AllocationShare, BudgetYear
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


def budget_years_span(*, from_year: int, to_year: int) -> list[BudgetYear]:
    """The budget years from from_year to to_year, each with its stored report
    (``annual_report``, if any) and its amendments: 2 queries."""
    return list(
        BudgetYear.objects.filter(year__gte=from_year, year__lte=to_year)
        .select_related("annual_report")
        .prefetch_related("amendments")
        .order_by("year")
    )


@dataclass
class Allocation:
    """A fördelningsbeslut of section 2.1 with its shares per kind."""

    decided_on: date
    reference: str
    summary: str
    shares: list[AllocationShare] = field(default_factory=list)


def allocations_of(*, budget_year: BudgetYear) -> list[Allocation]:
    """The budget year's fördelningsbeslut with their shares, in one query."""
    rows = (
        AllocationDecision.objects.filter(budget_year=budget_year)
        .order_by("decided_on", "pk", "shares__pk")
        .values_list(
            "pk", "decided_on", "reference", "summary", "shares__kind", "shares__amount"
        )
    )
    allocations: dict[int, Allocation] = {}
    for pk, decided_on, reference, summary, kind, amount in rows:
        allocation = allocations.setdefault(
            pk, Allocation(decided_on, reference, summary)
        )
        if kind is not None:
            allocation.shares.append(AllocationShare(kind=kind, amount=amount))
    return list(allocations.values())


def decided_groups(*, year: int) -> list[dict]:
    """The year's decided applications in one scan, grouped by kind, organisation,
    kommun, outcome and rejection reason, with the organisation's name and the
    kommun's län (small tables joined, no extra groups): at most a few hundred
    groups, from which table 3.1 and section 3.2 are derived."""
    return list(
        _decided_in(year)
        .values(
            "kind",
            "applicant_organisation_id",
            "applicant_organisation__name",
            "applicant_municipality_id",
            "applicant_municipality__county__name",
            "decision__outcome",
            "decision__rejection_reason",
        )
        .annotate(n=Count("id"), amount=Sum("decision__granted_amount"))
        .order_by()
    )


def paid_groups(*, year: int) -> list[dict]:
    """Disbursements dated in the calendar year, summed per kind and organisation
    (with the organisation's name)."""
    return list(
        Disbursement.objects.filter(paid_on__year=year)
        .values(
            "application__kind",
            "application__applicant_organisation_id",
            "application__applicant_organisation__name",
        )
        .annotate(amount=Sum("amount"))
        .order_by()
    )


def payments_by_recipient(*, year: int, groups: list[dict] | None = None) -> Payments:
    """Table 3.1: granted (decided in the budget year) and paid (in the calendar year)
    per recipient category: kommuner together, then each organisation."""
    groups = decided_groups(year=year) if groups is None else groups
    rows: dict[tuple, RecipientRow] = {}

    def row_for(kind, org_id, name) -> RecipientRow:
        if (kind, org_id) not in rows:
            rows[(kind, org_id)] = RecipientRow(kind, org_id, name or "")
        return rows[(kind, org_id)]

    for g in groups:
        if g["decision__outcome"] == Outcome.GRANTED:
            row = row_for(
                g["kind"],
                g["applicant_organisation_id"],
                g["applicant_organisation__name"],
            )
            row.granted += g["amount"]
            row.applications += g["n"]
    for g in paid_groups(year=year):
        row = row_for(
            g["application__kind"],
            g["application__applicant_organisation_id"],
            g["application__applicant_organisation__name"],
        )
        row.paid = g["amount"]
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


def individual_case_figures(
    *, year: int, groups: list[dict] | None = None
) -> IndividualFigures:
    """Section 3.2: counts, amount, kommuner, their län, rejections and insatser."""
    groups = decided_groups(year=year) if groups is None else groups
    individual = [g for g in groups if g["kind"] == ApplicationKind.INDIVIDUAL]
    granted = [g for g in individual if g["decision__outcome"] == Outcome.GRANTED]
    rejected = [g for g in individual if g["decision__outcome"] == Outcome.REJECTED]
    kommuner = {g["applicant_municipality_id"] for g in granted}
    per_reason = {reason.value: 0 for reason in RejectionReason}
    for g in rejected:
        per_reason[g["decision__rejection_reason"]] += g["n"]
    return IndividualFigures(
        handled=sum(g["n"] for g in individual),
        granted=sum(g["n"] for g in granted),
        rejected=sum(g["n"] for g in rejected),
        granted_amount=sum((g["amount"] for g in granted), ZERO),
        municipalities=len(kommuner),
        counties=sorted(
            {g["applicant_municipality__county__name"] for g in granted} - {None}
        ),
        rejections=[
            (reason.value, str(reason.label), per_reason[reason.value])
            for reason in RejectionReason
        ],
        interventions=interventions_funded(year=year),
    )


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
    order = list(InterventionKind.values)
    rows = [(kind, str(InterventionKind(kind).label), n) for kind, n in groups]
    return sorted(rows, key=lambda r: (-r[2], order.index(r[0])))


def trend(
    *, from_year: int, to_year: int, ceilings: dict[int, Decimal] | None = None
) -> list[TrendRow]:
    """Section 4: per budget year, the granted individärenden and the anslag.
    An empty range (to_year < from_year) gives no rows and runs no query; the
    anslag are read unless given as {year: ceiling}."""
    if to_year < from_year:
        return []
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
    if ceilings is None:
        ceilings = dict(
            BudgetYear.objects.filter(
                year__gte=from_year, year__lte=to_year
            ).values_list("year", "ceiling")
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
