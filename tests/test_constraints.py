"""Each database constraint refuses the bad data it exists for.

The rows are written directly with the factories, not through the services: the
services refuse this data before it reaches the database, and the point here is
that the database refuses it too (for data written past them, e.g. by an import
or by hand).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    Decision,
    Delegation,
    Outcome,
    Proposal,
    RejectionReason,
)
from grants.models import (
    AllocationDecision,
    AllocationShare,
    BudgetAmendment,
    BudgetYear,
    Municipality,
)
from tests.factories import (
    ActionPlanFactory,
    ApplicationFactory,
    BudgetYearFactory,
    DecisionFactory,
    DisbursementFactory,
    InterventionFactory,
    OrganisationFactory,
    UserFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_negative_amounts_are_refused():
    year = BudgetYearFactory()
    refused(lambda: ApplicationFactory(requested_amount=Decimal("-1")))
    refused(lambda: DisbursementFactory(amount=Decimal("-5")))
    refused(lambda: DisbursementFactory(amount=Decimal("0")))
    refused(lambda: InterventionFactory(cost=Decimal("-0.01")))
    refused(
        lambda: BudgetYear.objects.create(
            year=2030, initial_ceiling=Decimal("-1"), ceiling=Decimal("1")
        )
    )
    refused(
        lambda: BudgetAmendment.objects.create(
            budget_year=year,
            decided_on=date(2022, 6, 30),
            reference="X",
            new_ceiling=Decimal("-1"),
        )
    )
    decision = AllocationDecision.objects.create(
        budget_year=year, decided_on=date(2022, 4, 8), reference="Noa 92/2022"
    )
    refused(
        lambda: AllocationShare.objects.create(
            decision=decision, kind="individual", amount=Decimal("-1")
        )
    )


def test_amounts_keep_ore():
    app = ApplicationFactory(requested_amount=Decimal("1234.50"))
    app.refresh_from_db()
    assert app.requested_amount == Decimal("1234.50")


def test_operating_grant_ceiling_cannot_exceed_the_ceiling():
    refused(
        lambda: BudgetYear.objects.create(
            year=2031,
            initial_ceiling=Decimal("100"),
            ceiling=Decimal("100"),
            operating_grant_ceiling=Decimal("101"),
        )
    )


def test_kommun_code_is_unique():
    existing = municipality("0114")
    refused(
        lambda: Municipality.objects.create(
            code="0114",
            name="Dubblett",
            county=existing.county,
            police_region=existing.police_region,
        )
    )


def test_diarienummer_is_unique():
    ApplicationFactory(reference_number="A077.218/2023")
    refused(lambda: ApplicationFactory(reference_number="A077.218/2023"))


def test_applicant_must_match_the_kind():
    year = BudgetYearFactory()
    org = OrganisationFactory()
    base = {
        "budget_year": year,
        "received_on": date(2022, 1, 1),
        "requested_amount": Decimal("1"),
    }
    refused(
        lambda: Application.objects.create(
            reference_number="X1",
            kind=ApplicationKind.INDIVIDUAL,
            applicant_organisation=org,
            **base,
        )
    )
    refused(
        lambda: Application.objects.create(
            reference_number="X2",
            kind=ApplicationKind.AGENCY,
            applicant_municipality=municipality(),
            **base,
        )
    )
    refused(
        lambda: Application.objects.create(
            reference_number="X3", kind=ApplicationKind.INDIVIDUAL, **base
        )
    )


def test_granted_amount_cannot_exceed_requested():
    app = ApplicationFactory(requested_amount=Decimal("1000"))
    refused(lambda: DecisionFactory(application=app, granted_amount=Decimal("1000.01")))
    DecisionFactory(application=app, granted_amount=Decimal("1000"))


def test_one_decision_per_application():
    app = ApplicationFactory()
    DecisionFactory(application=app)
    refused(lambda: DecisionFactory(application=app))


def test_rejection_needs_a_reason_and_no_amount():
    app = ApplicationFactory()
    refused(
        lambda: Decision.objects.create(
            application=app,
            outcome=Outcome.REJECTED,
            requested_amount=app.requested_amount,
            decided_on=date(2022, 5, 1),
        )
    )
    refused(
        lambda: Decision.objects.create(
            application=app,
            outcome=Outcome.REJECTED,
            requested_amount=app.requested_amount,
            granted_amount=Decimal("5"),
            rejection_reason=RejectionReason.INCOMPLETE,
            decided_on=date(2022, 5, 1),
        )
    )
    Decision.objects.create(
        application=app,
        outcome=Outcome.REJECTED,
        requested_amount=app.requested_amount,
        rejection_reason=RejectionReason.INCOMPLETE,
        decided_on=date(2022, 5, 1),
    )


def test_the_preparer_cannot_be_the_decider_in_the_database():
    user = UserFactory()
    refused(lambda: DecisionFactory(presented_by=user, decided_by=user))
    DecisionFactory(presented_by=user, decided_by=UserFactory())


def test_action_plan_is_at_most_six_months():
    refused(
        lambda: ActionPlanFactory(starts_on=date(2022, 1, 1), ends_on=date(2022, 8, 1))
    )
    refused(
        lambda: ActionPlanFactory(starts_on=date(2022, 5, 1), ends_on=date(2022, 4, 1))
    )
    plan = ActionPlanFactory(starts_on=date(2022, 1, 1), ends_on=date(2022, 6, 30))
    assert ActionPlan.objects.filter(pk=plan.pk).exists()


def test_intervention_cannot_end_before_it_starts():
    refused(
        lambda: InterventionFactory(
            starts_on=date(2022, 5, 1), ends_on=date(2022, 4, 30)
        )
    )


def test_proposal_outcome_must_be_consistent():
    app = ApplicationFactory()
    user = UserFactory()
    refused(
        lambda: Proposal.objects.create(
            application=app,
            outcome=Outcome.GRANTED,
            amount=None,
            motivation="m",
            prepared_by=user,
            prepared_at="2022-05-01T10:00:00+02:00",
        )
    )
    refused(
        lambda: Proposal.objects.create(
            application=app,
            outcome=Outcome.REJECTED,
            motivation="m",
            prepared_by=user,
            prepared_at="2022-05-01T10:00:00+02:00",
        )
    )


def test_completion_reply_by_cannot_precede_the_request():
    app = ApplicationFactory()
    refused(
        lambda: CompletionRequest.objects.create(
            application=app,
            requested_on=date(2022, 5, 10),
            reply_by=date(2022, 5, 1),
            message="Saknar handlingsplan",
            requested_by=UserFactory(),
        )
    )


def test_delegation_period_and_amount_must_be_valid():
    user = UserFactory()
    refused(
        lambda: Delegation.objects.create(
            user=user,
            kind=ApplicationKind.INDIVIDUAL,
            max_amount=Decimal("-1"),
            valid_from=date(2022, 1, 1),
        )
    )
    refused(
        lambda: Delegation.objects.create(
            user=user,
            kind=ApplicationKind.INDIVIDUAL,
            max_amount=Decimal("1"),
            valid_from=date(2022, 1, 1),
            valid_to=date(2021, 1, 1),
        )
    )


def test_grant_without_an_amount_is_refused():
    app = ApplicationFactory()
    refused(
        lambda: Decision.objects.create(
            application=app,
            outcome=Outcome.GRANTED,
            requested_amount=app.requested_amount,
            granted_amount=None,
            decided_on=date(2022, 5, 1),
        )
    )
