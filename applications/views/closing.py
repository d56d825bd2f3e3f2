"""How a case ends: återkallad, or avslutad after its decision."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from applications import permissions, services
from applications.forms import CloseForm, WithdrawForm
from applications.models import Application
from applications.views.common import form_page, permission_required_for
from grants.formatting import format_sek


@login_required
@permission_required_for(permissions.can_withdraw)
def application_withdraw(request, application: Application):
    form = WithdrawForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.application_withdraw(
            application=application, by=request.user, **form.cleaned_data
        ),
        done=_("The application is registered as withdrawn."),
        context={
            "application": application,
            "form": form,
            "title": _("Register withdrawal"),
            "submit": _("Register withdrawal"),
            "intro": _(
                "The application ends without a decision. This cannot be undone."
            ),
        },
    )


def _close_intro(application: Application) -> str:
    intro = _("The case is closed and can no longer change. This cannot be undone.")
    follow_up = getattr(application, "follow_up", None)
    if follow_up and follow_up.reclaim_amount > 0:
        intro += "\n" + _("To be reclaimed (återkrav): %(amount)s") % {
            "amount": format_sek(follow_up.reclaim_amount)
        }
    return intro


@login_required
@permission_required_for(permissions.can_close)
def application_close(request, application: Application):
    form = CloseForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.application_close(
            application=application, by=request.user, **form.cleaned_data
        ),
        done=_("The application is closed."),
        context={
            "application": application,
            "form": form,
            "title": _("Close the case"),
            "submit": _("Close"),
            "intro": _close_intro(application),
        },
    )
