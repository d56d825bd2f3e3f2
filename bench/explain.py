"""EXPLAIN ANALYZE of the queries the pages need, on the seed_bench data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/avhopp_bench \\
        .venv/bin/python bench/explain.py [--label after] [--write]

The catalogue below is written the way the selectors of the work list, the
detail, the dashboard, the decision queue and the report are expected to query
(filters by budget year, status, kind, kommun, län, polisregion and handläggare;
search by diarienummer and applicant; sorted by received date; aggregations per
year). For each it prints the median execution time over --repeat runs and the
scans of the plan, which show whether an index is used. With --write the table
goes into docs/performance.md between the `explain-LABEL` markers.
"""

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Query:
    key: str
    page: str
    build: Callable  # (ctx) -> QuerySet
    count: bool = False  # time COUNT(*) of the queryset instead of its rows


def catalogue() -> list[Query]:
    from django.db.models import Count, Q, Sum

    from applications import workflow
    from applications.models import (
        Application,
        ApplicationKind,
        CompletionRequest,
        Decision,
        Disbursement,
        Event,
        FollowUpReport,
        Outcome,
        Status,
    )
    from grants.models import Municipality, Organisation

    listed = Application.objects.select_related(
        "applicant_municipality",
        "applicant_organisation",
        "budget_year",
        "assigned_to",
    ).order_by("-received_on", "-pk")
    open_statuses = sorted(workflow.OPEN)

    def search(c):
        return listed.filter(reference_number__icontains=c["search"])

    def applicant(c):
        return listed.filter(
            Q(applicant_municipality__name__icontains=c["kommun"])
            | Q(applicant_organisation__name__icontains=c["kommun"])
        )

    def applicant_subquery(c):
        # The same search written so that the foreign-key indexes can be used.
        return listed.filter(
            Q(
                applicant_municipality__in=Municipality.objects.filter(
                    name__icontains=c["kommun"]
                )
            )
            | Q(
                applicant_organisation__in=Organisation.objects.filter(
                    name__icontains=c["kommun"]
                )
            )
        )

    def year_county(c):
        return listed.filter(
            budget_year_id=c["year_id"],
            applicant_municipality__county_id=c["county_id"],
        )

    granted = Decision.objects.filter(outcome=Outcome.GRANTED)
    return [
        Query("list_page", "work list", lambda c: listed[:25]),
        Query("list_count", "work list", lambda c: listed, count=True),
        Query("year_county_page", "work list", lambda c: year_county(c)[:25]),
        Query("year_county_count", "work list", year_county, count=True),
        Query(
            "year_status_kind_page",
            "work list",
            lambda c: listed.filter(
                budget_year_id=c["year_id"],
                status=Status.IN_REVIEW,
                kind=ApplicationKind.INDIVIDUAL,
            )[:25],
        ),
        Query(
            "kommun_page",
            "work list",
            lambda c: listed.filter(applicant_municipality_id=c["kommun_id"])[:25],
        ),
        Query(
            "police_region_page",
            "work list",
            lambda c: listed.filter(
                applicant_municipality__police_region_id=c["region_id"]
            )[:25],
        ),
        Query(
            "assigned_open_page",
            "work list",
            lambda c: listed.filter(
                assigned_to_id=c["officer_id"], status__in=open_statuses
            )[:25],
        ),
        Query("search_ref_page", "work list", lambda c: search(c)[:25]),
        Query("search_ref_count", "work list", search, count=True),
        Query(
            "search_ref_prefix",
            "work list",
            lambda c: listed.filter(
                reference_number__istartswith="BENCH-" + c["search"]
            )[:25],
        ),
        Query("search_applicant_page", "work list", lambda c: applicant(c)[:25]),
        Query(
            "search_applicant_subquery",
            "work list",
            lambda c: applicant_subquery(c)[:25],
        ),
        Query(
            "status_counts_year",
            "work list",
            lambda c: (
                Application.objects.filter(budget_year_id=c["year_id"])
                .values("status")
                .annotate(n=Count("pk"))
                .order_by()
            ),
        ),
        Query(
            "detail_events",
            "detail",
            lambda c: (
                Event.objects.filter(application_id=c["app_id"])
                .select_related("actor")
                .order_by("created_at", "pk")
            ),
        ),
        Query(
            "queue",
            "decision queue",
            lambda c: (
                Application.objects.filter(status=Status.PREPARED)
                .select_related("proposal", "applicant_municipality", "budget_year")
                .order_by("received_on", "pk")[:50]
            ),
        ),
        Query(
            "granted_sum_year",
            "dashboard",
            lambda c: (
                granted.filter(application__budget_year_id=c["year_id"])
                .values("application__kind")
                .annotate(s=Sum("granted_amount"), n=Count("pk"))
                .order_by()
            ),
        ),
        Query(
            "paid_in_year",
            "dashboard",
            lambda c: (
                Disbursement.objects.filter(
                    paid_on__gte=date(c["year"], 1, 1),
                    paid_on__lt=date(c["year"] + 1, 1, 1),
                )
                .values("application__kind")
                .annotate(s=Sum("amount"))
                .order_by()
            ),
        ),
        Query(
            "overdue_completions",
            "dashboard",
            lambda c: (
                CompletionRequest.objects.filter(
                    answered_on__isnull=True, reply_by__lt=c["today"]
                )
                .select_related("application")
                .order_by("reply_by")[:50]
            ),
        ),
        Query(
            "overdue_follow_ups",
            "dashboard",
            lambda c: (
                FollowUpReport.objects.filter(
                    received_on__isnull=True, due_on__lt=c["today"]
                )
                .select_related("application")
                .order_by("due_on")[:50]
            ),
        ),
        Query(
            "report_by_kind",
            "report",
            lambda c: (
                Decision.objects.filter(application__budget_year__year=c["year"])
                .values("application__kind", "outcome")
                .annotate(s=Sum("granted_amount"), n=Count("pk"))
                .order_by()
            ),
        ),
        Query(
            "report_trend",
            "report",
            lambda c: (
                granted.filter(
                    application__kind=ApplicationKind.INDIVIDUAL,
                    application__budget_year__year__range=(c["year"] - 2, c["year"]),
                )
                .values("application__budget_year__year")
                .annotate(
                    s=Sum("granted_amount"),
                    n=Count("pk"),
                    k=Count("application__applicant_municipality", distinct=True),
                )
                .order_by()
            ),
        ),
        Query(
            "export_year",
            "CSV export",
            lambda c: listed.filter(budget_year_id=c["year_id"]),
        ),
    ]


