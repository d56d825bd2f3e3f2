"""Measuring: server time of pages through the Django test client, the raw SQL
yardstick, and the CSV import. Everything here runs inside one Django process."""

import csv
import math
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django_otp import DEVICE_ID_SESSION_KEY

from applications import workflow
from applications.models import (
    Application,
    ApplicationKind,
    CompletionRequest,
    Decision,
    Event,
    IndividualCase,
    Intervention,
)
from bench.data.marks import bench_otp_device, is_bench_user
from bench.pages import ADMIN, Page, Sample
from bench.report_sql import STATEMENTS, report_figures
from grants.models import BudgetYear, County, Municipality, Organisation


@dataclass
class Result:
    key: str
    title: str
    status: str = "ok"  # ok | missing | HTTP nnn | error
    url: str = ""
    samples_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    size: int | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.samples_ms)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples_ms) if self.ok else None

    @property
    def p95(self) -> float | None:
        return percentile(self.samples_ms, 95) if self.ok else None


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value at or above pct % of the values."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(fn: Callable[[], object], *, warmup: int, repeat: int) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


# --- what to request ---------------------------------------------------------


def pick_sample(year: int | None = None) -> Sample:
    """Choose a budget year, a län and a full application from the database."""
    years = BudgetYear.objects.order_by("-year")
    chosen = years.get(year=year) if year else (years[1:2] or years[:1])[0]
    apps = Application.objects.filter(budget_year=chosen)
    county_id = (
        apps.filter(kind=ApplicationKind.INDIVIDUAL)
        .values("applicant_municipality__county")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["applicant_municipality__county"]
    )
    with_completion = CompletionRequest.objects.filter(
        application__budget_year=chosen
    ).values("application")
    application = (
        apps.filter(kind=ApplicationKind.INDIVIDUAL, pk__in=with_completion)
        # Past its registration and not withdrawn (ended without a decision).
        .exclude(status=workflow.INITIAL)
        .exclude(status__in=workflow.ENDED - workflow.DECIDED)
        .order_by("pk")
        .first()
    ) or apps.order_by("pk").first()
    reference = application.reference_number
    # What a person types: the number without the year, found in every year.
    search = reference.rsplit("/", 1)[0].removeprefix("BENCH-")
    return Sample(
        year=chosen.year,
        year_id=chosen.pk,
        county_id=county_id,
        county_code=County.objects.get(pk=county_id).code,
        application_id=application.pk,
        reference_number=reference,
        search=search,
    )


def reverse_first(
    names: tuple[str, ...], kwargs: dict | None = None, params: dict | None = None
) -> tuple[str, dict] | None:
    """The path and query of the first URL name that reverses, or None.

    A name that reverses only without the kwargs gets them as query parameters.
    """
    params = dict(params or {})
    for name in names:
        try:
            return reverse(name, kwargs=kwargs or None), params
        except NoReverseMatch:
            pass
        if kwargs:
            try:
                path = reverse(name)
            except NoReverseMatch:
                continue
            return path, {**kwargs, **params}
    return None


def resolve(page: Page, sample: Sample) -> tuple[str, dict] | None:
    """The path and query parameters of the page, or None if no URL name exists."""
    return reverse_first(page.url_names, page.kwargs(sample), page.params(sample))


def with_query(path: str, params: dict) -> str:
    return path + ("?" + urlencode(params) if params else "")


def user_for(role: str):
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    if role == ADMIN:
        return users.filter(is_superuser=True).first()
    return users.filter(groups__name=role).first()


