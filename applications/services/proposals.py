"""Every write to applications goes through a function here.

Each service takes the acting user, checks permission (raising PermissionDenied)
and the business rules (raising ValidationError with a message for people),
and makes its writes in one transaction. Status changes go through
`application_transition` and the workflow table; each leaves an Event.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.action_plans import action_plan_problems
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Disbursement,
    Document,
    Event,
    FollowUpReport,
    IndividualCase,
    Intervention,
    Outcome,
    Proposal,
    RejectionReason,
    Status,
)
from applications.selectors import (
    application_disbursed,
    budget_year_granted,
    delegation_covering,
)
from applications.uploads import CheckedUpload, stored_files_removed_on_error
from applications.workflow import check_transition
from grants.budget import budget_year_reserve
from grants.formatting import format_sek
from grants.models import BudgetYear, Municipality, Organisation

# --- data passed into services -------------------------------------------------


@dataclass(frozen=True)
class InterventionData:
    kind: str
    cost: Decimal
    starts_on: date
    ends_on: date
    description: str = ""
    provider: Organisation | None = None


@dataclass(frozen=True)
class ActionPlanData:
    starts_on: date
    ends_on: date
    summary: str = ""
    interventions: Sequence[InterventionData] = field(default_factory=tuple)


@dataclass(frozen=True)
class IndividualCaseData:
    environment: str
    protection_need: bool
    birth_year: int | None = None


@dataclass(frozen=True)
class DocumentData:
    kind: str
    upload: CheckedUpload


# --- helpers -------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def _event(application: Application, kind: str, by: User, text: str = "") -> Event:
    return Event.objects.create(application=application, kind=kind, actor=by, text=text)


def follow_up_default_due(*, budget_year: BudgetYear) -> date:
    """Återrapportering is due by 1 February of the year after the budget year."""
    return date(budget_year.year + 1, 2, 1)


@transaction.atomic
def application_transition(
    *, application: Application, to: str, by: User | None = None, text: str = ""
) -> Application:
    """Move the application to a new status if the workflow table allows it."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    check_transition(locked.status, to)
    previous = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    Event.objects.create(
        application=locked,
        kind=Event.Kind.STATUS,
        actor=by,
        from_status=previous,
        to_status=to,
        text=text,
    )
    application.status = to
    return application


def _ensure_in_review(application: Application, by: User) -> None:
    if application.status == Status.RECEIVED:
        application_transition(application=application, to=Status.IN_REVIEW, by=by)


# --- registration --------------------------------------------------------------