def context() -> dict:
    from django.contrib.auth import get_user_model

    from accounts.roles import Role
    from bench.measure import pick_sample
    from grants.models import BudgetYear, Municipality

    sample = pick_sample()
    kommun = Municipality.objects.get(code="1280")
    return {
        "year": sample.year,
        "year_id": BudgetYear.objects.get(year=sample.year).pk,
        "county_id": sample.county_id,
        "kommun_id": kommun.pk,
        "kommun": kommun.name[:4].lower(),
        "region_id": kommun.police_region_id,
        "officer_id": get_user_model()
        .objects.filter(groups__name=Role.CASE_OFFICER)
        .order_by("username")
        .first()
        .pk,
        "app_id": sample.application_id,
        "search": sample.search,
        "today": date(sample.year + 1, 11, 1),
    }


def scans(plan: dict) -> list[str]:
    """The leaf scans of a JSON plan, e.g. 'Index Scan app_received_idx'."""
    children = plan.get("Plans", [])
    if not children:
        where = plan.get("Index Name") or plan.get("Relation Name", "")
        return [f"{plan['Node Type']} {where}".strip()]
    return [s for child in children for s in scans(child)]


def explain(query: Query, ctx: dict, repeat: int) -> tuple[float, list[str]]:
    from django.db import connection

    qs = query.build(ctx)
    if query.count:
        # As QuerySet.count() does: no select_related joins, no ordering.
        qs = qs.select_related(None).order_by().values("pk")
    sql, params = qs.query.sql_with_params()
    if query.count:
        sql = f"SELECT COUNT(*) FROM ({sql}) AS counted"  # noqa: S608
    times = []
    plan = {}
    with connection.cursor() as cursor:
        for _ in range(repeat + 1):
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, params)
            doc = cursor.fetchone()[0]
            doc = json.loads(doc) if isinstance(doc, str) else doc
            times.append(doc[0]["Execution Time"])
            plan = doc[0]["Plan"]
    return statistics.median(times[1:]), sorted(set(scans(plan)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="current")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", help="comma-separated query keys")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    from bench.run import setup_django

    setup_django()
    from bench.docs import PERFORMANCE_MD, machine_facts, replace_section, table

    ctx = context()
    rows = []
    for query in catalogue():
        if args.only and query.key not in args.only.split(","):
            continue
        ms, used = explain(query, ctx, args.repeat)
        rows.append([query.key, query.page, f"{ms:.2f}", "<br>".join(used)])
        print(f"{query.key:24} {ms:9.2f} ms  {'; '.join(used)}", flush=True)
    if args.write:
        body = "\n".join(
            [f"- {f}" for f in machine_facts()]
            + [
                f"- Label: {args.label}; median of {args.repeat} EXPLAIN ANALYZE runs",
                "",
            ]
            + [table(["query", "page", "ms", "scans"], rows)]
        )
        replace_section(PERFORMANCE_MD, f"explain-{args.label}", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
