"""The föredragning: what a complete application needs, sending it to decision
and sending it back."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.action_plans import action_plan_problems
from applications.models import (
    Application,
    Event,
    IndividualCase,
    Outcome,
    Proposal,
    ProposalVersion,
    RejectionReason,
    Status,
)
from applications.services.common import (
    _ensure_in_review,
    _event,
    _require,
    application_transition,
)
from audit.context import audited_by
from grants.formatting import format_sek


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


def _criteria_missing(case: IndividualCase) -> list[str]:
    """Every criterion of a grant recorded and met."""
    missing = []
    for name in IndividualCase.CRITERIA:
        value = getattr(case, name)
        label = IndividualCase._meta.get_field(name).verbose_name
        if value is None:
            missing.append(_("Criterion not recorded: %(c)s.") % {"c": label})
        elif not value:
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


def _rejection_missing(application: Application, reason: str) -> list[str]:
    """What a rejection for `reason` rests on.

    Unmet criteria: at least one criterion recorded as not met (the others may
    be unrecorded). Not completed: a komplettering recorded as not supplied by
    its reply-by date. An incomplete application needs only its reason.
    """
    if reason == RejectionReason.CRITERIA_NOT_MET and application.is_individual:
        case = application.individual_case
        if not any(getattr(case, name) is False for name in IndividualCase.CRITERIA):
            return [
                _(
                    "A rejection for unmet criteria needs at least one criterion "
                    "recorded as not met."
                )
            ]
    if reason == RejectionReason.COMPLETION_NOT_SUPPLIED:
        if not application.completion_requests.lapsed().exists():
            return [
                _(
                    "A rejection because the application was not completed needs "
                    "a completion request recorded as not supplied by its "
                    "reply-by date."
                )
            ]
    return []


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
    needs what its reason rests on (`_rejection_missing`). Nothing goes to
    decision while a komplettering is still awaited.
    """
    missing: list[str] = []
    if application.completion_requests.still_open().exists():
        missing.append(_("A completion request is still unanswered."))
    if outcome == Outcome.REJECTED:
        return missing + _rejection_missing(application, rejection_reason)
    if application.is_individual:
        case = application.individual_case
        missing += _criteria_missing(case)
        if not case.coordinator_statement.strip():
            missing.append(_("The statement from the defector coordinator is missing."))
    missing += _action_plan_missing(application)
    return missing


def proposal_rejection_reasons(*, application: Application) -> list[str]:
    """The rejection reasons a proposal may give now (what the page offers)."""
    return [
        reason
        for reason in RejectionReason.values
        if not proposal_missing(
            application=application,
            outcome=Outcome.REJECTED,
            rejection_reason=reason,
        )
    ]


@audited_by("by")
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
    values = {
        "outcome": outcome,
        "amount": amount if granted else None,
        "rejection_reason": "" if granted else rejection_reason,
        "motivation": motivation,
        "prepared_by": by,
        "prepared_at": timezone.now(),
    }
    proposal, _created = Proposal.objects.update_or_create(
        application=application, defaults=values
    )
    # The row lock numbers concurrent submissions one after the other.
    Application.objects.select_for_update().get(pk=application.pk)
    ProposalVersion.objects.create(
        application=application,
        number=application.proposal_versions.count() + 1,
        **values,
    )
    _ensure_in_review(application, by)
    _event(application, Event.Kind.PROPOSAL, by, proposal.get_outcome_display())
    application_transition(application=application, to=Status.PREPARED, by=by)
    return proposal


@audited_by("by")
@transaction.atomic
def proposal_return(*, application: Application, by: User, text: str) -> Application:
    """Send a prepared application back to the case officer with a comment.

    Not by the author of the proposal in force: nobody returns their own
    föredragning to have a colleague resubmit it (four-eyes)."""
    _require(permissions.can_return_proposal(by, application))
    if not text.strip():
        raise ValidationError({"text": _("Say what needs to be done.")})
    return application_transition(
        application=application, to=Status.IN_REVIEW, by=by, text=text.strip()
    )
