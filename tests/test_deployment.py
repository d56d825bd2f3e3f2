"""Deployment hardening: security headers and a Content-Security-Policy without
inline code in every mode; production settings that refuse to start without their
secrets, on SQLite or with a key published in the repository, and pass
`check --deploy` without a warning; documents stored for the application's user
only; no page, list, export or PDF kept in a cache."""

import ast
import json
import os
import re
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from applications.models import Document, Status
from avhopp import published_keys
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    DecisionFactory,
    UserFactory,
)
from tests.samples import PDF

ROOT = Path(settings.BASE_DIR)
# Never opened: neither `check --deploy` nor the probes below touch the database.
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/avhopp_never_opened"


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
        SECRET_KEY=secrets.token_urlsafe(60),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        IDENTITY_HMAC_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=POSTGRES_URL,
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


# --- Every key written in the repository is refused by production ---------------
#
# The tracked files are read for values given to the three key settings: in Python
# by assignment, keyword argument, dict entry or as the argument after the name
# (os.environ.setdefault("SECRET_KEY", "…")), when the value is a literal; in every
# other file as NAME=value or "NAME": "value". Values built at run time (a call, a
# shell "$(…)") are not written in the repository and are not collected.

KEY_NAMES = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "IDENTITY_HMAC_KEY")
_TEXT_ASSIGNMENT = re.compile(
    r"(?<![\w$])(SECRET_KEY|FIELD_ENCRYPTION_KEYS|IDENTITY_HMAC_KEY)[ \t]*=[ \t]*"
    r"(?:\"([^\"\n]*)\"|'([^'\n]*)'|([^\s\"'`;#]*))"
)
_TEXT_MAPPING = re.compile(
    r"[\"'](SECRET_KEY|FIELD_ENCRYPTION_KEYS|IDENTITY_HMAC_KEY)[\"']\s*[,:]\s*"
    r"(?:\"([^\"\n]*)\"|'([^'\n]*)')"
)


class _NotLiteral(Exception):
    pass


def _literal(node: ast.AST):
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int):
        return node.value
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [_literal(element) for element in node.elts]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mult):
        left, right = _literal(node.left), _literal(node.right)
        return left + right if isinstance(node.op, ast.Add) else left * right
    raise _NotLiteral


def _target_name(target: ast.AST) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return target.slice.value
    return None


def _python_values(node: ast.AST):
    """(name, expression) for each value given to a key setting in this node."""
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            yield _target_name(target), node.value
    elif isinstance(node, ast.keyword):
        yield node.arg, node.value
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant):
                yield key.value, value
    elif isinstance(node, ast.Call) and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant):
            for value in [*node.args[1:], *(kw.value for kw in node.keywords)]:
                yield first.value, value


def _flatten(value) -> list[str]:
    if isinstance(value, list):
        return [item for element in value for item in _flatten(element)]
    return [value] if isinstance(value, str) else []


def _split(name: str, values: list[str]) -> list[tuple[str, str]]:
    found = []
    for value in values:
        parts = value.split(",") if name == "FIELD_ENCRYPTION_KEYS" else [value]
        found += [(name, part) for part in parts if part.strip() and "$" not in part]
    return found


def keys_written_in(path: str, text: str) -> list[tuple[str, str]]:
    """Each (setting, key) that the file gives a literal value."""
    found = []
    if path.endswith(".py"):
        for node in ast.walk(ast.parse(text)):
            for name, expression in _python_values(node):
                if name not in KEY_NAMES:
                    continue
                try:
                    found += _split(name, _flatten(_literal(expression)))
                except _NotLiteral:
                    continue
        return found
    for pattern in (_TEXT_ASSIGNMENT, _TEXT_MAPPING):
        for match in pattern.finditer(text):
            value = next((g for g in match.groups()[1:] if g is not None), "")
            found += _split(match.group(1), [value])
    return found