def logged_in_client(user) -> Client:
    """A test client with the user logged in; for a seed_bench user the session is
    also verified with the user's bench authenticator, as production requires."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    if is_bench_user(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = bench_otp_device(user).persistent_id
        session.save()
    return client


# --- measuring ----------------------------------------------------------------


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def measure_page(
    page: Page, sample: Sample, clients: dict, *, warmup: int, repeat: int
) -> Result:
    result = Result(page.key, page.title)
    found = resolve(page, sample)
    if found is None:
        result.status = "missing"
        result.detail = "no URL named " + " / ".join(page.url_names)
        return result
    path, params = found
    # Shown in the table as requested, filters included.
    result.url = with_query(path, params)
    client = clients.get(page.role)
    if client is None:
        user = user_for(page.role)
        if user is None:
            result.status = "error"
            result.detail = f"no active user in the role {page.role}"
            return result
        client = logged_in_client(user)
        clients[page.role] = client

    def get():
        response = client.get(path, params, secure=True)
        return response, _body(response)

    response, body = get()
    if response.status_code != 200:
        result.status = f"HTTP {response.status_code}"
        result.detail = response.get("Location", "")
        return result
    if page.content_type not in response.get("Content-Type", ""):
        result.status = "error"
        result.detail = f"Content-Type {response.get('Content-Type')}"
        return result
    result.size = len(body)
    with CaptureQueriesContext(connection) as queries:
        get()
    result.queries = len(queries)
    n = min(repeat, page.max_repeat or repeat)
    result.samples_ms = timed(get, warmup=warmup, repeat=n)
    return result


def measure_raw_sql(sample: Sample, *, warmup: int, repeat: int) -> Result:
    result = Result("raw_sql", "Raw SQL: the report's figures")
    if connection.vendor != "postgresql":
        result.status = "error"
        result.detail = "the yardstick is written for PostgreSQL"
        return result
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        result.samples_ms = timed(
            lambda: report_figures(cursor, year=sample.year),
            warmup=warmup,
            repeat=repeat,
        )
    result.queries = len(STATEMENTS)
    return result


# --- the import ----------------------------------------------------------------

IMPORT_COLUMNS = [
    "diarienummer",
    "budgetar",
    "typ",
    "sokande",
    "kommunkod",
    "inkom",
    "sokt_belopp",
    "status",
    "beslutsdatum",
    "beviljat_belopp",
    "avslagsgrund",
    "utbetalt_belopp",
    "utbetalningsdatum",
]
REJECTION_CODES = ["kriterier_ej_uppfyllda", "ofullstandig", "ej_kompletterad"]


def _kr(amount: int) -> str:
    """Swedish thousands separators, as people write them in spreadsheets."""
    return f"{amount:,}".replace(",", " ")


def write_import_file(path: Path, *, rows: int, year: int) -> None:
    """Write an invented CSV in the export format of issue 2, point 5."""
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    agencies = list(
        Organisation.objects.filter(kind=Organisation.Kind.AGENCY)
        .order_by("name")
        .values_list("name", flat=True)
    ) or ["Myndigheten för ungdomsinstitutioner"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(IMPORT_COLUMNS)
        for n in range(rows):
            out.writerow(_import_row(n, year, codes, agencies))


def _import_row(n: int, year: int, codes: list[str], agencies: list[str]) -> list:
    month, day = 1 + n % 9, 1 + n % 27
    individual = n % 25 != 0
    requested = 20_000 + (n * 7919) % 380_000
    row = {
        "diarienummer": f"BENCH-I{n:05d}/{year}",
        "budgetar": year,
        "typ": "individarende" if individual else "myndighet",
        "sokande": "" if individual else agencies[n % len(agencies)],
        "kommunkod": codes[n % len(codes)] if individual else "",
        "inkom": f"{year}-{month:02d}-{day:02d}",
        "sokt_belopp": _kr(requested),
        "status": ("inkommen", "inkommen", "beviljad", "avslagen")[n % 4],
    }
    if row["status"] != "inkommen":
        row["beslutsdatum"] = f"{year}-{month + 1:02d}-{day:02d}"
    if row["status"] == "beviljad":
        row["beviljat_belopp"] = _kr(requested)
        if n % 3:
            row["utbetalt_belopp"] = _kr(requested)
            row["utbetalningsdatum"] = f"{year}-{month + 2:02d}-{day:02d}"
    if row["status"] == "avslagen":
        row["avslagsgrund"] = REJECTION_CODES[n % 3]
    return [row.get(c, "") for c in IMPORT_COLUMNS]


class _RollBack(Exception):
    pass


def measure_import(*, rows: int, year: int) -> Result:
    """Time `import_applications` on a generated file, then roll everything back."""
    result = Result("import", f"Import of {_kr(rows)} CSV rows")
    if "import_applications" not in get_commands():
        result.status = "missing"
        result.detail = "no command import_applications"
        return result
    importer = user_for(ADMIN)
    if importer is None:
        result.status = "missing"
        result.detail = "no active superuser to import as"
        return result
    before = Application.objects.count()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.csv"
        write_import_file(path, rows=rows, year=year)
        out = StringIO()
        started = time.perf_counter()
        try:
            with transaction.atomic():
                call_command(
                    "import_applications",
                    str(path),
                    user=importer.username,
                    stdout=out,
                    stderr=out,
                )
                elapsed = (time.perf_counter() - started) * 1000
                imported = Application.objects.count() - before
                raise _RollBack
        except _RollBack:
            pass
        except Exception as exc:  # noqa: BLE001 - any failure is the result
            result.status = "error"
            result.detail = f"{type(exc).__name__}: {exc}"[:300]
            return result
    result.samples_ms = [elapsed]
    result.detail = f"{imported} applications created, rolled back"
    if imported != rows:
        result.status = "error"
    return result


def data_size() -> dict[str, int]:
    sizes = {
        "applications": Application.objects.count(),
        "individual cases": IndividualCase.objects.count(),
        "interventions": Intervention.objects.count(),
        "decisions": Decision.objects.count(),
        "events": Event.objects.count(),
        "budget years": BudgetYear.objects.count(),
        "kommuner with applications": Application.objects.values(
            "applicant_municipality"
        )
        .exclude(applicant_municipality=None)
        .distinct()
        .count(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            sizes["database bytes"] = cursor.fetchone()[0]
    return sizes
