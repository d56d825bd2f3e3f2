"""Query budgets (issue 6, point 2): every page of bench/pages.py that has a budget
(work list unfiltered, by year and län, searched; detail; decision queue; dashboard;
report; audit page) runs at most that many SQL queries, and the same number with 100
and with 10 000 applications.

The pages are requested as in production: by seed_bench users of the page's role,
whose sessions are verified with two factors (django-otp reads the device on every
request). Every statement counts, also the savepoints of the test's transaction
around the session's save."""

import pytest

from bench.data.marks import bench_clear
from bench.data.seed import bench_seed
from bench.measure import measure_page, pick_sample
from bench.pages import PAGES

pytestmark = pytest.mark.django_db

BUDGETED = [p for p in PAGES if p.max_queries]


def query_counts(size: int) -> dict[str, object]:
    bench_seed(applications=size, years=3, last_year=2024)
    sample = pick_sample()
    counts = {}
    clients: dict = {}
    for page in BUDGETED:
        result = measure_page(page, sample, clients, warmup=0, repeat=1)
        counts[page.key] = result.queries if result.ok else result.status
    bench_clear()
    return counts


def test_pages_keep_their_query_budget_at_100_and_10000_applications():
    small = query_counts(100)
    large = query_counts(10_000)
    for page in BUDGETED:
        assert isinstance(small[page.key], int), f"{page.key}: {small[page.key]}"
        assert small[page.key] <= page.max_queries, f"{page.key}: {small[page.key]}"
        assert large[page.key] == small[page.key], f"{page.key}: {small} {large}"
