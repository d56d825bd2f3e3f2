"""The benchmark: server time of every page, the admin and raw SQL, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/avhopp_bench \\
        .venv/bin/python bench/run.py

Runs on the data of `manage.py seed_bench` with DEBUG off. Each page of
bench/pages.py is requested through the Django test client as a logged-in user of
its role: warm-up requests first, then --repeat timed ones; a page whose URL name
does not exist is reported as missing. In the same run it times the Django admin
changelist with the same filters, the report's figures in raw SQL, and the import
of 10 000 CSV rows (rolled back). It prints a table and writes it, with the facts
of the machine, into docs/performance.md between the `bench` markers.
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "avhopp.settings_bench")
    # Only this process uses the key (for the sessions of its test client).
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    # Not one line per force_login from django-axes between the results.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if settings.DEBUG:
        print("warning: DEBUG is on; timings include Django's debug overhead")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--year", type=int, help="budget year (default: the last full)")
    parser.add_argument("--only", help="comma-separated page keys")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave the docs alone"
    )
    return parser.parse_args(argv)


def evaluate(page, result, results) -> tuple[str, str]:
    """The target text and whether it was met: yes, no, or — when not measured."""
    parts: list[tuple[str, bool | None]] = []
    median = result.median
    if page.target_ms:
        parts.append((f"median < {page.target_ms:.0f} ms", _lt(median, page.target_ms)))
    if page.sql_budget:
        factor, extra = page.sql_budget
        sql = results.get("raw_sql")
        limit = factor * sql.median + extra if sql and sql.ok else None
        text = f"≤ {factor:g}×SQL + {extra:.0f} ms"
        if limit is not None:
            text += f" (= {limit:.0f} ms)"
        parts.append((text, _lt(median, limit, inclusive=True)))
    if page.compare_with:
        admin = results.get(page.compare_with)
        limit = admin.median if admin and admin.ok else None
        parts.append(("≤ admin, same filter", _lt(median, limit, inclusive=True)))
    if page.max_queries:
        within = None if result.queries is None else result.queries <= page.max_queries
        parts.append((f"≤ {page.max_queries} queries", within))
    if not parts:
        return "reference", ""
    verdicts = [v for _, v in parts]
    if not result.ok:
        met = "—"
    elif all(v is True for v in verdicts):
        met = "yes"
    elif any(v is False for v in verdicts):
        met = "**no**"
    else:
        met = "?"
    return "; ".join(t for t, _ in parts), met


def _lt(value, limit, *, inclusive=False) -> bool | None:
    if value is None or limit is None:
        return None
    return value <= limit if inclusive else value < limit


def rows_for(pages, results, extra_results):
    from bench.docs import fmt_ms

    rows = []
    for page in pages:
        result = results[page.key]
        target, met = evaluate(page, result, results)
        rows.append(_row(result, target, met, fmt_ms))
    for result, target, limit_ms in extra_results:
        met = ""
        if limit_ms:
            met = (
                "—"
                if not result.ok
                else ("yes" if result.median < limit_ms else "**no**")
            )
        rows.append(_row(result, target, met, fmt_ms))
    return rows


def _row(result, target, met, fmt_ms) -> list[str]:
    status = result.status if result.status == "ok" else f"{result.status}"
    return [
        result.title,
        f"`{result.url}`" if result.url else "",
        status,
        fmt_ms(result.median),
        fmt_ms(result.p95),
        str(len(result.samples_ms)) if result.ok else "",
        "" if result.queries is None else str(result.queries),
        target,
        met,
    ]


HEADER = [
    "Page",
    "URL",
    "status",
    "median ms",
    "p95 ms",
    "n",
    "queries",
    "target",
    "met",
]


def ratios(pages, results) -> list[str]:
    lines = []
    for page in pages:
        mine = results[page.key]
        if page.compare_with:
            admin = results.get(page.compare_with)
            if mine.ok and admin and admin.ok:
                lines.append(
                    f"- {page.title} / {admin.title}: "
                    f"{mine.median / admin.median:.2f} (target ≤ 1)"
                )
            else:
                lines.append(
                    f"- {page.title} / admin changelist: not measured "
                    f"({mine.status}; admin {admin.status if admin else 'absent'})"
                )
        if page.sql_budget:
            sql = results.get("raw_sql")
            if mine.ok and sql and sql.ok:
                factor, extra = page.sql_budget
                lines.append(
                    f"- {page.title} / ({factor:g}×raw SQL + {extra:.0f} ms): "
                    f"{mine.median / (factor * sql.median + extra):.2f} (target ≤ 1)"
                )
            else:
                lines.append(f"- {page.title} / raw SQL: not measured ({mine.status})")
    return lines


def notes(results) -> list[str]:
    return [
        f"- {r.title}: {r.status}{': ' + r.detail if r.detail else ''}"
        for r in results
        if r.detail
    ]


def main(argv=None) -> int:
    args = parse_args(argv)
    load_at_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    setup_django()
    from django.db import connection

    from bench.docs import (
        PERFORMANCE_MD,
        machine_facts,
        plain_table,
        replace_section,
        table,
    )
    from bench.measure import (
        data_size,
        measure_import,
        measure_page,
        measure_raw_sql,
        pick_sample,
    )
    from bench.pages import PAGES

    pages = PAGES
    if args.only:
        keys = set(args.only.split(","))
        pages = [p for p in PAGES if p.key in keys]
    sample = pick_sample(args.year)
    print(f"Sample: {sample}")
    results = {}
    results["raw_sql"] = measure_raw_sql(sample, warmup=args.warmup, repeat=args.repeat)
    clients: dict = {}
    for page in pages:
        print(f"… {page.key}", flush=True)
        results[page.key] = measure_page(
            page, sample, clients, warmup=args.warmup, repeat=args.repeat
        )
    extra = [(results["raw_sql"], "reference", None)]
    if not args.no_import:
        from applications.models import Application

        last_year = (
            Application.objects.order_by("-budget_year__year")
            .values_list("budget_year__year", flat=True)
            .first()
        )
        imported = measure_import(rows=args.import_rows, year=last_year or sample.year)
        extra.append((imported, "< 30 s", 30_000.0))
    rows = rows_for(pages, results, extra)
    all_results = [results[p.key] for p in pages] + [r for r, _, _ in extra]
    print(plain_table(HEADER, rows))
    for line in ratios(pages, results) + notes(all_results):
        print(line)
    if args.no_write:
        return 0
    size = data_size()
    facts = machine_facts()
    facts.insert(2, f"Load average at the start: {load_at_start}")
    facts.append(
        f"Database: {connection.vendor} {_server_version(connection)}"
        + _planner_settings(connection)
    )
    facts.append(
        "Data: "
        + ", ".join(
            f"{n:,} {name}".replace(",", " ")
            for name, n in size.items()
            if name != "database bytes"
        )
        + (
            f"; database size {size['database bytes'] / 2**20:.0f} MiB"
            if "database bytes" in size
            else ""
        )
    )
    facts.append(
        f"Measured: budget year {sample.year}, län {sample.county_code}, "
        f"application {sample.reference_number}, search `{sample.search}`; "
        f"{args.warmup} warm-up then {args.repeat} timed requests per page "
        "(PDF and CSV at most 5), Django test client, avhopp.settings_bench with DEBUG "
        "off and two-factor login required (bench users' sessions verified); "
        "queries = every SQL statement of one request"
    )
    body = "\n".join(
        ["- " + f for f in facts]
        + ["", table(HEADER, rows), "", "Ratios:", ""]
        + ratios(pages, results)
        + (["", "Notes:", ""] + notes(all_results) if notes(all_results) else [])
    )
    replace_section(PERFORMANCE_MD, "bench", body)
    print(f"Written to {PERFORMANCE_MD}")
    return 0


PLANNER_SETTINGS = ("random_page_cost", "shared_buffers", "work_mem")


def _planner_settings(connection) -> str:
    """The PostgreSQL settings docs/deployment.md recommends, as they were."""
    if connection.vendor != "postgresql":
        return ""
    values = []
    with connection.cursor() as cursor:
        for name in PLANNER_SETTINGS:
            cursor.execute(f"SHOW {name}")  # noqa: S608 - fixed names
            values.append(f"{name} {cursor.fetchone()[0]}")
    return "; " + ", ".join(values)


def _server_version(connection) -> str:
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
