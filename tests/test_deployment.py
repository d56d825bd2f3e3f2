"""Deployment hardening: security headers and a Content-Security-Policy without
inline code in every mode; production settings that refuse to start without their
secrets and pass `check --deploy` without a warning."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


def production_env(**overrides) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests' sake; a
        # production process never has it (check --deploy refuses it).
        if k
        not in {
            "DEBUG",
            "REQUIRE_2FA",
            "DATABASE_URL",
            "PYTEST_ADDOPTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="avhopp.settings_production",
        SECRET_KEY="prod-test-" + "k3y-" * 15,
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        IDENTITY_HMAC_KEY="h" * 40,
        DATABASE_URL="sqlite:////nonexistent/never-opened.sqlite3",
        ALLOWED_HOSTS="avhopp.example",
        VAR_DIR=str(ROOT / "var"),
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run(args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.django_db
def test_every_page_carries_the_security_headers_and_a_strict_csp(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I),
        "script",
    ),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


# Templates that are never served over HTTP: the stand-alone report file written by
# `render_report --format html` embeds its stylesheet so that it opens anywhere.
NOT_SERVED = {"templates/reports/layout_document.html"}


def test_no_template_has_inline_script_or_style():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if str(path.relative_to(ROOT)) in NOT_SERVED:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{path.relative_to(ROOT)}: {what}")
    assert found == [], "the CSP would block these: " + "; ".join(found)


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "FIELD_ENCRYPTION_KEYS",
        "IDENTITY_HMAC_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
    ],
)
def test_production_refuses_to_start_without_a_secret(missing):
    result = run(["manage.py", "check"], production_env(**{missing: ""}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"REQUIRE_2FA": "false"}, "Two-factor login cannot be switched off"),
        ({"FIELD_ENCRYPTION_KEYS": "not-a-key"}, "not a Fernet key"),
        ({"IDENTITY_HMAC_KEY": "short"}, "at least 32"),
    ],
)
def test_production_refuses_unsafe_values(overrides, message):
    result = run(["manage.py", "check"], production_env(**overrides))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
c = Client()
plain = c.get("/login/", HTTP_HOST="avhopp.example")
tls = c.get("/login/", HTTP_HOST="avhopp.example", HTTP_X_FORWARDED_PROTO="https")
cookie = tls.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "status": tls.status_code,
    "hsts": tls.get("Strict-Transport-Security", ""),
    "csp": tls.get("Content-Security-Policy", ""),
    "cookie": [cookie.key, bool(cookie["secure"]), bool(cookie["httponly"])],
    "session": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "require_2fa": settings.REQUIRE_2FA,
}))
"""


def test_production_serves_https_only_with_hsts_and_secure_cookies(tmp_path):
    env = production_env(STATIC_ROOT=str(tmp_path / "static"))
    collected = run(["manage.py", "collectstatic", "--no-input", "-v0"], env)
    assert collected.returncode == 0, collected.stderr
    result = run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain"] == [301, "https://avhopp.example/login/"]
    assert probe["status"] == 200
    assert "max-age=31536000" in probe["hsts"] and "includeSubDomains" in probe["hsts"]
    assert "default-src 'self'" in probe["csp"]
    assert probe["cookie"] == ["__Host-csrftoken", True, True]
    assert probe["session"] == [True, True]
    assert probe["static"].endswith("CompressedManifestStaticFilesStorage")
    assert probe["require_2fa"] is True


APPS_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import get_commands
print(json.dumps({"apps": settings.INSTALLED_APPS, "commands": sorted(get_commands())}))
"""


def installed(settings_module: str) -> dict:
    env = production_env(DJANGO_SETTINGS_MODULE=settings_module)
    result = run(["-c", APPS_PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_installs_neither_demo_nor_bench_code():
    production = installed("avhopp.settings_production")
    assert "applications" in production["apps"]
    assert not {"demo", "bench"} & {app.split(".")[0] for app in production["apps"]}
    commands = {"seed_demo", "seed_bench", "bench_session"}
    assert not commands & set(production["commands"])


def test_demo_is_in_the_default_settings_and_bench_only_in_the_bench_settings():
    default = installed("avhopp.settings")
    assert "demo" in default["apps"] and "bench" not in default["apps"]
    assert "seed_demo" in default["commands"]
    assert "seed_bench" not in default["commands"]
    bench = installed("avhopp.settings_bench")
    assert "bench" in bench["apps"]
    assert {"seed_bench", "bench_session"} <= set(bench["commands"])
