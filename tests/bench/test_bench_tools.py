"""The benchmark tools on small data: they measure what exists, report what does
not, stay within their bounds, and compute the report's figures correctly."""

import csv
import http.server
import os
import secrets
import threading
from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Sum
from django.test import override_settings
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import Role
from applications.models import Application, ApplicationKind, Decision, Outcome
from bench import loadtest, measure
from bench.data.marks import BenchDataError, bench_otp_device
from bench.data.seed import bench_seed
from bench.docs import replace_section
from bench.measure import (
    IMPORT_COLUMNS,
    Result,
    measure_page,
    percentile,
    pick_sample,
    resolve,
    write_import_file,
)
from bench.pages import ADMIN, LOAD_SCENARIOS, PAGES, Page, Sample
from bench.report_sql import report_figures
from bench.run import evaluate
from tests.factories import ApplicationFactory, BudgetYearFactory, UserFactory

SAMPLE = Sample(2024, 1, 1, "01", 1, "BENCH-A000.001/2024", "A000.001")


def page(names, role=ADMIN, **kw) -> Page:
    return Page("probe", "Probe", names, role, **kw)


def test_every_page_entry_has_a_unique_key_and_an_admin_comparison_that_exists():
    keys = [p.key for p in PAGES]
    assert len(keys) == len(set(keys))
    for p in PAGES:
        assert not p.compare_with or p.compare_with in keys


def test_a_page_without_url_is_reported_missing():
    result = measure_page(page(("no_such:page",)), SAMPLE, {}, warmup=0, repeat=3)
    assert result.status == "missing"
    assert "no_such:page" in result.detail
    assert result.median is None


def test_url_kwargs_become_query_parameters_when_the_url_takes_none():
    found = resolve(page(("login",), kwargs=lambda s: {"year": s.year}), SAMPLE)
    assert found == ("/login/", {"year": 2024})


@pytest.mark.django_db
def test_an_existing_page_is_timed_as_a_user_of_its_role():
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    result = measure_page(page(("admin:index",)), SAMPLE, {}, warmup=1, repeat=4)
    assert result.status == "ok", result.detail
    assert len(result.samples_ms) == 4
    assert result.queries is not None and result.queries > 0
    assert result.median <= result.p95


@pytest.mark.django_db
def test_a_page_the_role_may_not_see_is_an_error_not_a_timing():
    UserFactory(username="reader", roles=[Role.READER])
    result = measure_page(
        page(("admin:index",), role=Role.READER), SAMPLE, {}, warmup=0, repeat=3
    )
    assert result.status == "HTTP 302"
    assert not result.samples_ms


def test_percentile_is_nearest_rank():
    assert percentile(list(range(1, 21)), 95) == 19
    assert percentile([7.0], 95) == 7.0
    assert percentile([3, 1, 2], 50) == 2


def test_targets_are_met_only_when_every_part_holds():
    worklist = Page("w", "W", ("x",), ADMIN, compare_with="a")
    fast = Result("w", "W", samples_ms=[50, 60, 70], queries=9)
    admin = Result("a", "A", samples_ms=[80, 90, 100])
    assert evaluate(worklist, fast, {"a": admin})[1] == "yes"
    slower_than_admin = Result("w", "W", samples_ms=[95, 95, 95], queries=9)
    assert evaluate(worklist, slower_than_admin, {"a": admin})[1] == "**no**"
    too_many_queries = Result("w", "W", samples_ms=[50], queries=16)
    assert evaluate(worklist, too_many_queries, {"a": admin})[1] == "**no**"
    missing = Result("w", "W", status="missing")
    assert evaluate(worklist, missing, {"a": admin})[1] == "—"


def test_report_target_is_relative_to_the_raw_sql():
    report = next(p for p in PAGES if p.key == "report_html")
    sql = Result("raw_sql", "SQL", samples_ms=[100.0])
    within = Result("report_html", "R", samples_ms=[480.0], queries=10)
    beyond = Result("report_html", "R", samples_ms=[520.0], queries=10)
    target, met = evaluate(report, within, {"raw_sql": sql})
    assert "(= 500 ms)" in target and met == "yes"
    assert evaluate(report, beyond, {"raw_sql": sql})[1] == "**no**"


