"""The review of an application: taking the case, the criteria, the utlåtande,
komplettering, the handlingsplan and documents."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications import permissions, selectors, services
from applications.forms import (
    ActionPlanForm,
    CompletionAnswerForm,
    CompletionRequestForm,
    CriteriaForm,
    DocumentForm,
    InterventionFormSet,
    StatementForm,
    action_plan_data,
)
from applications.models import Application, CompletionRequest
from applications.pdf import DOCUMENT_LANGUAGE, render_pdf
from applications.views.common import (
    attachment_response,
    form_page,
    letter_filename,
    permission_required_for,
    to_detail,
)


@login_required
@require_POST
@permission_required_for(permissions.can_prepare)
def application_start_review(request, application: Application):
    services.application_start_review(application=application, by=request.user)
    messages.success(request, _("You are now the case officer for this application."))
    return to_detail(application)


def _criteria_done(records: list) -> str | tuple[int, str]:
    if records:
        return _("The criteria were recorded.")
    return messages.INFO, _("No criterion was changed.")


@login_required
@permission_required_for(permissions.can_prepare)
def criteria_record(request, application: Application):
    case = getattr(application, "individual_case", None)
    if case is None:
        raise Http404
    form = CriteriaForm(request.POST or None, case=case)
    return form_page(
        request,
        form,
        save=lambda: services.individual_case_record_criteria(
            case=case,
            by=request.user,
            values=form.changes(),
            note=form.cleaned_data["note"],
        ),
        done=_criteria_done,
        template="criteria_form.html",
        context={"application": application, "form": form},
    )


@login_required
@permission_required_for(permissions.can_add_statement)
def statement_add(request, application: Application):
    case = application.individual_case
    form = StatementForm(
        request.POST or None, initial={"statement": case.coordinator_statement}
    )
    return form_page(
        request,
        form,
        save=lambda: services.individual_case_add_statement(
            case=case, by=request.user, **form.cleaned_data
        ),
        done=_("The statement was saved."),
        context={
            "application": application,
            "form": form,
            "title": _("Statement from the defector coordinator"),
            "submit": _("Save statement"),
        },
    )


@login_required
@permission_required_for(permissions.can_request_completion)
def completion_request_new(request, application: Application):
    form = CompletionRequestForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.completion_request_create(
            application=application, by=request.user, **form.cleaned_data
        ),
        done=_("The completion request was registered."),
        context={
            "application": application,
            "form": form,
            "title": _("Request completion"),
            "submit": _("Request completion"),
        },
    )


@login_required
@permission_required_for(permissions.can_answer_completion)
def completion_request_answer(request, application: Application, request_pk: int):
    completion = get_object_or_404(
        CompletionRequest, pk=request_pk, application=application
    )
    form = CompletionAnswerForm(
        request.POST or None,
        request.FILES or None,
        initial={"answered_on": timezone.localdate()},
    )
    return form_page(
        request,
        form,
        save=lambda: services.completion_request_answer(
            completion_request=completion, by=request.user, **form.cleaned_data
        ),
        done=_("The completion was registered."),
        context={
            "application": application,
            "form": form,
            "title": _("Register completion"),
            "submit": _("Register completion"),
            "intro": completion.message,
            "multipart": True,
        },
    )


@login_required
@permission_required_for(permissions.can_record_no_completion)
def completion_request_not_supplied(request, application: Application, request_pk: int):
    """Ask, then record that the komplettering did not come by its reply-by date."""
    completion = get_object_or_404(
        CompletionRequest, pk=request_pk, application=application
    )
    # Nothing to fill in: the POST itself confirms.
    form = forms.Form(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        save=lambda: services.completion_request_record_not_supplied(
            completion_request=completion, by=request.user
        ),
        done=_(
            "Recorded that no completion came in. The review goes on; the "
            "application can be rejected as not completed."
        ),
        context={
            "application": application,
            "form": form,
            "title": _("No completion came in"),
            "submit": _("Record that no completion came in"),
            "intro": _(
                "Requested %(requested)s, to be supplied by %(reply_by)s. Record "
                "that nothing came in by that date: the case returns to review "
                "without it."
            )
            % {
                "requested": completion.requested_on.isoformat(),
                "reply_by": completion.reply_by.isoformat(),
            },
        },
    )


@login_required
@require_GET
@permission_required_for(permissions.can_view_completion_letter)
def completion_letter(request, application: Application, request_pk: int):
    """The komplettering request as a letter to the applicant (PDF/A)."""
    completion = get_object_or_404(
        CompletionRequest.objects.select_related("requested_by"),
        pk=request_pk,
        application=application,
    )
    html = render_to_string(
        "applications/completion_letter.html",
        {"application": application, "completion": completion},
        request=request,
    )
    with translation.override(DOCUMENT_LANGUAGE):
        title = _("Request for completion %(reference)s") % {
            "reference": application.reference_number
        }
    pdf = render_pdf(
        html=html,
        title=title,
        stylesheets=[finders.find("css/letter.css")],
        archival=True,
        created=completion.requested_on,
    )
    return attachment_response(
        pdf,
        filename=letter_filename("komplettering", application),
        content_type="application/pdf",
    )


def _action_plan_initial(application: Application) -> tuple[dict, list[dict]]:
    """The saved handlingsplan as the initial data of the plan form and of the
    insatser's formset."""
    plan = selectors.action_plan_summary(application=application)
    if plan is None:
        return {}, []
    return (
        {
            "starts_on": plan.plan.starts_on,
            "ends_on": plan.plan.ends_on,
            "summary": plan.plan.summary,
        },
        [
            {
                "kind": item.kind,
                "provider": item.provider_id,
                "description": item.description,
                "cost": item.cost,
                "starts_on": item.starts_on,
                "ends_on": item.ends_on,
            }
            for item in plan.interventions
        ],
    )


@login_required
@permission_required_for(permissions.can_prepare)
def action_plan_edit(request, application: Application):
    initial_plan, initial_items = _action_plan_initial(application)
    data = request.POST if request.method == "POST" else None
    plan_form = ActionPlanForm(data, prefix="plan", initial=initial_plan)
    formset = InterventionFormSet(data, prefix="insats", initial=initial_items)
    return form_page(
        request,
        plan_form,
        formset,
        save=lambda: services.action_plan_save(
            application=application,
            by=request.user,
            data=action_plan_data(plan_form, formset),
        ),
        done=_("The action plan was saved."),
        template="action_plan_form.html",
        context={
            "application": application,
            "plan_form": plan_form,
            "formset": formset,
        },
    )


@login_required
@permission_required_for(permissions.can_upload_document)
def document_upload(request, application: Application):
    form = DocumentForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda: services.document_add(
            application=application, by=request.user, data=form.document()
        ),
        done=_("The document was attached."),
        context={
            "application": application,
            "form": form,
            "title": _("Attach a document"),
            "submit": _("Attach"),
            "multipart": True,
        },
    )
