"""Utbetalning and återrapportering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from applications import permissions, selectors, services
from applications.forms import DisbursementForm, FollowUpForm
from applications.models import Application
from applications.views.common import form_page, permission_required_for
from grants.formatting import format_sek


@login_required
@permission_required_for(permissions.can_register_disbursement)
def disbursement_new(request, application: Application):
    left = selectors.application_payments(application=application).left_to_pay
    form = DisbursementForm(
        request.POST or None, initial={"amount": left, "paid_on": timezone.localdate()}
    )
    return form_page(
        request,
        form,
        save=lambda: services.disbursement_register(
            application=application, by=request.user, **form.cleaned_data
        ),
        done=_("The disbursement was registered."),
        context={
            "application": application,
            "form": form,
            "title": _("Register disbursement"),
            "submit": _("Register disbursement"),
            "intro": _("Left to pay: %(left)s") % {"left": format_sek(left)},
        },
    )


def _follow_up_saved(report) -> str | tuple[int, str]:
    """The message after saving: the återkrav, or a warning of costs above the
    grant."""
    saved = _("The follow-up report was saved. To reclaim: %(amount)s.") % {
        "amount": format_sek(report.reclaim_amount)
    }
    over = services.follow_up_overspent(
        granted=report.application.decision.granted_amount,
        spent=report.spent_amount,
    )
    if not over:
        return saved
    return messages.WARNING, saved + " " + _(
        "The reported costs exceed the grant by %(amount)s: the excess is not "
        "paid and is no återkrav."
    ) % {"amount": format_sek(over)}


def _follow_up_initial(application: Application) -> dict:
    report = getattr(application, "follow_up", None)
    if report is None:
        plan = getattr(application, "action_plan", None)
        due = services.follow_up_default_due(
            budget_year=application.budget_year,
            plan_ends_on=plan.ends_on if plan else None,
        )
        return {"due_on": due}
    return {
        "due_on": report.due_on,
        "received_on": report.received_on,
        "spent_amount": report.spent_amount,
        "results": report.results,
    }


@login_required
@permission_required_for(permissions.can_register_follow_up)
def follow_up_edit(request, application: Application):
    form = FollowUpForm(request.POST or None, initial=_follow_up_initial(application))
    return form_page(
        request,
        form,
        save=lambda: services.follow_up_register(
            application=application, by=request.user, **form.cleaned_data
        ),
        done=_follow_up_saved,
        template="follow_up_form.html",
        context={
            "application": application,
            "form": form,
            "report": getattr(application, "follow_up", None),
        },
    )


@login_required
@require_GET
@permission_required_for(permissions.can_view_follow_up_list)
def follow_up_overdue(request):
    reports = selectors.follow_up_overdue_list(today=timezone.localdate())
    return render(
        request,
        "applications/follow_up_overdue.html",
        {"reports": reports, "today": timezone.localdate()},
    )
