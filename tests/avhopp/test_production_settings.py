"""The production settings refuse to start without their secrets, with unsafe
values or on SQLite; pass `check --deploy` without a warning; serve HTTPS only;
and install no demo or benchmark code."""

import json

import pytest
from cryptography.fernet import Fernet

from avhopp import published_keys
from tests.avhopp.production import POSTGRES_URL, production_env, run


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


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////var/lib/avhopp/avhopp.sqlite3",
        "sqlite://:memory:",
        "mysql://avhopp@db.internal/avhopp",
    ],
)
def test_production_refuses_a_database_other_than_postgresql(url):
    result = run(["manage.py", "check"], production_env(DATABASE_URL=url))
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


@pytest.mark.parametrize(
    "url", [POSTGRES_URL, "postgresql://avhopp:secret@db.internal:5433/avhopp"]
)
def test_production_accepts_postgresql(url):
    result = run(["manage.py", "check"], production_env(DATABASE_URL=url))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SECRET_KEY", published_keys.DEVELOPMENT_SECRET_KEY),
        ("SECRET_KEY", published_keys.TEST_SECRET_KEY),
        # Well-formed Fernet keys, which only the list of published keys refuses.
        ("FIELD_ENCRYPTION_KEYS", published_keys.DEVELOPMENT_FIELD_ENCRYPTION_KEY),
        # A published key anywhere in the list is refused, also after a new one.
        (
            "FIELD_ENCRYPTION_KEYS",
            Fernet.generate_key().decode()
            + ","
            + published_keys.TEST_FIELD_ENCRYPTION_KEY,
        ),
        ("IDENTITY_HMAC_KEY", published_keys.DEVELOPMENT_IDENTITY_HMAC_KEY),
    ],
)
def test_production_refuses_a_key_published_in_the_repository(name, value):
    result = run(["manage.py", "check"], production_env(**{name: value}))
    assert result.returncode != 0
    assert f"{name} holds a key that is published in the repository" in result.stderr
    assert value not in result.stderr  # the message does not repeat the key


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
from django.templatetags.static import static
asset = c.get(
    static("css/avhopp.css"),
    HTTP_HOST="avhopp.example",
    HTTP_X_FORWARDED_PROTO="https",
)
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "status": tls.status_code,
    "hsts": tls.get("Strict-Transport-Security", ""),
    "csp": tls.get("Content-Security-Policy", ""),
    "cookie": [cookie.key, bool(cookie["secure"]), bool(cookie["httponly"])],
    "session": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "require_2fa": settings.REQUIRE_2FA,
    "page_cache": tls.get("Cache-Control", ""),
    "asset": [asset.status_code, asset.get("Cache-Control", "")],
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
    # Pages are stored nowhere; hashed static files are cached for good.
    assert "no-store" in probe["page_cache"]
    assert probe["asset"][0] == 200
    assert "immutable" in probe["asset"][1] and "no-store" not in probe["asset"][1]


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
