"""Reports for unusual years: the definitions hold at the edges."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from applications.models import ApplicationKind, RejectionReason, Status
from reports.context import annual_report_context
from reports.rendering import report_html_render, report_pdf_render
from tests.factories import (
    BudgetYearFactory,
    OrganisationFactory,
)
from tests.reports.conftest import text_of
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db


def granted(year, amount, *, kommun="1280", paid_on=None):
    """An individärende granted on 1 June of the year, paid in full on `paid_on`."""
    return case_at(
        Status.PAID if paid_on else Status.GRANTED,
        budget_year=BudgetYearFactory(year=year),
        requested=amount,
        municipality_code=kommun,
        decided_on=date(year, 6, 1),
        paid_on=paid_on,
    )


def rejected(year, reason, **registration):
    return case_at(
        Status.REJECTED,
        budget_year=BudgetYearFactory(year=year),
        rejection_reason=reason,
        **registration,
    )


def test_a_year_without_applications_renders_with_zeros():
    BudgetYearFactory(year=2023, ceiling=Decimal("50000000"))
    context = annual_report_context(year=2023)
    assert context["payments"].rows == []
    assert context["payments"].granted_total == 0
    individual = context["individual"]
    assert (individual.handled, individual.granted, individual.rejected) == (0, 0, 0)
    assert individual.counties == []
    assert context["organisations"] == []
    html = text_of(report_html_render(context=context))
    assert "Inga medel beviljades eller betalades ut för året." in html
    assert report_pdf_render(context=context).startswith(b"%PDF")


def test_a_year_with_only_rejections_counts_each_reason():
    rejected(2023, RejectionReason.CRITERIA_NOT_MET)
    rejected(2023, RejectionReason.CRITERIA_NOT_MET)
    rejected(2023, RejectionReason.COMPLETION_NOT_SUPPLIED)
    individual = annual_report_context(year=2023)["individual"]
    assert (individual.handled, individual.granted, individual.rejected) == (3, 0, 3)
    assert individual.municipalities == 0
    assert individual.granted_amount == 0
    assert {r: n for r, _label, n in individual.rejections} == {
        RejectionReason.CRITERIA_NOT_MET: 2,
        RejectionReason.INCOMPLETE: 0,
        RejectionReason.COMPLETION_NOT_SUPPLIED: 1,
    }


def test_an_agency_without_grants_gets_no_row_and_no_section():
    agency = OrganisationFactory(name="Exempelmyndigheten")
    rejected(
        2023,
        RejectionReason.INCOMPLETE,
        kind=ApplicationKind.AGENCY,
        organisation=agency,
    )
    granted(2023, Decimal("100000"), paid_on=date(2023, 7, 1))
    context = annual_report_context(year=2023)
    names = [r.name for r in context["payments"].rows]
    assert "Exempelmyndigheten" not in names
    assert context["organisations"] == []
    # An agency's rejection is not an individärende.
    assert context["individual"].handled == 1
    html = report_html_render(context=context)
    assert "Exempelmyndigheten" not in html


def test_amounts_with_ore_are_summed_exactly_and_shown_with_decimal_comma():
    granted(2023, Decimal("1234.50"), paid_on=date(2023, 8, 1), kommun="1280")
    granted(2023, Decimal("1000000.25"), paid_on=date(2023, 8, 2), kommun="0180")
    context = annual_report_context(year=2023)
    assert context["payments"].granted_total == Decimal("1001234.75")
    html = text_of(report_html_render(context=context))
    assert "1 001 234,75" in html
    assert "1 234,50" not in html  # only totals per category are shown
    assert context["trend"][-1].granted_amount == Decimal("1001234.75")


def test_decided_in_one_year_and_paid_in_the_next():
    granted(2022, Decimal("300000"), paid_on=date(2023, 1, 12))
    BudgetYearFactory(year=2023)
    row_2022 = annual_report_context(year=2022)["payments"].rows[0]
    assert (row_2022.granted, row_2022.paid) == (Decimal("300000"), Decimal("0"))
    row_2023 = annual_report_context(year=2023)["payments"].rows[0]
    assert (row_2023.granted, row_2023.paid) == (Decimal("0"), Decimal("300000"))
    assert annual_report_context(year=2023)["individual"].handled == 0


def test_operating_grant_gets_its_own_row_and_section():
    organisation = OrganisationFactory(name="Exempelföreningen", kind="non_profit")
    case_at(
        Status.GRANTED,
        budget_year=BudgetYearFactory(year=2023),
        kind=ApplicationKind.OPERATING_GRANT,
        organisation=organisation,
        requested="750000",
    )
    context = annual_report_context(year=2023)
    assert [r.name for r in context["payments"].rows] == ["Exempelföreningen"]
    assert context["organisations"][0].number == "3.3"
    assert context["operating_grants"]
    html = text_of(report_html_render(context=context))
    assert "inga ansökningar om direkt verksamhetsstöd" not in html


def test_trend_years_without_an_anslag_show_a_dash():
    BudgetYearFactory(year=2023)
    context = annual_report_context(year=2023, from_year=2019)
    assert [r.year for r in context["trend"]] == [2019, 2020, 2021, 2022, 2023]
    assert context["trend"][0].ceiling is None
    assert "–" in report_html_render(context=context)


def test_render_report_refuses_a_year_without_anslag(tmp_path):
    with pytest.raises(CommandError, match="Inget anslag"):
        call_command(
            "render_report",
            "--year",
            "1999",
            "--format",
            "html",
            "--output",
            tmp_path / "x.html",
        )


def test_render_report_refuses_a_bad_trend_range(tmp_path):
    BudgetYearFactory(year=2023)
    with pytest.raises(CommandError):
        call_command(
            "render_report",
            "--year",
            "2023",
            "--from-year",
            "2024",
            "--format",
            "html",
            "--output",
            tmp_path / "x.html",
        )


def test_no_comparison_with_a_previous_year_that_has_no_data():
    BudgetYearFactory(year=2023)
    html = text_of(report_html_render(context=annual_report_context(year=2023)))
    assert "Under 2022 beviljades" not in html
    BudgetYearFactory(year=2022)
    html = text_of(report_html_render(context=annual_report_context(year=2023)))
    assert "Under 2022 beviljades 0 ansökningar" in html