def _check_not_future(name: str, day: date | None) -> None:
    """A date that records something that happened cannot lie ahead."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({name: _("The date cannot be in the future.")})


def _check_applicant(
    kind: str,
    municipality: Municipality | None,
    organisation: Organisation | None,
) -> None:
    if kind == ApplicationKind.INDIVIDUAL and municipality is None:
        raise ValidationError(
            {"applicant_municipality": _("Choose the municipality that applies.")}
        )
    if kind != ApplicationKind.INDIVIDUAL and organisation is None:
        raise ValidationError(
            {"applicant_organisation": _("Choose the organisation that applies.")}
        )


def application_register(
    *,
    by: User,
    kind: str,
    reference_number: str,
    budget_year: BudgetYear,
    received_on: date,
    requested_amount: Decimal,
    purpose: str = "",
    applicant_municipality: Municipality | None = None,
    applicant_organisation: Organisation | None = None,
    case: IndividualCaseData | None = None,
    action_plan: ActionPlanData | None = None,
    documents: Sequence[DocumentData] = (),
) -> Application:
    """Register a received application with its individärende, plan and bilagor."""
    # The transaction inside: a stored file is removed when it, or its commit, fails.
    with stored_files_removed_on_error() as stored, transaction.atomic():
        _require(permissions.can_register_application(by))
        _check_applicant(kind, applicant_municipality, applicant_organisation)
        _check_not_future("received_on", received_on)
        if Application.objects.filter(reference_number=reference_number).exists():
            raise ValidationError(
                {
                    "reference_number": _(
                        "An application with this reference number already exists."
                    )
                }
            )
        individual = kind == ApplicationKind.INDIVIDUAL
        application = Application.objects.create(
            reference_number=reference_number,
            kind=kind,
            applicant_municipality=applicant_municipality if individual else None,
            applicant_organisation=None if individual else applicant_organisation,
            budget_year=budget_year,
            received_on=received_on,
            requested_amount=requested_amount,
            purpose=purpose,
            assigned_to=by,
        )
        _event(application, Event.Kind.CREATED, by)
        if individual:
            case = case or IndividualCaseData(environment="", protection_need=False)
            IndividualCase.objects.create(
                application=application,
                case_code=f"IND-{budget_year.year}-{application.pk:05d}",
                environment=case.environment,
                protection_need=case.protection_need,
                birth_year=case.birth_year,
            )
        if action_plan is not None:
            _action_plan_write(application, action_plan)
        for document in documents:
            _document_store(application, document, by, stored)
        return application


def _action_plan_write(application: Application, data: ActionPlanData) -> ActionPlan:
    # The plan's own period first, on its end date; then its insatser.
    period = action_plan_problems(
        starts_on=data.starts_on, ends_on=data.ends_on, interventions=()
    )
    if period:
        raise ValidationError({"ends_on": period})
    problems = action_plan_problems(
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        interventions=data.interventions,
    )
    if problems:
        raise ValidationError(problems)
    plan, _created = ActionPlan.objects.update_or_create(
        application=application,
        defaults={
            "starts_on": data.starts_on,
            "ends_on": data.ends_on,
            "summary": data.summary,
        },
    )
    plan.interventions.all().delete()
    Intervention.objects.bulk_create(
        Intervention(
            action_plan=plan,
            kind=item.kind,
            provider=item.provider,
            description=item.description,
            cost=item.cost,
            starts_on=item.starts_on,
            ends_on=item.ends_on,
        )
        for item in data.interventions
    )
    return plan


@transaction.atomic
def action_plan_save(
    *, application: Application, by: User, data: ActionPlanData
) -> ActionPlan:
    """Replace the handlingsplan and its insatser."""
    _require(permissions.can_prepare(by, application))
    plan = _action_plan_write(application, data)
    _ensure_in_review(application, by)
    _event(application, Event.Kind.COMMENT, by, _("Action plan updated."))
    return plan


# --- documents -----------------------------------------------------------------


def _document_store(
    application: Application, data: DocumentData, by: User, stored: list
) -> Document:
    upload = data.upload
    document = Document(
        application=application,
        kind=data.kind,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=by,
    )
    document.file.save(upload.stored_name, upload.file, save=False)
    stored.append(document.file)
    document.save()
    _event(application, Event.Kind.DOCUMENT, by, document.get_kind_display())
    return document


def document_add(*, application: Application, by: User, data: DocumentData) -> Document:
    """Attach a checked file to the application."""
    _require(permissions.can_upload_document(by, application))
    with stored_files_removed_on_error() as stored, transaction.atomic():
        return _document_store(application, data, by, stored)


# --- review --------------------------------------------------------------------


@transaction.atomic
def application_start_review(*, application: Application, by: User) -> Application:
    """Take the application as one's own case and start the review."""
    _require(permissions.can_prepare(by, application))
    application.assigned_to = by
    application.save(update_fields=["assigned_to", "updated_at"])
    _ensure_in_review(application, by)
    return application


@transaction.atomic
def individual_case_record_criterion(
    *,
    case: IndividualCase,
    by: User,
    criterion: str,
    value: bool,
    note: str = "",
) -> CriterionRecord:
    """Record whether one eligibility criterion holds, and who said so."""
    _require(permissions.can_prepare(by, case.application))
    if criterion not in IndividualCase.CRITERIA:
        raise ValidationError(_("Unknown criterion."))
    setattr(case, criterion, value)
    case.save(update_fields=[criterion])
    record = CriterionRecord.objects.create(
        case=case, criterion=criterion, value=value, note=note, recorded_by=by
    )
    label = IndividualCase._meta.get_field(criterion).verbose_name
    _event(
        case.application,
        Event.Kind.CRITERION,
        by,
        f"{label}: {_('yes') if value else _('no')}",
    )
    _ensure_in_review(case.application, by)
    return record


@transaction.atomic
def individual_case_record_criteria(
    *, case: IndividualCase, by: User, values: dict[str, bool], note: str = ""
) -> list[CriterionRecord]:
    """Record several eligibility criteria at once, each with who and when."""
    _require(permissions.can_prepare(by, case.application))
    return [
        individual_case_record_criterion(
            case=case, by=by, criterion=name, value=value, note=note
        )
        for name, value in values.items()
    ]