def test_results_replace_only_their_own_section(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Title\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nTail\n")
    replace_section(doc, "bench", "new table")
    replace_section(doc, "loadtest", "load")
    text = doc.read_text()
    assert "old" not in text
    assert text.startswith("# Title\n\n<!-- bench:start -->\nnew table\n")
    assert "Tail" in text
    assert text.rstrip().endswith("load\n<!-- loadtest:end -->")


@pytest.mark.django_db
def test_import_file_has_the_export_columns_and_valid_rows(tmp_path):
    path = tmp_path / "import.csv"
    write_import_file(path, rows=200, year=2024)
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == IMPORT_COLUMNS
    assert len(rows) == 200
    assert len({r["diarienummer"] for r in rows}) == 200
    for row in rows:
        if row["typ"] == "individarende":
            assert len(row["kommunkod"]) == 4 and not row["sokande"]
        else:
            assert row["sokande"] and not row["kommunkod"]
        if row["status"] == "avslagen":
            assert row["avslagsgrund"] and not row["beviljat_belopp"]
        if row["status"] == "beviljad":
            assert row["beviljat_belopp"] == row["sokt_belopp"]
            assert row["beslutsdatum"] > row["inkom"]


@pytest.mark.django_db
def test_sample_points_at_a_full_application_of_the_last_full_year():
    bench_seed(applications=300, years=3, last_year=2024)
    sample = pick_sample()
    assert sample.year == 2023
    app = Application.objects.get(pk=sample.application_id)
    assert app.budget_year.year == 2023
    assert app.completion_requests.exists()
    assert sample.search in app.reference_number


@pytest.mark.postgres
@pytest.mark.django_db
def test_raw_sql_figures_agree_with_the_orm():
    bench_seed(applications=400, years=3, last_year=2024)
    decided = Decision.objects.filter(
        application__budget_year__year=2023,
        application__kind=ApplicationKind.INDIVIDUAL,
    )
    granted = decided.filter(outcome=Outcome.GRANTED)
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        figures = report_figures(cursor, year=2023)
    n_granted, n_rejected, amount, kommuner, lan = figures["figures"][0]
    assert n_granted == granted.count()
    assert n_rejected == decided.filter(outcome=Outcome.REJECTED).count()
    assert amount == granted.aggregate(s=Sum("granted_amount"))["s"]
    assert kommuner == (
        granted.values("application__applicant_municipality").distinct().count()
    )
    assert lan == len(figures["counties"])
    reasons = dict(
        decided.filter(outcome=Outcome.REJECTED)
        .values_list("rejection_reason")
        .annotate(n=Count("pk"))
    )
    assert dict(figures["rejections"]) == reasons
    total = Decision.objects.filter(
        application__budget_year__year=2023, outcome=Outcome.GRANTED
    ).aggregate(s=Sum("granted_amount"))["s"]
    assert sum((s for _, s in figures["categories"]), Decimal(0)) == total
    assert [row[0] for row in figures["trend"]] == [2022, 2023]


@pytest.mark.django_db
def test_bench_session_logs_in_only_seed_bench_users():
    bench_seed(applications=20, years=2, last_year=2024)
    out = StringIO()
    call_command("bench_session", "bench-handlaggare-01", minutes=5, stdout=out)
    name, key = out.getvalue().strip().split("=")
    assert name == settings.SESSION_COOKIE_NAME
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    officer = get_user_model().objects.get(username="bench-handlaggare-01")
    assert session["_auth_user_id"] == str(officer.pk)
    # Verified with the bench user's own authenticator, as production requires.
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed and device.name == "seed_bench"
    assert session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert session.get_expiry_date() <= timezone.now() + timedelta(minutes=5)
    real = UserFactory(username="handlaggare", roles=[Role.CASE_OFFICER])
    with pytest.raises(CommandError):
        call_command("bench_session", real.username)
    disguised = UserFactory(username="bench-impostor")
    with pytest.raises(CommandError):
        call_command("bench_session", disguised.username)
    with pytest.raises(CommandError):
        call_command("bench_session", "bench-handlaggare-01", minutes=600)


@pytest.mark.django_db
def test_load_test_session_carries_the_production_cookie_name():
    """The bench settings open the session; the cookie is named as the server's."""
    bench_seed(applications=20, years=2, last_year=2024)
    cookie = loadtest.session_cookie("bench-handlaggare-01", "__Host-sessionid")
    name, key = cookie.split("=")
    assert name == "__Host-sessionid"
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    officer = get_user_model().objects.get(username="bench-handlaggare-01")
    assert session["_auth_user_id"] == str(officer.pk)


def test_load_test_reads_the_server_settings_and_runs_itself_on_the_bench_ones():
    # Settings production accepts: keys of its own, never published, and
    # PostgreSQL (never opened: reading settings connects to nothing).
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "avhopp.settings_production",
        # Fresh keys: production refuses every key written in the repository.
        "SECRET_KEY": secrets.token_urlsafe(60),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "IDENTITY_HMAC_KEY": secrets.token_urlsafe(48),
        # Production refuses SQLite; reading a setting never opens the database.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/never_opened",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "REQUIRE_2FA": "true",
    }
    cookie_name = loadtest.server_setting(env, "SESSION_COOKIE_NAME")
    assert cookie_name == "__Host-sessionid"
    tool = loadtest.bench_env(env)
    assert tool["DJANGO_SETTINGS_MODULE"] == "avhopp.settings_bench"
    assert tool["DATABASE_URL"] == env["DATABASE_URL"]
    assert tool["SECRET_KEY"] == env["SECRET_KEY"]
    apps = loadtest.server_setting(tool, "INSTALLED_APPS")
    assert "'bench'" in apps


