"""Production settings: DEBUG off, HTTPS behind a TLS-terminating reverse proxy,
two-factor login for everyone, secrets from the environment only.

    DJANGO_SETTINGS_MODULE=avhopp.settings_production

The process refuses to start when a required variable is missing or malformed
(docs/security.md lists them; .env.example documents each).
"""

import os

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

REQUIRED = (
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEYS",
    "IDENTITY_HMAC_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
)
_FALSE = {"0", "false", "no", "off", "n", "f"}


def _check_environment() -> None:
    missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(
            "Production needs these environment variables: "
            + ", ".join(missing)
            + " (see .env.example and docs/security.md)."
        )
    if os.environ.get("DEBUG", "false").strip().lower() not in _FALSE:
        raise ImproperlyConfigured("DEBUG must be off in production.")
    if os.environ.get("REQUIRE_2FA", "true").strip().lower() in _FALSE:
        raise ImproperlyConfigured(
            "Two-factor login cannot be switched off in production."
        )
    for key in os.environ["FIELD_ENCRYPTION_KEYS"].split(","):
        try:
            Fernet(key.strip())
        except ValueError:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key."
            ) from None
    if len(os.environ["IDENTITY_HMAC_KEY"].strip()) < 32:
        raise ImproperlyConfigured("IDENTITY_HMAC_KEY must be at least 32 characters.")


_check_environment()


# --- Refused in production: SQLite, and every key published in the repository ------
# (docs/security.md, "Production refuses to run unsafely")

_POSTGRESQL = "django.db.backends.postgresql"


def _refuse_sqlite_and_published_keys() -> None:
    import environ

    from avhopp.published_keys import PUBLISHED_KEYS

    engine = environ.Env.db_url_config(os.environ["DATABASE_URL"].strip())["ENGINE"]
    if engine != _POSTGRESQL:
        raise ImproperlyConfigured(
            "DATABASE_URL must point at PostgreSQL in production (postgres://…): "
            "only there is the audit trail immutable and concurrent writes safe."
        )
    values = {
        "SECRET_KEY": [os.environ["SECRET_KEY"]],
        "FIELD_ENCRYPTION_KEYS": os.environ["FIELD_ENCRYPTION_KEYS"].split(","),
        "IDENTITY_HMAC_KEY": [os.environ["IDENTITY_HMAC_KEY"]],
    }
    published = [
        name
        for name, keys in values.items()
        if any(key.strip() in PUBLISHED_KEYS or key in PUBLISHED_KEYS for key in keys)
    ]
    if published:
        raise ImproperlyConfigured(
            ", ".join(published) + " holds a key that is published in the repository "
            "(avhopp/published_keys.py): make a new one (see .env.example)."
        )


_refuse_sqlite_and_published_keys()
# --- end of the production refusals ------------------------------------------------
# A stray .env file cannot switch these back (it never overrides the environment).
os.environ["DEBUG"] = "false"
os.environ["REQUIRE_2FA"] = "true"

from avhopp.settings import *  # noqa: E402, F403
from avhopp.settings import env  # noqa: E402

DEBUG = False
REQUIRE_2FA = True

# Neither the demo data (seed_demo: known passwords) nor the benchmark tools
# (bench_session: a verified session cookie) are installed in production.
INSTALLED_APPS = [a for a in INSTALLED_APPS if a not in ("demo", "bench")]  # noqa: F405

# The reverse proxy terminates TLS and sets X-Forwarded-Proto and X-Forwarded-For.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies: only over HTTPS, only for this host, never for a parent domain.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
