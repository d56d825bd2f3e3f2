"""The indexes the work list, the decision queue and the search rely on."""

import pytest
from django.db import connection

from applications.filters import SORT_ORDER
from applications.models import Application, FollowUpReport, Status

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    """The query plan, with sequential scans and sorts discouraged.

    The test tables are tiny, so on them any index, or none, is as cheap as the
    next, and PostgreSQL's choice among several indexes on `status` is arbitrary.
    With sorts priced out the planner must take an index that gives the order,
    if there is one: that is what these tests ask.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")
    return queryset.explain()


def index_names(model) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    return {name for name, info in constraints.items() if info["index"]}


def test_list_order_queue_and_open_follow_up_indexes_exist():
    assert {
        "app_received_idx",
        "app_year_received_idx",
        "app_status_received_idx",
        "app_amount_idx",
        "app_status_id_idx",
    } <= index_names(Application)
    assert "followup_open_due_idx" in index_names(FollowUpReport)


def test_work_list_order_can_be_read_from_an_index():
    listed = Application.objects.order_by("-received_on", "-pk")[:25]
    assert "app_received_idx" in plan(listed)
    queue = Application.objects.filter(status=Status.PREPARED).order_by(
        "received_on", "pk"
    )[:25]
    assert "app_status_received_idx" in plan(queue)


@pytest.mark.postgres
def test_diarienummer_search_uses_the_trigram_index():
    # Unordered: the model's default order would let the planner of an empty test
    # table walk the received-date index instead; the search predicate is what counts.
    searched = Application.objects.filter(
        reference_number__icontains="077.21"
    ).order_by()
    assert "app_reference_trgm_idx" in plan(searched)


@pytest.mark.parametrize(
    "sort, index",
    [
        ("-requested_amount", "app_amount_idx"),
        ("requested_amount", "app_amount_idx"),
        ("status", "app_status_id_idx"),
        ("received_on", "app_received_idx"),
    ],
)
def test_each_work_list_sort_can_be_read_from_an_index(sort, index):
    """Read forwards or backwards, one index gives the page without a sort of
    every row: the tie-breaker follows the direction of the sort."""
    listed = Application.objects.order_by(*SORT_ORDER[sort])[:25]
    explained = plan(listed)
    assert index in explained
    if connection.vendor == "postgresql":
        assert "Sort" not in explained