def keys_written_in_the_repository() -> set[tuple[str, str]]:
    tracked = (
        subprocess.run(  # noqa: S603
            ["git", "ls-files", "-z"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    found = set()
    for path in filter(None, tracked):
        try:
            text = (ROOT / path).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary (.mo, images), or deleted in the working tree
        found.update(keys_written_in(path, text))
    return found


SAMPLE_PY = """
SECRET_KEY = "a-literal"
settings.IDENTITY_HMAC_KEY = "attr" + "-" * 2
os.environ["SECRET_KEY"] = 'subscript'
os.environ.setdefault("IDENTITY_HMAC_KEY", "set-default")
env.str("SECRET_KEY", default="env-default")
override_settings(FIELD_ENCRYPTION_KEYS=["listed-1", "listed-2"])
data = {"SECRET_KEY": "in-a-dict"}
FIELD_ENCRYPTION_KEYS = "new-one,old-one"
SECRET_KEY = secrets.token_urlsafe(50)  # built at run time
IDENTITY_HMAC_KEY = env.str("IDENTITY_HMAC_KEY", default="")
OTHER_KEY = "not one of the three"
"""
SAMPLE_TEXT = """
SECRET_KEY=bare-word
export IDENTITY_HMAC_KEY="double-quoted" FIELD_ENCRYPTION_KEYS='single-quoted'
SECRET_KEY = "spaced"
os.environ.setdefault("IDENTITY_HMAC_KEY", "in-a-doc")
SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(60))')"
SECRET_KEY=
DEVELOPMENT_SECRET_KEY=not-the-setting
The `SECRET_KEY`: described in prose.
"""


def test_the_key_scanner_finds_every_form_of_assignment():
    assert sorted(keys_written_in("sample.py", SAMPLE_PY)) == sorted(
        [
            ("SECRET_KEY", "a-literal"),
            ("IDENTITY_HMAC_KEY", "attr--"),
            ("SECRET_KEY", "subscript"),
            ("IDENTITY_HMAC_KEY", "set-default"),
            ("SECRET_KEY", "env-default"),
            ("FIELD_ENCRYPTION_KEYS", "listed-1"),
            ("FIELD_ENCRYPTION_KEYS", "listed-2"),
            ("SECRET_KEY", "in-a-dict"),
            ("FIELD_ENCRYPTION_KEYS", "new-one"),
            ("FIELD_ENCRYPTION_KEYS", "old-one"),
        ]
    )
    assert sorted(keys_written_in(".env.sample", SAMPLE_TEXT)) == sorted(
        [
            ("SECRET_KEY", "bare-word"),
            ("IDENTITY_HMAC_KEY", "double-quoted"),
            ("FIELD_ENCRYPTION_KEYS", "single-quoted"),
            ("SECRET_KEY", "spaced"),
            ("IDENTITY_HMAC_KEY", "in-a-doc"),
        ]
    )


REFUSAL_PROBE = """
import importlib, json, os, sys
from django.core.exceptions import ImproperlyConfigured
base = dict(os.environ)
results = []
for name, value in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(base)
    if name:
        os.environ[name] = value
    for module in ("avhopp.settings_production", "avhopp.settings"):
        sys.modules.pop(module, None)
    try:
        importlib.import_module("avhopp.settings_production")
    except ImproperlyConfigured:
        results.append(True)
    else:
        results.append(False)
print(json.dumps(results))
"""


def test_every_key_written_in_the_repository_is_refused_by_production():
    found = sorted(keys_written_in_the_repository())
    assert found, "the scan found no key at all: is it reading the repository?"
    # The first entry changes nothing: the throwaway keys themselves are accepted.
    cases = [[None, None], *([name, value] for name, value in found)]
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", REFUSAL_PROBE],
        cwd=ROOT,
        env=production_env(),
        input=json.dumps(cases),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    refused = json.loads(result.stdout.strip().splitlines()[-1])
    assert refused[0] is False, "production refuses even fresh keys"
    accepted = [
        name for (name, _), ok in zip(found, refused[1:], strict=True) if not ok
    ]
    assert accepted == [], (
        "keys written in the repository that production accepts, for "
        + ", ".join(accepted)
        + ": add them to avhopp/published_keys.py"
    )


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


# --- Stored documents: for the application's system user only --------------------


@pytest.fixture
def usual_umask():
    """The umask most servers run with (0o022), under which files are world-readable
    unless the storage sets their mode."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.django_db
def test_an_uploaded_document_is_readable_by_the_application_user_only(
    client, settings, tmp_path, usual_umask
):
    settings.MEDIA_ROOT = tmp_path / "documents"
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    application = ApplicationFactory(agency=True)
    client.force_login(officer)
    response = client.post(
        reverse("applications:document_upload", args=[application.pk]),
        {
            "kind": "application",
            "file": SimpleUploadedFile("intyg.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    stored = Path(Document.objects.get(application=application).file.path)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    # The folders the storage made for it (documents/, documents/<year>/).
    folder = stored.parent
    while folder != tmp_path:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        folder = folder.parent


# --- Cache-Control: no-store on everything but static files ----------------------


@pytest.fixture
def granted_application(db):
    application = ApplicationFactory(
        agency=True, budget_year=BudgetYearFactory(year=2022), status=Status.GRANTED
    )
    DecisionFactory(
        application=application,
        presented_by=UserFactory(roles=[Role.CASE_OFFICER]),
        decided_by=UserFactory(roles=[Role.DECISION_MAKER]),
    )
    return application


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("applications:detail", ("pk",)),
        ("applications:list", ()),
        ("applications:export", ("csv",)),
        ("applications:decision_letter", ("pk",)),
        ("reports:pdf", (2022,)),
        ("login", ()),
    ],
)
def test_pages_lists_exports_and_pdfs_are_stored_in_no_cache(
    client, granted_application, url_name, args
):
    client.force_login(UserFactory(roles=[Role.CASE_OFFICER]))
    args = [granted_application.pk if arg == "pk" else arg for arg in args]
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Pragma"] == "no-cache"


def test_static_files_stay_cacheable(settings):
    # Served by whitenoise from the source folders, as under runserver.
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/css/avhopp.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Pragma" not in response


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
