"""Utbetalning and återrapportering of a granted application."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications import permissions, workflow
from applications.models import Application, Disbursement, Event, FollowUpReport, Status
from applications.selectors.sums import application_disbursed
from applications.services.common import (
    _check_not_future,
    _event,
    _require,
    application_transition,
)
from audit.context import audited_by
from grants.formatting import format_sek
from grants.models import BudgetYear


def follow_up_default_due(
    *, budget_year: BudgetYear, plan_ends_on: date | None = None
) -> date:
    """Återrapportering is due by 1 February of the year after the budget year,
    or FOLLOW_UP_DAYS_AFTER_PLAN days after the handlingsplan ends, whichever
    is later: nobody can report on a plan that is still running."""
    due = date(budget_year.year + 1, 2, 1)
    if plan_ends_on is None:
        return due
    after_plan = plan_ends_on + timedelta(days=settings.FOLLOW_UP_DAYS_AFTER_PLAN)
    return max(due, after_plan)


def follow_up_overspent(*, granted: Decimal, spent: Decimal | None) -> Decimal:
    """What the reported costs exceed the grant by (0 when they do not): the
    excess is the applicant's own cost, never paid and never a negative
    återkrav."""
    if spent is None:
        return Decimal("0")
    return max(spent - granted, Decimal("0"))


@audited_by("by")
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
    _check_not_future("paid_on", paid_on)
    granted = locked.decision.granted_amount or Decimal("0")
    paid_before = application_disbursed(application=locked)
    remaining = granted - paid_before
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
    status = workflow.payment_status(paid=paid_before + amount, granted=granted)
    if status != locked.status:
        application_transition(application=application, to=status, by=by)
    return disbursement


def follow_up_reclaim(*, granted: Decimal, spent: Decimal | None) -> Decimal:
    """The återkrav: what was granted but not spent, never below zero."""
    if spent is None:
        return Decimal("0")
    return max(granted - spent, Decimal("0"))


@audited_by("by")
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
    if received_on is not None and workflow.can_transition(
        locked.status, Status.REPORTED
    ):
        application_transition(application=application, to=Status.REPORTED, by=by)
    return report
