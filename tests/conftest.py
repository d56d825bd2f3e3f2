import pytest
from django.db import connections


def pytest_collection_modifyitems(config, items):
    """Skip the tests marked `postgres` unless the default database is PostgreSQL.

    Decided at collection, before any fixture runs, so that `-m postgres` and
    `-m "not postgres"` select them and none errors on SQLite (CI runs both).
    """
    if connections["default"].vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://…)")
    for item in items:
        if item.get_closest_marker("postgres") is not None:
            item.add_marker(skip)
