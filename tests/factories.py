"""factory_boy factories and the users of each role, shared by the tests.

The factories make bare rows: for constraints, queries and data that the
services cannot make (imported or legacy rows). A case in a status of the
workflow comes from tests/scenarios.py, which goes through the services. All
data is invented.
"""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import Role
from accounts.text import key_fold
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    Decision,
    Delegation,
    Disbursement,
    Environment,
    IndividualCase,
    Intervention,
    InterventionKind,
    Outcome,
    StaffProfile,
)
from grants.models import BudgetYear, Municipality, Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetYear
        django_get_or_create = ("year",)

    year = 2022
    initial_ceiling = Decimal("22500000")
    ceiling = Decimal("72500000")
    operating_grant_ceiling = Decimal("10000000")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.AGENCY


def municipality(code: str = "1280") -> Municipality:
    """A kommun from the reference data loaded by the migrations."""
    return Municipality.objects.get(code=code)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    reference_number = factory.Sequence(
        lambda n: f"A{n // 1000:03d}.{n % 1000:03d}/2022"
    )
    reference_key = factory.LazyAttribute(lambda o: key_fold(o.reference_number))
    kind = ApplicationKind.INDIVIDUAL
    applicant_municipality = factory.LazyFunction(municipality)
    applicant_organisation = None
    budget_year = factory.SubFactory(BudgetYearFactory)
    received_on = date(2022, 3, 1)
    requested_amount = Decimal("500000")

    class Params:
        agency = factory.Trait(
            kind=ApplicationKind.AGENCY,
            applicant_municipality=None,
            applicant_organisation=factory.SubFactory(OrganisationFactory),
        )
        operating_grant = factory.Trait(
            kind=ApplicationKind.OPERATING_GRANT,
            applicant_municipality=None,
            applicant_organisation=factory.SubFactory(
                OrganisationFactory, kind=Organisation.Kind.NON_PROFIT
            ),
        )


class IndividualCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndividualCase

    application = factory.SubFactory(ApplicationFactory)
    case_code = factory.Sequence(lambda n: f"AVH-T-{n:05d}")
    birth_year = 1999
    environment = Environment.CRIMINAL
    protection_need = True


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    application = factory.SubFactory(ApplicationFactory)
    starts_on = date(2022, 4, 1)
    ends_on = date(2022, 9, 30)


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    action_plan = factory.SubFactory(ActionPlanFactory)
    kind = InterventionKind.COACHING
    cost = Decimal("100000")
    starts_on = date(2022, 4, 1)
    ends_on = date(2022, 6, 30)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    application = factory.SubFactory(ApplicationFactory)
    outcome = Outcome.GRANTED
    requested_amount = factory.LazyAttribute(lambda o: o.application.requested_amount)
    granted_amount = factory.LazyAttribute(lambda o: o.application.requested_amount)
    decided_on = date(2022, 5, 1)


class DisbursementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disbursement

    application = factory.SubFactory(ApplicationFactory)
    amount = Decimal("100000")
    paid_on = date(2022, 6, 1)


# --- the users of each role: one per role, the same user however often asked ---


def officer_user(username: str = "handlaggare"):
    """A handläggare."""
    return UserFactory(username=username, roles=[Role.CASE_OFFICER])


def delegate(
    user,
    kind: str = ApplicationKind.INDIVIDUAL,
    max_amount: str = "10000000",
    *,
    valid_from: date = date(2020, 1, 1),
    valid_to: date | None = None,
) -> Delegation:
    """A delegation to decide applications of one kind (kept in the admin)."""
    return Delegation.objects.get_or_create(
        user=user,
        kind=kind,
        max_amount=Decimal(max_amount),
        valid_from=valid_from,
        valid_to=valid_to,
    )[0]


def decider_user(username: str = "beslutsfattare"):
    """A beslutsfattare with a delegation for every kind of application."""
    user = UserFactory(username=username, roles=[Role.DECISION_MAKER])
    for kind in ApplicationKind.values:
        delegate(user, kind=kind, max_amount="100000000")
    return user


def coordinator_user(username: str = "samordnare", municipality_code: str = "1280"):
    """An avhopparsamordnare in the polisregion of the kommun."""
    user = UserFactory(username=username, roles=[Role.COORDINATOR])
    StaffProfile.objects.get_or_create(
        user=user,
        defaults={"police_region": municipality(municipality_code).police_region},
    )
    return user


def load_reference_rows() -> None:
    """Load kommuner, län, polisregioner and role groups into an empty database.

    A transactional test empties the database afterwards, including the rows
    that migrations loaded; tests that need them load them again with this.
    """
    from grants.models import County, PoliceRegion
    from grants.reference_data import load_reference_data

    load_reference_data(
        county_model=County, region_model=PoliceRegion, municipality_model=Municipality
    )
    for role in Role:
        Group.objects.get_or_create(name=role.value)