@transaction.atomic
def individual_case_add_statement(
    *, case: IndividualCase, by: User, statement: str
) -> IndividualCase:
    """Add the avhopparsamordnare's utlåtande and mark it received."""
    _require(permissions.can_add_statement(by, case.application))
    if not statement.strip():
        raise ValidationError({"statement": _("Write the statement.")})
    case.coordinator_statement = statement.strip()
    case.coordinator_statement_received = True
    case.save(update_fields=["coordinator_statement", "coordinator_statement_received"])
    CriterionRecord.objects.create(
        case=case,
        criterion="coordinator_statement_received",
        value=True,
        recorded_by=by,
    )
    _event(case.application, Event.Kind.COMMENT, by, _("Statement added."))
    return case


@transaction.atomic
def completion_request_create(
    *, application: Application, by: User, message: str, reply_by: date
) -> CompletionRequest:
    """Ask the applicant for missing material, to be supplied by a date."""
    _require(permissions.can_request_completion(by, application))
    today = timezone.localdate()
    if reply_by < today:
        raise ValidationError(
            {"reply_by": _("The reply-by date cannot be in the past.")}
        )
    request = CompletionRequest.objects.create(
        application=application,
        requested_on=today,
        reply_by=reply_by,
        message=message,
        requested_by=by,
    )
    _ensure_in_review(application, by)
    application_transition(
        application=application,
        to=Status.COMPLETION_REQUESTED,
        by=by,
        text=_("Completion requested, reply by %(date)s.")
        % {"date": reply_by.isoformat()},
    )
    return request


@transaction.atomic
def completion_request_answer(
    *,
    completion_request: CompletionRequest,
    by: User,
    answered_on: date,
    note: str = "",
) -> CompletionRequest:
    """Record that the applicant answered; resume the review when none is open."""
    application = completion_request.application
    _require(permissions.can_answer_completion(by, application))
    if completion_request.answered_on is not None:
        raise ValidationError(_("This completion request is already answered."))
    if answered_on < completion_request.requested_on:
        raise ValidationError(
            {"answered_on": _("The answer cannot predate the request.")}
        )
    _check_not_future("answered_on", answered_on)
    completion_request.answered_on = answered_on
    completion_request.answer_note = note
    completion_request.save(update_fields=["answered_on", "answer_note"])
    _event(application, Event.Kind.COMPLETION, by, _("Completion received."))
    still_open = application.completion_requests.filter(
        answered_on__isnull=True
    ).exists()
    if not still_open:
        application_transition(application=application, to=Status.IN_REVIEW, by=by)
    return completion_request


# --- föredragning --------------------------------------------------------------


def _check_outcome_values(
    application: Application, outcome: str, amount: Decimal | None, reason: str
) -> None:
    """A grant has an amount up to the requested one; a rejection has a reason."""
    if outcome == Outcome.GRANTED:
        if amount is None or amount <= 0:
            raise ValidationError({"amount": _("Give the amount to grant.")})
        if amount > application.requested_amount:
            raise ValidationError(
                {
                    "amount": _("The amount cannot exceed the requested %(amount)s.")
                    % {"amount": format_sek(application.requested_amount)}
                }
            )
    elif outcome == Outcome.REJECTED:
        if reason not in RejectionReason.values:
            raise ValidationError({"rejection_reason": _("Choose a rejection reason.")})
    else:
        raise ValidationError({"outcome": _("Choose grant or reject.")})


def _criteria_missing(case: IndividualCase, *, must_hold: bool) -> list[str]:
    missing = []
    for name in IndividualCase.CRITERIA:
        value = getattr(case, name)
        label = IndividualCase._meta.get_field(name).verbose_name
        if value is None:
            missing.append(_("Criterion not recorded: %(c)s.") % {"c": label})
        elif must_hold and not value:
            missing.append(_("Criterion not met: %(c)s.") % {"c": label})
    return missing


def _action_plan_missing(application: Application) -> list[str]:
    try:
        plan = application.action_plan
    except Application.action_plan.RelatedObjectDoesNotExist:
        if application.is_individual:
            return [_("The action plan is missing.")]
        return []
    interventions = list(plan.interventions.all())
    missing = action_plan_problems(
        starts_on=plan.starts_on, ends_on=plan.ends_on, interventions=interventions
    )
    if not interventions:
        missing.append(_("The action plan has no interventions."))
    total = sum((item.cost for item in interventions), Decimal("0"))
    if interventions and total != application.requested_amount:
        missing.append(
            _("The interventions cost %(total)s, not the requested %(requested)s.")
            % {
                "total": format_sek(total),
                "requested": format_sek(application.requested_amount),
            }
        )
    return missing


