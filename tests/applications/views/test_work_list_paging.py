"""The work list pages through many rows: every sort gives each row once and in
order, a page past the end shows the last one, and the rows a deep page skips
are read as ids only."""

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.filters import SORT_ORDER, SORTS
from applications.models import Application
from applications.services import application_start_review
from applications.views.pagination import PAGE_SIZE
from tests.factories import BudgetYearFactory, officer_user
from tests.scenarios import registered


@pytest.fixture(scope="module")
def sorted_rows(django_db_setup, django_db_blocker):
    """Applications with ties in every sortable column but the diarienummer,
    received and two in three in review, through the services.

    Built once for the module and rolled back after it; each test runs in a
    savepoint inside, so its own writes go with it.
    """
    amounts = ("100000", "250000", "250000", "900000")
    with django_db_blocker.unblock(), transaction.atomic():
        budget_year = BudgetYearFactory(year=2022)
        officer = officer_user()
        for n in range(2 * PAGE_SIZE + 7):
            application = registered(
                budget_year=budget_year,
                by=officer,
                requested=amounts[n % len(amounts)],
                received_on=date(2022, 3, 1) + timedelta(days=n % 5),
                plan=False,
            )
            if n % 3:
                application_start_review(application=application, by=officer)
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("sort", [""] + [value for value, _label in SORTS])
def test_every_sort_pages_through_each_row_once_in_order(
    client, officer, sorted_rows, sort
):
    expected = list(
        Application.objects.order_by(*SORT_ORDER[sort or "-received_on"]).values_list(
            "pk", flat=True
        )
    )
    client.force_login(officer)
    shown = []
    for number in (1, 2, 3):
        query = {"page": number, **({"sort": sort} if sort else {})}
        page = client.get(reverse("applications:list"), query).context["page"]
        shown += [application.pk for application in page.object_list]
    assert shown == expected


def test_a_page_past_the_end_shows_the_last_page(client, officer, sorted_rows):
    client.force_login(officer)
    page = client.get(reverse("applications:list"), {"page": 99}).context["page"]
    assert page.number == 3 and len(page.object_list) == 7
    first = client.get(reverse("applications:list"), {"page": "x"}).context["page"]
    assert first.number == 1 and len(first.object_list) == PAGE_SIZE


def test_rows_skipped_by_paging_are_read_as_ids_only(
    client, officer, sorted_rows, django_assert_max_num_queries
):
    """The deferred join: the query that skips rows selects nothing but the id, so
    a deep page does not join and annotate every row before it."""
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("applications:list"), {"page": 3})
    skipping = [q["sql"] for q in queries if "OFFSET" in q["sql"].upper()]
    assert len(skipping) == 1
    selected = skipping[0].split(" FROM ", 1)[0]
    assert selected.count('"applications_application"."id"') == 1
    assert "," not in selected
