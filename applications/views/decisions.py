"""The föredragning, the decision queue, the beslut and its letter."""

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from applications import permissions, selectors, services
from applications.forms import DecisionForm, ProposalForm, ReturnForm
from applications.identity import same_person_for
from applications.models import Application, Outcome, RejectionReason
from applications.pdf import DOCUMENT_LANGUAGE, render_pdf
from applications.views.common import (
    attachment_response,
    form_page,
    letter_filename,
    permission_required_for,
)
from applications.views.pagination import page_with_total


def _proposal_initial(application: Application) -> dict:
    existing = getattr(application, "proposal", None)
    if existing is None:
        return {"outcome": Outcome.GRANTED, "amount": application.requested_amount}
    return {
        "outcome": existing.outcome,
        "amount": existing.amount,
        "rejection_reason": existing.rejection_reason,
        "motivation": existing.motivation,
    }


@login_required
@permission_required_for(permissions.can_propose)
def proposal_new(request, application: Application):
    form = ProposalForm(request.POST or None, initial=_proposal_initial(application))
    return form_page(
        request,
        form,
        save=lambda: services.proposal_submit(
            application=application, by=request.user, **form.cleaned_data
        ),
        done=_("The application was sent to decision."),
        template="proposal_form.html",
        context={"application": application, "form": form},
        shown_with=lambda: {
            "missing": services.proposal_missing(application=application),
            "rejections": [
                RejectionReason(reason).label
                for reason in services.proposal_rejection_reasons(
                    application=application
                )
            ],
        },
    )


@login_required
@require_GET
@permission_required_for(permissions.can_view_decision_queue)
def decision_queue(request):
    page = page_with_total(
        selectors.decision_queue(user=request.user), request.GET.get("page")
    )
    return render(
        request,
        "applications/decision_queue.html",
        {
            "queue": page.object_list,
            "page": page,
            "delegations": permissions.user_delegations(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required_for(permissions.can_decide)
def application_decide(request, application: Application):
    proposal = application.proposal
    initial = {
        "outcome": proposal.outcome,
        "amount": proposal.amount,
        "rejection_reason": proposal.rejection_reason,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        save=lambda: services.application_decide(
            application=application, by=request.user, **form.cleaned_data
        ),
        done=_("The decision was recorded."),
        refusal_on_form=True,
        template="decide_form.html",
        context={
            "application": application,
            "proposal": proposal,
            "form": form,
            "return_form": ReturnForm(),
        },
        shown_with=lambda: {
            "summary": selectors.budget_year_summary(
                budget_year=application.budget_year
            ),
            "may_read_text": permissions.can_view_case_text(request.user, application),
            "same_person": same_person_for(user=request.user, application=application),
        },
    )


@login_required
@permission_required_for(permissions.can_return_proposal)
def proposal_return(request, application: Application):
    form = ReturnForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.proposal_return(
            application=application, by=request.user, text=form.cleaned_data["text"]
        ),
        done=_("The application was sent back for review."),
        then=lambda _application: redirect("applications:decision_queue"),
        context={
            "application": application,
            "form": form,
            "title": _("Send back for review"),
            "submit": _("Send back"),
        },
    )


@login_required
@require_GET
@permission_required_for(permissions.can_view_decision_letter)
def decision_letter(request, application: Application):
    decision = getattr(application, "decision", None)
    if decision is None:
        raise Http404
    html = render_to_string(
        "applications/decision_letter.html",
        {
            "application": application,
            "decision": decision,
            "follow_up": getattr(application, "follow_up", None),
        },
        request=request,
    )
    with translation.override(DOCUMENT_LANGUAGE):
        title = _("Decision %(reference)s") % {
            "reference": application.reference_number
        }
    pdf = render_pdf(
        html=html,
        title=title,
        stylesheets=[finders.find("css/letter.css")],
        archival=True,
        created=decision.decided_on,
    )
    return attachment_response(
        pdf,
        filename=letter_filename("beslut", application),
        content_type="application/pdf",
    )
