"""Registering a received application."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from applications import permissions, services
from applications.forms import (
    ActionPlanForm,
    ApplicationForm,
    InterventionFormSet,
    RegistrationDocumentsForm,
    action_plan_data,
)
from applications.models import Application, ApplicationKind
from applications.views.common import form_page, permission_required_for, to_detail


@login_required
@require_GET
@permission_required_for(permissions.can_register_application)
def application_register_start(request):
    return render(
        request, "applications/register_start.html", {"kinds": ApplicationKind.choices}
    )


def _registration_forms(request, kind: str) -> tuple:
    """The application, its handlingsplan, its insatser and its bilagor: bound to
    the POST, if any."""
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    individual = kind == ApplicationKind.INDIVIDUAL
    return (
        ApplicationForm(data, kind=kind),
        ActionPlanForm(data, prefix="plan", required=individual),
        InterventionFormSet(data, prefix="insats"),
        RegistrationDocumentsForm(data, files, kind=kind, prefix="doc"),
    )


def _registered(application: Application) -> str:
    return _("Application %(ref)s registered.") % {"ref": application.reference_number}


@login_required
@permission_required_for(permissions.can_register_application)
def application_register(request, kind: str):
    if kind not in ApplicationKind.values:
        raise Http404
    form, plan_form, formset, documents = parts = _registration_forms(request, kind)
    return form_page(
        request,
        *parts,
        save=lambda: services.application_register(
            by=request.user,
            action_plan=action_plan_data(plan_form, formset),
            documents=documents.documents(),
            **form.service_kwargs(),
        ),
        done=_registered,
        then=to_detail,
        invalid=_("The application was not saved. See the errors."),
        template="register.html",
        context={
            "form": form,
            "plan_form": plan_form,
            "formset": formset,
            "documents": documents,
            "kind": kind,
            "kind_label": ApplicationKind(kind).label,
            "individual": kind == ApplicationKind.INDIVIDUAL,
        },
    )
