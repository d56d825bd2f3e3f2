"""Shared fixtures for the case-handling tests: one user per role and cases in
every stage of the workflow. All data is invented."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from applications.models import (
    ApplicationKind,
    Delegation,
    IndividualCase,
    Outcome,
    Proposal,
    StaffProfile,
    Status,
)
from tests.factories import (
    ActionPlanFactory,
    ApplicationFactory,
    BudgetYearFactory,
    DecisionFactory,
    IndividualCaseFactory,
    InterventionFactory,
    UserFactory,
    municipality,
)


@pytest.fixture
def budget_year(db):
    return BudgetYearFactory(year=2022)


@pytest.fixture
def officer(db):
    return UserFactory(username="handlaggare", roles=[Role.CASE_OFFICER])


@pytest.fixture
def other_officer(db):
    return UserFactory(username="handlaggare2", roles=[Role.CASE_OFFICER])


def delegate(user, kind=ApplicationKind.INDIVIDUAL, max_amount="10000000", **kwargs):
    return Delegation.objects.create(
        user=user,
        kind=kind,
        max_amount=Decimal(max_amount),
        valid_from=kwargs.get("valid_from", date(2020, 1, 1)),
        valid_to=kwargs.get("valid_to"),
    )


@pytest.fixture
def decider(db):
    user = UserFactory(username="beslutsfattare", roles=[Role.DECISION_MAKER])
    for kind in ApplicationKind.values:
        delegate(user, kind=kind, max_amount="100000000")
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="samordnare", roles=[Role.COORDINATOR])
    StaffProfile.objects.create(
        user=user, police_region=municipality("1280").police_region
    )
    return user


@pytest.fixture
def reader(db):
    return UserFactory(username="lasare", roles=[Role.READER])


@pytest.fixture
def auditor(db):
    return UserFactory(username="granskare", roles=[Role.AUDITOR])


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="utan-roll")


def complete_individual_application(
    *, budget_year, requested="300000", status=Status.IN_REVIEW, **kwargs
):
    """An individärende with every criterion met, an utlåtande and a valid plan."""
    application = ApplicationFactory(
        budget_year=budget_year,
        requested_amount=Decimal(requested),
        status=status,
        **kwargs,
    )
    IndividualCaseFactory(
        application=application,
        coordinator_statement="Samordnaren tillstyrker ansökan.",
        **{name: True for name in IndividualCase.CRITERIA},
    )
    plan = ActionPlanFactory(
        application=application,
        starts_on=date(2022, 4, 1),
        ends_on=date(2022, 9, 30),
    )
    InterventionFactory(
        action_plan=plan,
        cost=Decimal(requested),
        starts_on=date(2022, 4, 1),
        ends_on=date(2022, 9, 30),
    )
    return application


def prepare(application, *, by, amount=None, outcome=Outcome.GRANTED):
    """Put a föredragning on the application and mark it prepared."""
    Proposal.objects.create(
        application=application,
        outcome=outcome,
        amount=(amount or application.requested_amount)
        if outcome == Outcome.GRANTED
        else None,
        rejection_reason="" if outcome == Outcome.GRANTED else "incomplete",
        motivation="Uppfyller kriterierna.",
        prepared_by=by,
        prepared_at=timezone.now(),
    )
    application.status = Status.PREPARED
    application.save(update_fields=["status"])
    return application


def reject(*, budget_year, officer, decider):
    """A complete individärende, prepared and then rejected through the service."""
    from applications.services import application_decide

    application = complete_individual_application(budget_year=budget_year)
    prepare(application, by=officer, outcome=Outcome.REJECTED)
    application_decide(
        application=application,
        by=decider,
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
    )
    return application


@pytest.fixture
def in_review(budget_year, officer):
    return complete_individual_application(budget_year=budget_year, assigned_to=officer)


@pytest.fixture
def prepared(budget_year, officer):
    application = complete_individual_application(budget_year=budget_year)
    return prepare(application, by=officer)


@pytest.fixture
def granted(budget_year, officer, decider):
    application = complete_individual_application(
        budget_year=budget_year, status=Status.GRANTED
    )
    prepare(application, by=officer)
    application.status = Status.GRANTED
    application.save(update_fields=["status"])
    DecisionFactory(
        application=application,
        presented_by=officer,
        decided_by=decider,
        decided_on=date(2022, 5, 2),
    )
    from applications.models import FollowUpReport

    FollowUpReport.objects.create(application=application, due_on=date(2023, 2, 1))
    return application


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def tomorrow(today):
    return today + timedelta(days=1)


def load_reference_rows() -> None:
    """Load kommuner, län, polisregioner and role groups into an empty database.

    A transactional test empties the database afterwards, including the rows
    that migrations loaded; tests that need them load them again with this.
    """
    from django.contrib.auth.models import Group

    from grants.models import County, Municipality, PoliceRegion
    from grants.reference_data import load_reference_data

    load_reference_data(
        county_model=County, region_model=PoliceRegion, municipality_model=Municipality
    )
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@pytest.fixture
def reference_data(transactional_db):
    load_reference_rows()
