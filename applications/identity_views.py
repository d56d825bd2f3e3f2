"""The identity page of an individärende: seen by handläggare and beslutsfattare,
changed by handläggare, and every view of it is in the audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from applications.forms import IdentityForm
from applications.identity import (
    individual_identity_clear,
    individual_identity_get,
    individual_identity_same_person_references,
    individual_identity_set,
)
from applications.models import Application, ApplicationKind, IndividualCase
from applications.permissions import can_edit_identity, can_view_identity
from audit.access import log_access
from audit.services import AccessAction


@never_cache
@sensitive_post_parameters("full_name", "personal_number", "phone", "email", "address")
@login_required
def identity_page(request, pk: int):
    application = get_object_or_404(
        Application.objects.select_related("individual_case"),
        pk=pk,
        kind=ApplicationKind.INDIVIDUAL,
    )
    if not can_view_identity(request.user, application):
        raise PermissionDenied
    case = get_object_or_404(IndividualCase, application=application)
    can_edit = can_edit_identity(request.user, application)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        return _identity_post(request, application, case)
    identity = individual_identity_get(case=case)
    log_access(request, case, AccessAction.VIEW_IDENTITY)
    form = None
    if can_edit:
        initial = {}
        if identity is not None:
            initial = {
                name: getattr(identity, name) for name in IdentityForm.base_fields
            }
            initial["personal_number"] = identity.personal_number_display
        form = IdentityForm(initial=initial)
    return _render(request, application, case, identity, form)


def _identity_post(request, application, case):
    if "clear" in request.POST:
        individual_identity_clear(case=case, by=request.user)
        messages.success(request, _("The identity was erased."))
        return redirect("application_identity", pk=application.pk)
    form = IdentityForm(request.POST)
    if not form.is_valid():
        identity = individual_identity_get(case=case)
        log_access(request, case, AccessAction.VIEW_IDENTITY)
        return _render(request, application, case, identity, form, status=400)
    individual_identity_set(case=case, by=request.user, **form.cleaned_data)
    messages.success(request, _("The identity was saved."))
    return redirect("application_identity", pk=application.pk)


def _render(request, application, case, identity, form, status=200):
    return render(
        request,
        "applications/identity.html",
        {
            "application": application,
            "case": case,
            "identity": identity,
            "same_person": individual_identity_same_person_references(case=case),
            "form": form,
        },
        status=status,
    )
