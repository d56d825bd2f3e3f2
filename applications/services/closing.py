"""How a case ends without or after its decision: återkallad and avslutad."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications import permissions
from applications.models import Application, Status
from applications.services.common import _require, application_transition
from audit.context import audited_by
from grants.formatting import format_sek


@audited_by("by")
@transaction.atomic
def application_withdraw(
    *, application: Application, by: User, reason: str
) -> Application:
    """Record that the applicant withdrew the application; it ends undecided."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require(permissions.can_withdraw(by, locked))
    if not reason.strip():
        raise ValidationError({"reason": _("Say how and why it was withdrawn.")})
    return application_transition(
        application=application, to=Status.WITHDRAWN, by=by, text=reason.strip()
    )


@audited_by("by")
@transaction.atomic
def application_close(
    *, application: Application, by: User, note: str = ""
) -> Application:
    """Close a rejected application, or a reported one with its återkrav settled."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("follow_up")
        .get(pk=application.pk)
    )
    _require(permissions.can_close(by, locked))
    follow_up = getattr(locked, "follow_up", None)
    reclaim = follow_up.reclaim_amount if follow_up else Decimal("0")
    if reclaim > 0 and not note.strip():
        raise ValidationError(
            {
                "note": _(
                    "%(amount)s is to be reclaimed: say how the återkrav was settled."
                )
                % {"amount": format_sek(reclaim)}
            }
        )
    return application_transition(
        application=application, to=Status.CLOSED, by=by, text=note.strip()
    )
