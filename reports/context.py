"""The one context builder shared by the HTML page, the HTML file and the PDF."""

from dataclasses import dataclass
from datetime import date
from itertools import count

from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import ApplicationKind, IndividualCase
from grants.formatting import format_number
from grants.models import BudgetYear
from reports import selectors
from reports.charts import Chart, bar_chart_svg, svg_data_uri
from reports.models import Section

TREND_YEARS = 3
MAX_TREND_YEARS = 10


class InvalidYearRange(ValueError):
    """The trend range does not end at the report year or is too long."""


@dataclass
class OrganisationSection:
    anchor: str
    number: str
    row: selectors.RecipientRow
    paragraphs: list[str]


def paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs at blank lines."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def trend_start(*, year: int, from_year: int | None) -> int:
    """The first year of section 4; by default the last three years."""
    start = year - TREND_YEARS + 1 if from_year is None else from_year
    if start > year:
        raise InvalidYearRange(
            _("The first year of the trend cannot be after %(year)s.") % {"year": year}
        )
    if year - start + 1 > MAX_TREND_YEARS:
        raise InvalidYearRange(
            _("The trend can show at most %(n)s years.") % {"n": MAX_TREND_YEARS}
        )
    return start


def trend_charts(rows: list[selectors.TrendRow]) -> list[Chart]:
    years = [r.year for r in rows]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    specs = [
        (
            "amount",
            _("Sum granted to individual cases, %(span)s"),
            _("Sum granted (SEK)"),
            [r.granted_amount for r in rows],
            False,
        ),
        (
            "granted",
            _("Granted applications for individual cases, %(span)s"),
            _("Granted applications"),
            [r.granted for r in rows],
            True,
        ),
        (
            "municipalities",
            _("Municipalities granted funds for individual cases, %(span)s"),
            _("Municipalities"),
            [r.municipalities for r in rows],
            True,
        ),
    ]
    charts = []
    for key, title, value_label, values, integer in specs:
        title = title % {"span": span}
        pairs = [(y, format_number(v)) for y, v in zip(years, values, strict=True)]
        alt = title + ": " + "; ".join(f"{y}: {v}" for y, v in pairs)
        svg = bar_chart_svg(years=years, values=values, integer=integer)
        charts.append(Chart(key, title, alt, svg_data_uri(svg), value_label, pairs))
    return charts


@dataclass(frozen=True)
class Numbering:
    """The numbers of the report's tables and figures, in reading order.

    Tables and figures are numbered separately (Tabell 1, 2, …; Figur 1, 2, …), so
    that the captions and the text can refer to them; an allocation decision without
    shares has no table and no number.
    """

    allocations: list[tuple[selectors.Allocation, int | None]]
    tables: dict[str, int]
    figures: list[tuple[int, Chart]]


def caption_numbers(
    *,
    allocations: list[selectors.Allocation],
    individual: selectors.IndividualFigures,
    charts: list[Chart],
) -> Numbering:
    """Number the tables and figures in the order the template shows them."""
    table = count(1)
    numbered = [(a, next(table) if a.shares else None) for a in allocations]
    tables = {"payments": next(table), "individual": next(table)}
    if individual.interventions:
        tables["interventions"] = next(table)
    tables["trend"] = next(table)
    return Numbering(
        allocations=numbered,
        tables=tables,
        figures=list(enumerate(charts, start=1)),
    )


def organisation_sections(
    payments: selectors.Payments, narratives: dict
) -> list[OrganisationSection]:
    """One section 3.3, 3.4, … per organisation that was granted or paid money."""
    return [
        OrganisationSection(
            anchor=f"s-3-{i}",
            number=f"3.{i}",
            row=row,
            paragraphs=paragraphs(
                narratives.get((Section.ORGANISATION, row.organisation_id), "")
            ),
        )
        for i, row in enumerate(payments.organisations, start=3)
    ]


def table_of_contents(organisations: list[OrganisationSection], span: str) -> list:
    entries = [
        ("s-summary", "", _("Summary")),
        ("s-1", "1", _("Government assignment")),
        ("s-2", "2", _("Application procedure")),
        ("s-2-1", "2.1", _("Decision on the allocation of funds")),
        ("s-2-2", "2.2", _("Conditions for being granted funds")),
        ("s-2-3", "2.3", _("Applications from municipalities")),
        ("s-2-4", "2.4", _("Applications from agencies")),
        ("s-3", "3", _("Accounting")),
        ("s-3-1", "3.1", _("Summary of payments")),
        ("s-3-2", "3.2", _("Individual cases")),
    ]
    entries += [(o.anchor, o.number, o.row.name) for o in organisations]
    entries.append(("s-4", "4", _("Development %(span)s") % {"span": span}))
    return [{"anchor": a, "number": n, "title": t} for a, n, t in entries]


def annual_report_context(
    *,
    year: int,
    from_year: int | None = None,
    report_date: date | None = None,
    version: int | None = None,
) -> dict:
    """Everything the report template shows, computed from the database.

    Raises BudgetYear.DoesNotExist for a year without an anslag and
    InvalidYearRange for a bad trend range.
    """
    start = trend_start(year=year, from_year=from_year)
    first = min(start, year - 1)
    # The report year and the trend's earlier years (their anslag) in one read.
    years = selectors.budget_years_span(from_year=first, to_year=year)
    budget_year = next((y for y in years if y.year == year), None)
    if budget_year is None:
        raise BudgetYear.DoesNotExist(f"No budget year {year}")
    groups = selectors.decided_groups(year=year)
    payments = selectors.payments_by_recipient(year=year, groups=groups)
    individual = selectors.individual_case_figures(year=year, groups=groups)
    # Earlier years from the database; the report year from the figures above, so
    # that its applications are scanned once.
    trend_all = selectors.trend(
        from_year=first,
        to_year=year - 1,
        ceilings={y.year: y.ceiling for y in years if y.year < year},
    )
    trend_all.append(
        selectors.TrendRow(
            year=year,
            granted_amount=individual.granted_amount,
            granted=individual.granted,
            municipalities=individual.municipalities,
            ceiling=budget_year.ceiling,
        )
    )
    trend_rows = [r for r in trend_all if r.year >= start]
    narratives = selectors.narratives_for(year=year)
    report = getattr(budget_year, "annual_report", None)
    organisations = organisation_sections(payments, narratives)
    span = f"{start}–{year}" if start < year else str(year)
    texts = {s.value: paragraphs(narratives.get((s.value, None), "")) for s in Section}
    charts = trend_charts(trend_rows)
    numbers = caption_numbers(
        allocations=selectors.allocations_of(budget_year=budget_year),
        individual=individual,
        charts=charts,
    )
    return {
        "year": year,
        "budget_year": budget_year,
        "amendments": list(budget_year.amendments.all()),
        "reference_number": report.reference_number if report else "",
        "report_date": report_date or timezone.localdate(),
        "version": version,
        "payments": payments,
        "individual": individual,
        "criteria": [
            IndividualCase._meta.get_field(name).verbose_name
            for name in IndividualCase.CRITERIA
        ],
        "operating_grants": [
            r for r in payments.rows if r.kind == ApplicationKind.OPERATING_GRANT
        ],
        "organisations": organisations,
        "previous": trend_all[-2] if len(trend_all) > 1 else None,
        "trend": trend_rows,
        "trend_first": trend_rows[0],
        "trend_span": span,
        "charts": charts,
        "numbers": numbers,
        "texts": texts,
        "toc": table_of_contents(organisations, span),
    }
