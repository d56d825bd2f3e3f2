"""The identity page of an individärende: seen by handläggare and beslutsfattare,
changed by handläggare, and every view of it is in the audit trail (recorded by
the permission decorator as a view of the identity)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from applications.forms import IdentityForm
from applications.identity import (
    individual_identity_clear,
    individual_identity_get,
    individual_identity_same_person,
    individual_identity_set,
)
from applications.models import Application, ApplicationKind, IndividualCase
from applications.permissions import can_edit_identity, can_view_identity
from applications.views.common import check, form_page, permission_required_for
from audit.services import AccessAction


def _individual_application(*, pk: int) -> Application:
    return Application.objects.select_related("individual_case").get(
        pk=pk, kind=ApplicationKind.INDIVIDUAL
    )


@never_cache
@sensitive_post_parameters("full_name", "personal_number", "phone", "email", "address")
@login_required
@permission_required_for(
    can_view_identity, load=_individual_application, read=AccessAction.VIEW_IDENTITY
)
def identity_page(request, application: Application):
    case = get_object_or_404(IndividualCase, application=application)
    can_edit = can_edit_identity(request.user, application)
    if request.method == "POST":
        check(can_edit)
        return _identity_post(request, application, case)
    identity = individual_identity_get(case=case)
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
    again = redirect("application_identity", pk=application.pk)
    form = IdentityForm(request.POST)

    def shown_again() -> dict:
        identity = individual_identity_get(case=case)
        return _context(application, case, identity, form)

    return form_page(
        request,
        form,
        save=lambda: individual_identity_set(
            case=case, by=request.user, **form.cleaned_data
        ),
        done=_("The identity was saved."),
        then=lambda _identity: again,
        template="identity.html",
        context={},
        shown_with=shown_again,
        invalid_status=400,
    )


@login_required
@permission_required_for(can_edit_identity, load=_individual_application)
def identity_erase(request, application: Application):
    """Ask before erasing the identity; erase it on the confirming POST."""
    case = get_object_or_404(IndividualCase, application=application)
    if request.method == "POST":
        individual_identity_clear(case=case, by=request.user)
        messages.success(request, _("The identity was erased."))
        return redirect("application_identity", pk=application.pk)
    return render(
        request,
        "applications/identity_erase.html",
        {"application": application, "case": case},
    )


def _context(application, case, identity, form) -> dict:
    return {
        "application": application,
        "case": case,
        "identity": identity,
        "same_person": individual_identity_same_person(case=case),
        "form": form,
    }


def _render(request, application, case, identity, form):
    return render(
        request,
        "applications/identity.html",
        _context(application, case, identity, form),
    )
