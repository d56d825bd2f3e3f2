"""Cases brought to a status the way people bring them there: through the services.

A scenario registers an application and takes it along the workflow table
(`applications.workflow.decision_path`) one service at a time, as the
handläggare and the beslutsfattare would, so every row a real case has (criteria
records, events, the proposal, the decision, the återrapportering) is there and
nothing a real case cannot have is. Tests that need a state the services cannot
make build rows with tests/factories.py and say why. All data is invented.
"""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from applications import services
from applications.models import (
    Application,
    ApplicationKind,
    CompletionRequest,
    Decision,
    Environment,
    FollowUpReport,
    IndividualCase,
    InterventionKind,
    Outcome,
    Proposal,
    RejectionReason,
    Status,
)
from applications.workflow import (
    DECIDED,
    DECISION_STATUS,
    PAYMENT_STATUSES,
    decision_path,
)
from tests.factories import (
    OrganisationFactory,
    decider_user,
    municipality,
    officer_user,
)

_references = itertools.count(1)

PLAN_STARTS = date(2022, 4, 1)
PLAN_ENDS = date(2022, 9, 30)


def next_reference(year: int) -> str:
    n = next(_references)
    return f"S{n // 1000:03d}.{n % 1000:03d}/{year}"


def registered(
    *,
    budget_year,
    by=None,
    kind: str = ApplicationKind.INDIVIDUAL,
    requested: str | Decimal = "300000",
    received_on: date = date(2022, 3, 1),
    municipality_code: str = "1280",
    organisation=None,
    reference_number: str = "",
    purpose: str = "",
    plan: bool | None = None,
) -> Application:
    """A received application, registered by `by` (and so assigned to them).

    With a handlingsplan whose one insats costs the requested amount when `plan`
    says so; by default an individärende has one and the other kinds none.
    """
    by = by or officer_user()
    individual = kind == ApplicationKind.INDIVIDUAL
    amount = Decimal(requested)
    if plan is None:
        plan = individual
    return services.application_register(
        by=by,
        kind=kind,
        reference_number=reference_number or next_reference(budget_year.year),
        budget_year=budget_year,
        received_on=received_on,
        requested_amount=amount,
        purpose=purpose,
        applicant_municipality=municipality(municipality_code) if individual else None,
        applicant_organisation=None
        if individual
        else organisation or OrganisationFactory(),
        case=services.IndividualCaseData(
            environment=Environment.CRIMINAL, protection_need=True, birth_year=1999
        )
        if individual
        else None,
        action_plan=_plan(amount) if plan else None,
    )


def _plan(amount: Decimal) -> services.ActionPlanData:
    return services.ActionPlanData(
        starts_on=PLAN_STARTS,
        ends_on=PLAN_ENDS,
        interventions=[
            services.InterventionData(
                kind=InterventionKind.COACHING,
                cost=amount,
                starts_on=PLAN_STARTS,
                ends_on=PLAN_ENDS,
            )
        ],
    )


def review(application: Application, *, by) -> Application:
    """Record every criterion as met and the samordnare's utlåtande (in review)."""
    if application.is_individual:
        case = application.individual_case
        services.individual_case_record_criteria(
            case=case, by=by, values=dict.fromkeys(IndividualCase.CRITERIA, True)
        )
        services.individual_case_add_statement(
            case=case, by=by, statement="Samordnaren tillstyrker ansökan."
        )
    else:
        services.application_start_review(application=application, by=by)
    return application


def prepare(
    application,
    *,
    by,
    amount=None,
    outcome=Outcome.GRANTED,
    rejection_reason=RejectionReason.INCOMPLETE,
):
    """Write the föredragning and send the application to decision; a rejection
    for unmet criteria first records one criterion as not met."""
    granted = outcome == Outcome.GRANTED
    if (
        not granted
        and rejection_reason == RejectionReason.CRITERIA_NOT_MET
        and application.is_individual
    ):
        services.individual_case_record_criterion(
            case=application.individual_case,
            by=by,
            criterion="not_evidence_person",
            value=False,
        )
    services.proposal_submit(
        application=application,
        by=by,
        outcome=outcome,
        amount=Decimal(amount or application.requested_amount) if granted else None,
        rejection_reason="" if granted else rejection_reason,
        motivation="Uppfyller kriterierna." if granted else "Ofullständig.",
    )
    return application


def decide(
    application,
    *,
    by,
    outcome=Outcome.GRANTED,
    amount=None,
    decided_on=None,
    rejection_reason=RejectionReason.INCOMPLETE,
):
    """Record the beslutsfattare's decision on the proposal."""
    granted = outcome == Outcome.GRANTED
    services.application_decide(
        application=application,
        by=by,
        outcome=outcome,
        amount=Decimal(amount or Proposal.objects.get(application=application).amount)
        if granted
        else None,
        rejection_reason="" if granted else rejection_reason,
        decided_on=decided_on,
    )
    return application


def _recent(day: date) -> date:
    """The day, or today if it lies ahead (services refuse future dates)."""
    return min(day, timezone.localdate())


