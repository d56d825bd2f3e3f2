"""Running the production settings in a subprocess, with every secret given."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

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