def proposal_missing(
    *,
    application: Application,
    outcome: str = Outcome.GRANTED,
    rejection_reason: str = "",
) -> list[str]:
    """What must be in place before a proposal can go to decision.

    A grant needs a complete application: for an individärende every criterion
    recorded and met and the utlåtande present, and a valid handlingsplan (for
    individärenden always; for other kinds when one is attached). A rejection
    for unmet criteria needs every criterion recorded; a rejection because the
    application is incomplete or was not completed needs only its reason.
    """
    missing: list[str] = []
    if application.completion_requests.filter(answered_on__isnull=True).exists():
        missing.append(_("A completion request is still unanswered."))
    if outcome == Outcome.REJECTED:
        if (
            application.is_individual
            and rejection_reason == RejectionReason.CRITERIA_NOT_MET
        ):
            missing += _criteria_missing(application.individual_case, must_hold=False)
        return missing
    if application.is_individual:
        case = application.individual_case
        missing += _criteria_missing(case, must_hold=True)
        if not case.coordinator_statement.strip():
            missing.append(_("The statement from the defector coordinator is missing."))
    missing += _action_plan_missing(application)
    return missing


@transaction.atomic
def proposal_submit(
    *,
    application: Application,
    by: User,
    outcome: str,
    motivation: str,
    amount: Decimal | None = None,
    rejection_reason: str = "",
) -> Proposal:
    """Write the föredragning and send a complete application to decision."""
    _require(permissions.can_propose(by, application))
    _check_outcome_values(application, outcome, amount, rejection_reason)
    missing = proposal_missing(
        application=application, outcome=outcome, rejection_reason=rejection_reason
    )
    if missing:
        raise ValidationError(missing, code="incomplete")
    granted = outcome == Outcome.GRANTED
    proposal, _created = Proposal.objects.update_or_create(
        application=application,
        defaults={
            "outcome": outcome,
            "amount": amount if granted else None,
            "rejection_reason": "" if granted else rejection_reason,
            "motivation": motivation,
            "prepared_by": by,
            "prepared_at": timezone.now(),
        },
    )
    _ensure_in_review(application, by)
    _event(application, Event.Kind.PROPOSAL, by, proposal.get_outcome_display())
    application_transition(application=application, to=Status.PREPARED, by=by)
    return proposal


@transaction.atomic
def proposal_return(*, application: Application, by: User, text: str) -> Application:
    """Send a prepared application back to the case officer with a comment."""
    _require(permissions.can_return_proposal(by, application))
    if not text.strip():
        raise ValidationError({"text": _("Say what needs to be done.")})
    return application_transition(
        application=application, to=Status.IN_REVIEW, by=by, text=text.strip()
    )


# --- återkallad och avslutad ---------------------------------------------------


@transaction.atomic
def application_withdraw(
    *, application: Application, by: User, reason: str
) -> Application:
    """Record that the applicant withdrew the application; it ends undecided."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require(permissions.can_withdraw(by, locked))
    if not reason.strip():
        raise ValidationError({"reason": _("Say how and why it was withdrawn.")})
    return application_transition(
        application=application, to=Status.WITHDRAWN, by=by, text=reason.strip()
    )


@transaction.atomic
def application_close(
    *, application: Application, by: User, note: str = ""
) -> Application:
    """Close a rejected application, or a reported one with its återkrav settled."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("follow_up")
        .get(pk=application.pk)
    )
    _require(permissions.can_close(by, locked))
    follow_up = getattr(locked, "follow_up", None)
    reclaim = follow_up.reclaim_amount if follow_up else Decimal("0")
    if reclaim > 0 and not note.strip():
        raise ValidationError(
            {
                "note": _(
                    "%(amount)s is to be reclaimed: say how the återkrav was settled."
                )
                % {"amount": format_sek(reclaim)}
            }
        )
    return application_transition(
        application=application, to=Status.CLOSED, by=by, text=note.strip()
    )


# --- beslut --------------------------------------------------------------------


def _check_delegation(
    application: Application, by: User, amount: Decimal, on: date
) -> None:
    if delegation_covering(user=by, kind=application.kind, amount=amount, on=on):
        return
    raise PermissionDenied(
        _("Your delegation does not cover %(kind)s, %(amount)s on %(date)s.")
        % {
            "kind": application.get_kind_display(),
            "amount": format_sek(amount),
            "date": on.isoformat(),
        }
    )


