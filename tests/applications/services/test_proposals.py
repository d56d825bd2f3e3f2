"""The föredragning: what a complete application needs before it goes to decision."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from applications import services
from applications.models import (
    Outcome,
    RejectionReason,
    Status,
)
from tests.scenarios import registered


def test_complete_application_goes_to_decision(in_review, officer):
    services.proposal_submit(
        application=in_review,
        by=officer,
        outcome=Outcome.GRANTED,
        amount=Decimal("300000"),
        motivation="Uppfyller kriterierna.",
    )
    in_review.refresh_from_db()
    assert in_review.status == Status.PREPARED
    assert in_review.proposal.prepared_by == officer


def test_incomplete_application_lists_what_is_missing(budget_year, officer):
    application = registered(
        budget_year=budget_year, by=officer, requested="1000", plan=False
    )
    services.application_start_review(application=application, by=officer)
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(
            application=application,
            by=officer,
            outcome=Outcome.GRANTED,
            amount=Decimal("1000"),
            motivation="x",
        )
    messages = error.value.messages
    assert (
        len([m for m in messages if "ej registrerat" in m or "not recorded" in m]) == 7
    )
    assert any("utlåtande" in m or "statement" in m for m in messages)
    assert any("handlingsplan" in m.lower() or "action plan" in m for m in messages)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_criterion_not_met_blocks_a_grant_proposal(in_review, officer):
    services.individual_case_record_criterion(
        case=in_review.individual_case,
        by=officer,
        criterion="not_evidence_person",
        value=False,
    )
    missing = services.proposal_missing(application=in_review)
    assert len(missing) == 1


def test_interventions_must_sum_to_the_requested_amount(in_review, officer):
    plan = in_review.action_plan
    services.action_plan_save(
        application=in_review,
        by=officer,
        data=services.ActionPlanData(
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            interventions=[
                services.InterventionData(
                    kind="coaching",
                    cost=Decimal("200000"),
                    starts_on=plan.starts_on,
                    ends_on=plan.ends_on,
                )
            ],
        ),
    )
    missing = services.proposal_missing(application=in_review)
    assert len(missing) == 1 and "200" in missing[0] and "300" in missing[0]


def test_unanswered_completion_blocks_the_proposal(in_review, officer, tomorrow):
    services.completion_request_create(
        application=in_review, by=officer, message="x", reply_by=tomorrow
    )
    assert services.proposal_missing(application=in_review)


def test_rejection_for_incompleteness_can_be_proposed_for_an_incomplete_case(
    budget_year, officer
):
    application = registered(budget_year=budget_year, by=officer, plan=False)
    services.application_start_review(application=application, by=officer)
    services.proposal_submit(
        application=application,
        by=officer,
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
        motivation="Handlingsplan saknas.",
    )
    application.refresh_from_db()
    assert application.status == Status.PREPARED


def test_proposal_amount_cannot_exceed_the_requested_amount(in_review, officer):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            application=in_review,
            by=officer,
            outcome=Outcome.GRANTED,
            amount=Decimal("300001"),
            motivation="x",
        )


def test_rejection_for_unmet_criteria_needs_only_one_criterion_recorded_as_not_met(
    budget_year, officer
):
    application = registered(budget_year=budget_year, by=officer)
    services.application_start_review(application=application, by=officer)
    reasons = services.proposal_rejection_reasons(application=application)
    assert RejectionReason.CRITERIA_NOT_MET not in reasons
    services.individual_case_record_criterion(
        case=application.individual_case,
        by=officer,
        criterion="not_evidence_person",
        value=False,
    )
    # The other six criteria are still unrecorded.
    assert RejectionReason.CRITERIA_NOT_MET in services.proposal_rejection_reasons(
        application=application
    )
    services.proposal_submit(
        application=application,
        by=officer,
        outcome=Outcome.REJECTED,
        rejection_reason=RejectionReason.CRITERIA_NOT_MET,
        motivation="Personen är bevisperson.",
    )
    application.refresh_from_db()
    assert application.status == Status.PREPARED


def test_rejection_for_unmet_criteria_is_refused_when_every_recorded_one_is_met(
    in_review, officer
):
    with pytest.raises(ValidationError, match="minst ett|at least one"):
        services.proposal_submit(
            application=in_review,
            by=officer,
            outcome=Outcome.REJECTED,
            rejection_reason=RejectionReason.CRITERIA_NOT_MET,
            motivation="x",
        )
