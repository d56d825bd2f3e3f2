"""The decision: four-eyes, the delegation, the budget and returning a proposal."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from applications import services
from applications.models import (
    ApplicationKind,
    Decision,
    FollowUpReport,
    Outcome,
    Status,
)
from tests.factories import (
    UserFactory,
    delegate,
)
from tests.scenarios import case_at


def test_grant_records_decision_follow_up_and_status(prepared, decider, officer):
    decision = services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("250000"),
        conditions="Redovisning enligt mall.",
    )
    prepared.refresh_from_db()
    assert prepared.status == Status.GRANTED
    assert decision.presented_by == officer and decision.decided_by == decider
    assert decision.requested_amount == Decimal("300000")
    assert prepared.follow_up.due_on == date(2023, 2, 1)


def test_four_eyes_the_preparer_can_never_decide(budget_year, officer):
    both = UserFactory(
        username="bada-rollerna", roles=[Role.CASE_OFFICER, Role.DECISION_MAKER]
    )
    delegate(both)
    application = case_at(Status.PREPARED, budget_year=budget_year, officer=both)
    with pytest.raises(PermissionDenied, match="fyra ögon|four-eyes"):
        services.application_decide(
            application=application,
            by=both,
            outcome=Outcome.GRANTED,
            amount=Decimal("1000"),
        )
    assert not Decision.objects.exists()


def test_a_case_officer_without_the_role_cannot_decide(prepared, other_officer):
    delegate(other_officer)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=prepared,
            by=other_officer,
            outcome=Outcome.GRANTED,
            amount=Decimal("1000"),
        )


def _decider(**delegation):
    user = UserFactory(roles=[Role.DECISION_MAKER])
    delegate(user, **delegation)
    return user


@pytest.mark.parametrize(
    ("delegation", "amount"),
    [
        ({"kind": ApplicationKind.AGENCY}, "1000"),
        ({"max_amount": "99999"}, "100000"),
        ({"valid_from": date(2020, 1, 1), "valid_to": date(2021, 12, 31)}, "1000"),
        ({"valid_from": date(2030, 1, 1)}, "1000"),
    ],
    ids=["other-kind", "amount-above", "period-ended", "period-not-started"],
)
def test_decision_outside_the_delegation_is_refused(prepared, delegation, amount):
    decider = _decider(**delegation)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=prepared,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal(amount),
            decided_on=date(2022, 6, 1),
        )
    assert not Decision.objects.exists()


def test_decision_within_the_delegation_amount_is_accepted(prepared):
    decider = _decider(max_amount="100000")
    services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("100000"),
        decided_on=date(2022, 6, 1),
    )
    assert Decision.objects.get().granted_amount == Decimal("100000")


def test_grant_cannot_exceed_the_requested_amount(prepared, decider):
    with pytest.raises(ValidationError):
        services.application_decide(
            application=prepared,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal("300001"),
        )


def test_rejection_needs_one_of_the_three_reasons(prepared, decider):
    with pytest.raises(ValidationError):
        services.application_decide(
            application=prepared, by=decider, outcome=Outcome.REJECTED
        )
    services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.REJECTED,
        rejection_reason="criteria_not_met",
        rejection_details="Bevisperson.",
    )
    prepared.refresh_from_db()
    assert prepared.status == Status.REJECTED
    assert not FollowUpReport.objects.filter(application=prepared).exists()


def test_budget_guard_refuses_a_grant_above_the_remaining_appropriation(
    budget_year, officer, decider
):
    budget_year.ceiling = Decimal("1000000")
    budget_year.operating_grant_ceiling = None
    budget_year.save()
    case_at(
        Status.GRANTED,
        budget_year=budget_year,
        officer=officer,
        decider=decider,
        requested="800000",
    )
    application = case_at(
        Status.PREPARED, budget_year=budget_year, officer=officer, requested="300000"
    )
    with pytest.raises(ValidationError) as error:
        services.application_decide(
            application=application,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal("200001"),
        )
    assert "200\u00a0000\u00a0kr" in error.value.messages[0]
    services.application_decide(
        application=application,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("200000"),
    )
    application.refresh_from_db()
    assert application.status == Status.GRANTED


def test_budget_guard_holds_the_operating_grant_sub_ceiling(
    budget_year, officer, decider
):
    budget_year.operating_grant_ceiling = Decimal("100000")
    budget_year.save()
    operating = {"budget_year": budget_year, "officer": officer, "decider": decider}
    operating["kind"] = ApplicationKind.OPERATING_GRANT
    case_at(Status.GRANTED, requested="60000", **operating)
    application = case_at(Status.PREPARED, requested="50000", **operating)
    with pytest.raises(ValidationError) as error:
        services.application_decide(
            application=application,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal("50000"),
        )
    assert "40\u00a0000\u00a0kr" in error.value.messages[0]
    # An individärende of the same size is not held by the sub-ceiling.
    individual = case_at(
        Status.PREPARED, budget_year=budget_year, officer=officer, requested="50000"
    )
    services.application_decide(
        application=individual,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("50000"),
    )


def test_a_rejection_is_not_held_by_the_budget(budget_year, prepared, decider):
    budget_year.ceiling = Decimal("0")
    budget_year.operating_grant_ceiling = None
    budget_year.save()
    services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
    )


def test_returned_proposal_goes_back_to_review(prepared, decider):
    services.proposal_return(application=prepared, by=decider, text="Komplettera.")
    prepared.refresh_from_db()
    assert prepared.status == Status.IN_REVIEW