def test_load_test_stays_within_its_bounds():
    assert loadtest.HOST == "127.0.0.1"
    for profile in loadtest.PROFILES:
        assert loadtest.bounded(profile) is profile
    with pytest.raises(SystemExit):
        loadtest.bounded(loadtest.Profile("too many", 21, 10, (0, 0), spawn_rate=1))
    with pytest.raises(SystemExit):
        loadtest.bounded(loadtest.Profile("too long", 5, 61, (0, 0), spawn_rate=1))
    args = loadtest.parse_args(["--users", "40"])
    with pytest.raises(SystemExit):
        loadtest.profiles_from(args)


def test_browsing_users_log_on_over_seconds_and_saturation_all_at_once():
    profiles = {p.name: p for p in loadtest.profiles_from(loadtest.parse_args([]))}
    assert loadtest._ramp(profiles["browsing"]) == "5 s"
    assert loadtest._ramp(profiles["saturation"]) == "all at once"


def test_the_warm_up_counts_every_request_that_does_not_answer_200():
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, self.headers["Cookie"]))
            if self.path == "/ok/":
                self.send_response(200)
            else:  # a redirect to a page that answers 200 is still a failure
                self.send_response(302)
                self.send_header("Location", "/ok/")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer((loadtest.HOST, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        failed = loadtest.warm_up(port, "sessionid=x", ["/ok/", "/login/"], workers=2)
    finally:
        server.shutdown()
    assert failed == 4  # two per worker of /login/, which redirects
    assert len(seen) == 8 and {cookie for _, cookie in seen} == {"sessionid=x"}


@pytest.mark.django_db
def test_load_test_browses_the_first_scenario_that_exists():
    bench_seed(applications=50, years=2, last_year=2024)
    scenario, list_urls, detail_urls, user = loadtest.choose_scenario(limit=10)
    existing = [
        s for s in LOAD_SCENARIOS if resolve(page(s.list_names), SAMPLE) is not None
    ]
    assert scenario == existing[0]
    assert len(detail_urls) == 10 and len(list_urls) == len(scenario.list_params)
    assert user is not None


@pytest.mark.django_db
def test_import_is_timed_then_rolled_back(monkeypatch):
    def fake_import(name, path, **kwargs):
        assert name == "import_applications"
        assert kwargs["user"] == "admin"  # the audit trail's actor
        year = BudgetYearFactory(year=2024)
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                ApplicationFactory(
                    reference_number=row["diarienummer"], budget_year=year
                )

    UserFactory(username="admin", is_superuser=True)
    monkeypatch.setattr(measure, "get_commands", lambda: {"import_applications": "x"})
    monkeypatch.setattr(measure, "call_command", fake_import)
    result = measure.measure_import(rows=30, year=2024)
    assert result.status == "ok", result.detail
    assert len(result.samples_ms) == 1
    assert "30 applications created, rolled back" in result.detail
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_an_import_without_a_superuser_to_act_as_is_reported_missing(monkeypatch):
    monkeypatch.setattr(measure, "get_commands", lambda: {"import_applications": "x"})
    result = measure.measure_import(rows=5, year=2024)
    assert result.status == "missing"
    assert "superuser" in result.detail


@pytest.mark.django_db
def test_a_failing_import_is_reported(monkeypatch):
    def broken(*args, **kwargs):
        raise CommandError("Rad 2, kolumn inkom: ogiltigt datum")

    UserFactory(username="admin", is_superuser=True)
    monkeypatch.setattr(measure, "get_commands", lambda: {"import_applications": "x"})
    monkeypatch.setattr(measure, "call_command", broken)
    result = measure.measure_import(rows=5, year=2024)
    assert result.status == "error"
    assert "ogiltigt datum" in result.detail


@pytest.mark.django_db
def test_bench_authenticators_are_only_for_seed_bench_users():
    bench_seed(applications=5, years=1, last_year=2024)
    officer = get_user_model().objects.get(username="bench-handlaggare-01")
    assert bench_otp_device(officer) == bench_otp_device(officer)
    real = UserFactory(username="handlaggare", roles=[Role.CASE_OFFICER])
    with pytest.raises(BenchDataError):
        bench_otp_device(real)
    assert not TOTPDevice.objects.filter(user=real).exists()


@pytest.mark.django_db
@override_settings(REQUIRE_2FA=True)
def test_the_benchmark_passes_two_factor_only_for_seed_bench_users():
    bench_seed(applications=5, years=1, last_year=2024)
    officer = get_user_model().objects.get(username="bench-handlaggare-01")
    assert measure.logged_in_client(officer).get("/ansokningar/").status_code == 200
    real = UserFactory(username="handlaggare", roles=[Role.CASE_OFFICER])
    response = measure.logged_in_client(real).get("/ansokningar/")
    assert response.status_code == 302
    assert "tvafaktor" in response["Location"]
