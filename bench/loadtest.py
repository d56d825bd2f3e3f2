"""Load test: gunicorn on 127.0.0.1 with the production settings, and locust.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/avhopp_bench \\
        .venv/bin/python bench/loadtest.py

Starts gunicorn with the production settings (avhopp.settings_production: DEBUG
off, HTTPS behind a proxy, two-factor login) and throwaway keys for this run unless
the environment has its own, opens a two-factor-verified session for a seed_bench
user of the right role through `manage.py bench_session` (run in this process with
avhopp.settings_bench, the only settings that install it, on the same database
and keys; the cookie gets the production name), sends the headers the TLS
proxy would add, and runs locust headless in two bounded profiles:
"browsing" (think time between requests) and "saturation" (none). Each profile
runs at most 60 s with at most 20 users, and only 127.0.0.1 is ever a target.
It reports requests per second, median, p95 and p99 latency and the error count,
and writes them to docs/performance.md between the `loadtest` markers.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"  # never anything else
MAX_USERS = 20
MAX_SECONDS = 60
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Profile:
    name: str
    users: int
    seconds: int
    think: tuple[float, float]
    # Users started per second. Browsing people log on over a few seconds; all
    # 20 first requests at the same instant queue on the workers and make the
    # p99 of a 60 s run (measured: 350 ms at once, 100 ms over 5 s).
    spawn_rate: float


PROFILES = [
    Profile("browsing", 20, 60, (1.0, 3.0), spawn_rate=4),
    Profile("saturation", 20, 30, (0.0, 0.0), spawn_rate=20),
]


def bounded(profile: Profile) -> Profile:
    if not 1 <= profile.users <= MAX_USERS:
        raise SystemExit(f"users must be 1–{MAX_USERS}")
    if not 1 <= profile.seconds <= MAX_SECONDS:
        raise SystemExit(f"duration must be 1–{MAX_SECONDS} s")
    return profile


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# What the TLS-terminating proxy adds to every request in production
# (docs/security.md); without it the production settings redirect to HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": HOST}


def server_env(static_root: Path) -> dict[str, str]:
    """The production settings' environment, with throwaway keys for this run
    unless the caller's environment has its own."""
    from cryptography.fernet import Fernet

    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "avhopp.settings_production"
    env["DEBUG"] = "false"
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
    env.setdefault("FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    env.setdefault("IDENTITY_HMAC_KEY", secrets.token_urlsafe(48))
    env.setdefault("ALLOWED_HOSTS", f"{HOST},localhost")
    env["STATIC_ROOT"] = str(static_root)
    env.setdefault("LOG_LEVEL", "WARNING")
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at the seed_bench PostgreSQL")
    return env


def bench_env(env: dict[str, str]) -> dict[str, str]:
    """This process's environment: the server's database and keys with the bench
    settings, which install `bench_session`; the production settings do not."""
    return {**env, "DJANGO_SETTINGS_MODULE": "avhopp.settings_bench"}


def server_setting(env: dict[str, str], name: str) -> str:
    """One setting as the server's settings module has it."""
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(settings.{name})"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def collect_static(env: dict[str, str]) -> None:
    """The production storage serves static files from a manifest: build it."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def choose_scenario(limit: int):
    """The first scenario that exists, with its list and detail URLs and user."""
    from django.apps import apps

    from bench.measure import reverse_first, user_for, with_query
    from bench.pages import LOAD_SCENARIOS

    for scenario in LOAD_SCENARIOS:
        listed = reverse_first(scenario.list_names)
        model = apps.get_model(scenario.model)
        ids = list(model.objects.order_by("-pk").values_list("pk", flat=True)[:limit])
        if listed is None or not ids:
            continue
        details = [
            reverse_first(scenario.detail_names, {scenario.detail_kwarg: pk})
            for pk in ids
        ]
        if details[0] is None:
            continue
        list_urls = [with_query(listed[0], p) for p in scenario.list_params]
        detail_urls = [with_query(*d) for d in details]
        return scenario, list_urls, detail_urls, user_for(scenario.role)
    raise SystemExit("no load scenario of bench/pages.py exists in this project")


def session_cookie(username: str, cookie_name: str) -> str:
    """NAME=VALUE of a verified session of the user, NAME being the server's
    session cookie name (the bench settings name it differently)."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("bench_session", username, minutes=15, stdout=out)
    key = out.getvalue().strip().split("=", 1)[1]
    return f"{cookie_name}={key}"


def start_gunicorn(env, port: int, workers: int) -> subprocess.Popen:
    cmd = [
        str(BIN / "gunicorn"),
        "avhopp.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--forwarded-allow-ips",
        HOST,
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603
    deadline = time.monotonic() + 30
    login = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
        f"http://{HOST}:{port}/login/", headers=PROXY_HEADERS
    )
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(login, timeout=2):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not answer within 30 s")


def warm_up(port: int, cookie: str, urls: list[str], *, workers: int) -> int:
    """Request the pages a few times per worker before anything is timed.

    A fresh gunicorn worker imports the views, compiles the templates and opens
    its database connection on its first requests; that is start-up, not load.
    Returns the number of warm-up requests that did not answer 200.
    """
    headers = {"Cookie": cookie, **PROXY_HEADERS}
    opener = urllib.request.build_opener(_NoRedirect)
    failed = 0
    for url in urls * (2 * workers):
        request = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            f"http://{HOST}:{port}{url}", headers=headers
        )
        try:
            with opener.open(request, timeout=30) as response:
                response.read()
                failed += response.status != 200
        except OSError:  # urllib's HTTPError for every status it does not follow
            failed += 1
    return failed


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect (e.g. to the login page) is an answer to count, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run_locust(profile: Profile, port: int, plan_path: Path, tmp: Path) -> dict:
    prefix = tmp / profile.name
    cmd = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        f"http://{HOST}:{port}",
        "--users",
        str(profile.users),
        "--spawn-rate",
        f"{profile.spawn_rate:g}",
        "--run-time",
        f"{profile.seconds}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {**os.environ, "BENCH_LOAD_PLAN": str(plan_path)}
    subprocess.run(  # noqa: S603
        cmd, cwd=ROOT, env=env, check=False, timeout=profile.seconds + 60
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        rows = {row["Name"]: row for row in csv.DictReader(fh)}
    total = rows["Aggregated"]
    return {
        "profile": profile,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "median": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "by_name": {
            name: (float(r["50%"]), float(r["95%"]), float(r["99%"]))
            for name, r in rows.items()
            if name != "Aggregated"
        },
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--users", type=int, help=f"override, at most {MAX_USERS}")
    parser.add_argument("--seconds", type=int, help=f"override, at most {MAX_SECONDS}")
    parser.add_argument("--profile", choices=[p.name for p in PROFILES])
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args(argv)


def profiles_from(args) -> list[Profile]:
    chosen = [p for p in PROFILES if not args.profile or p.name == args.profile]
    return [
        bounded(
            Profile(
                p.name,
                args.users or p.users,
                args.seconds or p.seconds,
                p.think,
                spawn_rate=p.spawn_rate,
            )
        )
        for p in chosen
    ]


def _think(think: tuple[float, float]) -> str:
    return f"{think[0]:g}–{think[1]:g} s" if think[1] else "none"


def _ramp(profile: Profile) -> str:
    if profile.spawn_rate >= profile.users:
        return "all at once"
    return f"{profile.users / profile.spawn_rate:g} s"


def report(results, scenario, workers: int, ids: int) -> str:
    from bench.docs import machine_facts, table

    rows = [
        [
            r["profile"].name,
            str(r["profile"].users),
            f"{r['profile'].seconds} s",
            _think(r["profile"].think),
            _ramp(r["profile"]),
            f"{r['requests']}",
            f"{r['rps']:.1f}",
            f"{r['median']:.0f}",
            f"{r['p95']:.0f}",
            f"{r['p99']:.0f}",
            f"{r['failures']}",
        ]
        for r in results
    ]
    header = [
        "profile",
        "users",
        "duration",
        "think time",
        "ramp-up",
        "requests",
        "req/s",
        "median ms",
        "p95 ms",
        "p99 ms",
        "errors",
    ]
    lines = ["- " + f for f in machine_facts()]
    lines.append(
        f"- Server: gunicorn, {workers} sync workers, on {HOST}, "
        "avhopp.settings_production (DEBUG off, two-factor sessions, throwaway "
        "keys); requests carry the proxy's X-Forwarded-Proto/-For; locust on the "
        "same 2 cores"
    )
    lines.append(
        f"- Scenario: {scenario.title} (list 1 : detail 3, over {ids} rows); "
        "each worker warmed up with a few untimed requests first"
    )
    return "\n".join([*lines, "", table(header, rows)])


def main(argv=None) -> int:
    args = parse_args(argv)
    profiles = profiles_from(args)
    for tool in ("gunicorn", "locust"):
        if not (BIN / tool).exists():
            raise SystemExit(f"{tool} is not installed here: pip install '.[bench]'")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp) / "static")
        collect_static(env)
        cookie_name = server_setting(env, "SESSION_COOKIE_NAME")
        setup_django(bench_env(env))
        scenario, list_urls, detail_urls, user = choose_scenario(limit=500)
        if user is None:
            raise SystemExit(f"no user in the role {scenario.role}; run seed_bench")
        cookie = session_cookie(user.username, cookie_name)
        port = free_port()
        plan = Path(tmp) / "plan.json"
        server = start_gunicorn(env, port, args.workers)
        try:
            warm = list_urls + detail_urls[:5]
            failed = warm_up(port, cookie, warm, workers=args.workers)
            sent = len(warm) * 2 * args.workers
            print(f"… warm-up: {sent} requests, {failed} failed")
            if failed:
                raise SystemExit("the pages did not answer 200 during the warm-up")
            for profile in profiles:
                plan.write_text(
                    json.dumps(
                        {
                            "cookie": cookie,
                            "headers": PROXY_HEADERS,
                            "list_urls": list_urls,
                            "detail_urls": detail_urls,
                            "think_seconds": profile.think,
                        }
                    ),
                    encoding="utf-8",
                )
                print(f"… {profile.name}: {profile.users} users, {profile.seconds} s")
                results.append(run_locust(profile, port, plan, Path(tmp)))
        finally:
            stop(server)
    text = report(results, scenario, args.workers, len(detail_urls))
    print(text)
    if not args.no_write:
        from bench.docs import PERFORMANCE_MD, replace_section

        replace_section(PERFORMANCE_MD, "loadtest", text)
        print(f"Written to {PERFORMANCE_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
