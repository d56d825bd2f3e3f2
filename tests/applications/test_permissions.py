"""The permission functions, role by role."""

import pytest

from applications import permissions
from applications.models import ApplicationKind, Status
from tests.factories import UserFactory, delegate
from tests.scenarios import case_at, decide, registered


@pytest.fixture
def users(officer, decider, coordinator, reader, auditor, no_role_user):
    return {
        "officer": officer,
        "decider": decider,
        "coordinator": coordinator,
        "reader": reader,
        "auditor": auditor,
        "no_role_user": no_role_user,
    }


@pytest.mark.parametrize(
    ("check", "allowed"),
    [
        ("can_view_application", {"officer", "decider", "coordinator", "reader"}),
        ("can_view_case_text", {"officer", "decider", "coordinator"}),
        ("can_view_identity", {"officer", "decider"}),
        ("can_view_documents", {"officer", "decider"}),
        ("can_prepare", {"officer"}),
        ("can_add_statement", {"officer", "coordinator"}),
        ("can_propose", {"officer"}),
        ("can_decide", set()),
    ],
)
def test_application_level_checks(users, in_review, check, allowed):
    function = getattr(permissions, check)
    result = {name for name, user in users.items() if function(user, in_review)}
    assert result == allowed


def test_coordinator_is_limited_to_individual_cases_in_own_region(
    coordinator, budget_year
):
    own = registered(budget_year=budget_year, municipality_code="1280")
    other_region = registered(budget_year=budget_year, municipality_code="0180")
    agency = registered(budget_year=budget_year, kind=ApplicationKind.AGENCY)
    assert permissions.can_view_application(coordinator, own)
    assert not permissions.can_view_application(coordinator, other_region)
    assert not permissions.can_view_application(coordinator, agency)


def test_coordinator_without_region_sees_nothing(budget_year):
    user = UserFactory(roles=["Avhopparsamordnare"])
    application = registered(budget_year=budget_year)
    assert not permissions.can_view_application(user, application)


def test_can_decide_needs_role_delegation_status_and_other_preparer(
    prepared, officer, decider
):
    assert permissions.can_decide(decider, prepared)
    no_delegation = UserFactory(roles=["Beslutsfattare"])
    assert not permissions.can_decide(no_delegation, prepared)
    both = UserFactory(roles=["Handläggare", "Beslutsfattare"])
    delegate(both)
    assert permissions.can_decide(both, prepared)
    own = case_at(Status.PREPARED, budget_year=prepared.budget_year, officer=both)
    assert not permissions.can_decide(both, own)
    decide(prepared, by=decider)
    assert not permissions.can_decide(decider, prepared)


def test_inactive_users_have_no_role(officer, in_review):
    officer.is_active = False
    officer.save()
    fresh = type(officer).objects.get(pk=officer.pk)
    assert not permissions.can_view_application(fresh, in_review)
