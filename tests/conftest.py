"""Fixtures for every test: one user per role, the budget year and the days.

The users come from tests/factories.py (`officer_user` and the others), so that
a scenario that needs a handläggare and the `officer` fixture are the same user.
Cases in a status come from tests/scenarios.py. All data is invented.
"""

from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from accounts.roles import Role
from tests.factories import (
    BudgetYearFactory,
    UserFactory,
    coordinator_user,
    decider_user,
    load_reference_rows,
    officer_user,
)


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


# --- one user per role ----------------------------------------------------------


@pytest.fixture
def officer(db):
    """A handläggare."""
    return officer_user()


@pytest.fixture
def other_officer(db):
    """A second handläggare."""
    return officer_user("handlaggare2")


@pytest.fixture
def decider(db):
    """A beslutsfattare with a delegation for every kind of application."""
    return decider_user()


@pytest.fixture
def coordinator(db):
    """An avhopparsamordnare in the polisregion of kommun 1280 (Malmö)."""
    return coordinator_user()


@pytest.fixture
def reader(db):
    """A läsare."""
    return UserFactory(username="lasare", roles=[Role.READER])


@pytest.fixture
def auditor(db):
    """A granskare."""
    return UserFactory(username="granskare", roles=[Role.AUDITOR])


@pytest.fixture
def no_role_user(db):
    """A user with an account and no role."""
    return UserFactory(username="utan-roll")


# --- the year and the days --------------------------------------------------------


@pytest.fixture
def budget_year(db):
    return BudgetYearFactory(year=2022)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def tomorrow(today):
    return today + timedelta(days=1)


@pytest.fixture
def reference_data(transactional_db):
    """The reference rows again, in a transactional test (see load_reference_rows)."""
    load_reference_rows()
