"""The budget guard and the one computation of what remains of a budget year."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from grants.budget import BudgetPosition, Granted, budget_year_reserve
from grants.models import BudgetYear
from tests.factories import BudgetYearFactory

D = Decimal


def position(ceiling, operating_ceiling, granted, granted_operating):
    return BudgetPosition(
        ceiling=D(ceiling),
        operating_ceiling=None if operating_ceiling is None else D(operating_ceiling),
        granted=D(granted),
        granted_operating=D(granted_operating),
    )


@pytest.mark.parametrize(
    ("values", "remaining", "remaining_operating"),
    [
        (("1000", None, "300", "0"), D("700"), None),
        (("1000", "400", "300", "100"), D("700"), D("300")),
        # The operating grants cannot take more than the anslag has left.
        (("1000", "400", "900", "100"), D("100"), D("100")),
        # Overdrawn (a ceiling lowered by an amendment): below zero, not hidden.
        (("1000", "400", "1200", "500"), D("-200"), D("-200")),
    ],
)
def test_remaining_and_remaining_operating(values, remaining, remaining_operating):
    budget = position(*values)
    assert budget.remaining == remaining
    assert budget.remaining_operating == remaining_operating


def granted(total, operating="0"):
    """A reader of the granted sums, as the caller passes it, that records calls."""

    def read(*, budget_year):
        read.calls.append(budget_year)
        return Granted(D(total), D(operating))

    read.calls = []
    return read


@pytest.fixture
def year(db):
    return BudgetYearFactory(
        year=2030,
        initial_ceiling=D("1000000"),
        ceiling=D("1000000"),
        operating_grant_ceiling=D("400000"),
    )


def test_reserve_allows_exactly_what_remains_and_returns_the_position(year):
    reader = granted("800000")
    result = budget_year_reserve(
        budget_year=year, amount=D("200000"), operating=False, granted=reader
    )
    assert result == position("1000000", "400000", "800000", "0")
    assert [y.pk for y in reader.calls] == [year.pk]


def test_reserve_refuses_above_the_appropriation_with_the_remaining_sum(year):
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        budget_year_reserve(
            budget_year=year,
            amount=D("200000.01"),
            operating=False,
            granted=granted("800000"),
        )
    assert refused.value.code == "over_ceiling"
    assert refused.value.messages == [
        "Över anslaget för 2030. Återstår: 200\u00a0000\u00a0kr."
    ]


def test_reserve_shows_nothing_left_when_the_appropriation_is_overdrawn(year):
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        budget_year_reserve(
            budget_year=year, amount=D("1"), operating=False, granted=granted("1100000")
        )
    assert refused.value.messages == ["Över anslaget för 2030. Återstår: 0\u00a0kr."]


def test_reserve_holds_the_operating_grant_ceiling_for_operating_grants_only(year):
    reader = granted("500000", operating="350000")
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        budget_year_reserve(
            budget_year=year, amount=D("60000"), operating=True, granted=reader
        )
    assert refused.value.code == "over_operating_ceiling"
    assert refused.value.messages == [
        "Över taket för direkt verksamhetsstöd. Återstår: 50\u00a0000\u00a0kr."
    ]
    budget_year_reserve(
        budget_year=year, amount=D("60000"), operating=False, granted=reader
    )
    budget_year_reserve(
        budget_year=year, amount=D("50000"), operating=True, granted=reader
    )


def test_reserve_without_an_operating_ceiling_checks_the_appropriation_only(year):
    year.operating_grant_ceiling = None
    year.save()
    budget_year_reserve(
        budget_year=year,
        amount=D("500000"),
        operating=True,
        granted=granted("500000", operating="500000"),
    )


def test_reserve_reads_the_ceiling_from_the_database_not_the_callers_copy(year):
    BudgetYear.objects.filter(pk=year.pk).update(ceiling=D("900000"))
    assert year.ceiling == D("1000000")  # the caller's copy is stale
    with pytest.raises(ValidationError) as refused:
        budget_year_reserve(
            budget_year=year,
            amount=D("150000"),
            operating=False,
            granted=granted("800000"),
        )
    assert refused.value.code == "over_ceiling"


def test_reserve_locks_the_budget_year_before_it_reads_the_granted_sums(year):
    seen = []

    def read(*, budget_year):
        seen.extend(query["sql"] for query in queries.captured_queries)
        return Granted(D("0"), D("0"))

    with CaptureQueriesContext(connection) as queries:
        budget_year_reserve(
            budget_year=year, amount=D("1"), operating=False, granted=read
        )
    assert len(seen) == 1
    assert "grants_budgetyear" in seen[0]
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in seen[0]
