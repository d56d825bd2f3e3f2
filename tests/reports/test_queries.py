"""The number of SQL queries for the report does not grow with the data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import ApplicationKind, Status
from reports.context import annual_report_context
from reports.rendering import report_html_render
from tests.factories import (
    BudgetYearFactory,
    OrganisationFactory,
)
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db

KOMMUNER = ["1280", "0180", "1480", "0380", "1880", "1780"]


def add_applications(n: int, *, start: int) -> None:
    budget_year = BudgetYearFactory(year=2023)
    for i in range(start, start + n):
        case_at(
            Status.PAID,
            budget_year=budget_year,
            reference_number=f"Q{i:05d}/2023",
            municipality_code=KOMMUNER[i % len(KOMMUNER)],
            requested="100000",
            decided_on=date(2023, 3, 1),
            paid_on=date(2023, 3, 9),
        )
    case_at(
        Status.GRANTED,
        budget_year=budget_year,
        reference_number=f"QA{start}/2023",
        kind=ApplicationKind.AGENCY,
        organisation=OrganisationFactory(name=f"Verk {start}"),
    )


def report_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        report_html_render(context=annual_report_context(year=2023))
    return len(queries)


def test_query_count_is_the_same_for_small_and_large_years(django_assert_num_queries):
    add_applications(3, start=0)
    small = report_queries()
    add_applications(60, start=100)
    with django_assert_num_queries(small):
        report_html_render(context=annual_report_context(year=2023))
    assert small <= 20