@transaction.atomic
def application_decide(
    *,
    application: Application,
    by: User,
    outcome: str,
    amount: Decimal | None = None,
    rejection_reason: str = "",
    rejection_details: str = "",
    conditions: str = "",
    decided_on: date | None = None,
) -> Decision:
    """Record the decision within the delegation, four-eyes and the budget."""
    decided_on = decided_on or timezone.localdate()
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("proposal")
        .get(pk=application.pk)
    )
    if permissions.prepared_by_id(locked) == by.pk:
        raise PermissionDenied(
            _("You prepared this application and cannot decide it (four-eyes).")
        )
    _require(permissions.can_decide(by, locked))
    _check_outcome_values(locked, outcome, amount, rejection_reason)
    granted = outcome == Outcome.GRANTED
    _check_delegation(
        locked, by, amount if granted else locked.requested_amount, decided_on
    )
    if granted:
        budget_year_reserve(
            budget_year=locked.budget_year,
            amount=amount,
            operating=locked.kind == ApplicationKind.OPERATING_GRANT,
            granted=budget_year_granted,
        )
    decision = Decision.objects.create(
        application=locked,
        outcome=outcome,
        requested_amount=locked.requested_amount,
        granted_amount=amount if granted else None,
        rejection_reason="" if granted else rejection_reason,
        rejection_details="" if granted else rejection_details,
        conditions=conditions if granted else "",
        presented_by_id=permissions.prepared_by_id(locked),
        decided_by=by,
        decided_on=decided_on,
    )
    if granted:
        FollowUpReport.objects.create(
            application=locked,
            due_on=follow_up_default_due(budget_year=locked.budget_year),
        )
    _event(locked, Event.Kind.DECISION, by, decision.get_outcome_display())
    application_transition(
        application=application,
        to=Status.GRANTED if granted else Status.REJECTED,
        by=by,
    )
    return decision


# --- utbetalning och återrapportering ------------------------------------------


@transaction.atomic
def disbursement_register(
    *,
    application: Application,
    by: User,
    amount: Decimal,
    paid_on: date,
    reference: str = "",
) -> Disbursement:
    """Register an utbetalning; the total never exceeds the granted amount."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("decision")
        .get(pk=application.pk)
    )
    _require(permissions.can_register_disbursement(by, locked))
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    granted = locked.decision.granted_amount or Decimal("0")
    remaining = granted - application_disbursed(application=locked)
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _("Payments may not exceed the grant: %(remaining)s remains.")
                % {"remaining": format_sek(remaining)}
            }
        )
    disbursement = Disbursement.objects.create(
        application=locked,
        amount=amount,
        paid_on=paid_on,
        reference=reference,
        registered_by=by,
    )
    _event(locked, Event.Kind.DISBURSEMENT, by, format_sek(amount))
    if locked.status == Status.GRANTED:
        application_transition(application=application, to=Status.PAID, by=by)
    return disbursement


def follow_up_reclaim(*, granted: Decimal, spent: Decimal | None) -> Decimal:
    """The återkrav: what was granted but not spent, never below zero."""
    if spent is None:
        return Decimal("0")
    return max(granted - spent, Decimal("0"))


@transaction.atomic
def follow_up_register(
    *,
    application: Application,
    by: User,
    due_on: date,
    received_on: date | None = None,
    spent_amount: Decimal | None = None,
    results: str = "",
) -> FollowUpReport:
    """Record the återrapportering (or move its due date) and compute återkrav."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("decision", "budget_year")
        .get(pk=application.pk)
    )
    _require(permissions.can_register_follow_up(by, locked))
    _check_not_future("received_on", received_on)
    if received_on is not None and spent_amount is None:
        raise ValidationError({"spent_amount": _("Give the amount spent.")})
    if received_on is not None and locked.status == Status.GRANTED:
        raise ValidationError(
            _("Register the disbursement before the follow-up report.")
        )
    granted = locked.decision.granted_amount or Decimal("0")
    report, _created = FollowUpReport.objects.update_or_create(
        application=locked,
        defaults={
            "due_on": due_on,
            "received_on": received_on,
            "spent_amount": spent_amount,
            "results": results,
            "reclaim_amount": follow_up_reclaim(granted=granted, spent=spent_amount),
            "registered_by": by,
        },
    )
    _event(locked, Event.Kind.FOLLOW_UP, by)
    if received_on is not None and locked.status == Status.PAID:
        application_transition(application=application, to=Status.REPORTED, by=by)
    return report