def _completion_ended(application, *, officer, reason: str) -> None:
    """The komplettering answered today, or for a rejection "ej kompletterad"
    recorded as never supplied (its reply-by date then a week ago)."""
    request = application.completion_requests.get(answered_on__isnull=True)
    if reason != RejectionReason.COMPLETION_NOT_SUPPLIED:
        services.completion_request_answer(
            completion_request=request, by=officer, answered_on=timezone.localdate()
        )
        return
    today = timezone.localdate()
    CompletionRequest.objects.filter(pk=request.pk).update(
        requested_on=today - timedelta(days=21), reply_by=today - timedelta(days=7)
    )
    request.refresh_from_db()
    services.completion_request_record_not_supplied(
        completion_request=request, by=officer
    )
    application.refresh_from_db()


def _step(application, current: str, to: str, *, officer, decider, **decision):
    """Take the application from `current` to `to` through the service that does."""
    outcome, amount = decision["outcome"], decision["amount"]
    reason = decision["rejection_reason"]
    if current == Status.RECEIVED and to == Status.IN_REVIEW:
        review(application, by=officer)
    elif to == Status.COMPLETION_REQUESTED:
        services.completion_request_create(
            application=application,
            by=officer,
            message="Samtycke saknas.",
            reply_by=timezone.localdate() + timedelta(days=14),
        )
    elif current == Status.COMPLETION_REQUESTED and to == Status.IN_REVIEW:
        _completion_ended(application, officer=officer, reason=reason)
    elif to == Status.PREPARED:
        prepare(
            application,
            by=officer,
            amount=amount,
            outcome=outcome,
            rejection_reason=reason,
        )
    elif to in DECISION_STATUS.values():
        decide(
            application,
            by=decider,
            outcome=outcome,
            decided_on=decision["decided_on"],
            rejection_reason=reason,
        )
    elif to in PAYMENT_STATUSES:
        granted = Decision.objects.get(application=application).granted_amount
        services.disbursement_register(
            application=application,
            by=officer,
            # Delvis utbetald: half of the grant.
            amount=granted if to == Status.PAID else (granted / 2).quantize(1),
            paid_on=decision["paid_on"]
            or _recent(date(application.budget_year.year, 6, 1)),
        )
    elif to == Status.REPORTED:
        services.follow_up_register(
            application=application,
            by=officer,
            due_on=FollowUpReport.objects.get(application=application).due_on,
            received_on=_recent(date(application.budget_year.year + 1, 1, 20)),
            spent_amount=Decision.objects.get(application=application).granted_amount,
            results="Fullföljt program.",
        )
    elif to == Status.CLOSED:
        services.application_close(application=application, by=officer)
    elif to == Status.WITHDRAWN:
        services.application_withdraw(
            application=application, by=officer, reason="Sökanden återkallade."
        )
    else:
        raise ValueError(f"no service moves {current} to {to}")


def case_at(
    status: str = Status.IN_REVIEW,
    *,
    budget_year,
    officer=None,
    decider=None,
    outcome: str | None = None,
    completion: bool = False,
    amount=None,
    decided_on: date | None = None,
    paid_on: date | None = None,
    rejection_reason: str = RejectionReason.INCOMPLETE,
    **registration,
) -> Application:
    """A complete application brought to `status` along the workflow table.

    The handläggare `officer` registers, reviews and prepares it; the
    beslutsfattare `decider` decides it, granting it unless `outcome` says
    otherwise or the shortest way to the status is a rejection (a closed case);
    `completion` takes it through a komplettering first. `amount` is the amount
    proposed and granted (default: the requested), paid in full on `paid_on`
    (default: 1 June of the budget year). The rest goes to `registered`.
    """
    officer = officer or officer_user()
    # "Ej kompletterad" rests on a komplettering that never came.
    not_supplied = rejection_reason == RejectionReason.COMPLETION_NOT_SUPPLIED
    completion = completion or (status in DECIDED and not_supplied)
    path = decision_path(
        status, outcome=outcome if status in DECIDED else None, completion=completion
    )
    if outcome is None:
        outcome = Outcome.REJECTED if Status.REJECTED in path else Outcome.GRANTED
    if status in DECIDED:
        decider = decider or decider_user()
    application = registered(budget_year=budget_year, by=officer, **registration)
    for current, to in itertools.pairwise(path):
        _step(
            application,
            current,
            to,
            officer=officer,
            decider=decider,
            outcome=outcome,
            amount=amount,
            decided_on=decided_on,
            paid_on=paid_on,
            rejection_reason=rejection_reason,
        )
    application.refresh_from_db()
    assert application.status == status, (application.status, status)
    return application


def complete_individual_application(
    *,
    budget_year,
    requested="300000",
    assigned_to=None,
    status: str = Status.IN_REVIEW,
    **registration,
) -> Application:
    """A complete individärende (in review unless `status` says otherwise): every
    criterion met, an utlåtande and a
    valid handlingsplan, registered and reviewed by `assigned_to` (or the
    handläggare)."""
    return case_at(
        status,
        budget_year=budget_year,
        officer=assigned_to,
        requested=requested,
        **registration,
    )


def reject(*, budget_year, officer, decider) -> Application:
    """A complete individärende, proposed for rejection and rejected."""
    return case_at(
        Status.REJECTED,
        budget_year=budget_year,
        officer=officer,
        decider=decider,
        outcome=Outcome.REJECTED,
    )
