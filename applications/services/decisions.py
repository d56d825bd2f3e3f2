"""The beslut: within the decider's delegation, four-eyes and the budget guard
(grants/budget.py)."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    Decision,
    Event,
    FollowUpReport,
    Outcome,
)
from applications.selectors.decisions import delegation_covering
from applications.selectors.sums import budget_year_granted
from applications.services.common import _event, _require, application_transition
from applications.services.payments import follow_up_default_due
from applications.services.proposals import _check_outcome_values
from applications.workflow import DECISION_STATUS
from audit.context import audited_by
from grants.budget import budget_year_reserve
from grants.formatting import format_sek


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


@audited_by("by")
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
    # Under the row lock: no version can be added between this check and the
    # decision (proposal_submit takes the same lock).
    if by.pk in permissions.proposal_author_ids(locked):
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
        plan = ActionPlan.objects.filter(application=locked).first()
        FollowUpReport.objects.create(
            application=locked,
            due_on=follow_up_default_due(
                budget_year=locked.budget_year,
                plan_ends_on=plan.ends_on if plan else None,
            ),
        )
    _event(locked, Event.Kind.DECISION, by, decision.get_outcome_display())
    application_transition(
        application=application,
        to=DECISION_STATUS[outcome],
        by=by,
    )
    return decision
