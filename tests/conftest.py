import pytest
from django.db import connection


@pytest.fixture
def on_postgres():
    """Skip on SQLite: the test needs PostgreSQL behaviour (CI runs both)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…); CI runs it")
