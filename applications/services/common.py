"""What every service shares: the data passed in, the permission and event
helpers, and `application_transition`, the one way a status changes."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, Event, Status
from applications.uploads import CheckedUpload
from applications.workflow import check_transition
from audit.context import audited_by
from grants.models import Organisation

# --- data passed into services -------------------------------------------------


@dataclass(frozen=True)
class InterventionData:
    kind: str
    cost: Decimal
    starts_on: date
    ends_on: date
    description: str = ""
    provider: Organisation | None = None


@dataclass(frozen=True)
class ActionPlanData:
    starts_on: date
    ends_on: date
    summary: str = ""
    interventions: Sequence[InterventionData] = field(default_factory=tuple)


@dataclass(frozen=True)
class IndividualCaseData:
    environment: str
    protection_need: bool
    birth_year: int | None = None


@dataclass(frozen=True)
class DocumentData:
    kind: str
    upload: CheckedUpload


# --- helpers -------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def _event(application: Application, kind: str, by: User, text: str = "") -> Event:
    return Event.objects.create(application=application, kind=kind, actor=by, text=text)


@audited_by("by")
@transaction.atomic
def application_transition(
    *, application: Application, to: str, by: User | None = None, text: str = ""
) -> Application:
    """Move the application to a new status if the workflow table allows it."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    check_transition(locked.status, to)
    previous = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    Event.objects.create(
        application=locked,
        kind=Event.Kind.STATUS,
        actor=by,
        from_status=previous,
        to_status=to,
        text=text,
    )
    application.status = to
    return application


def _ensure_in_review(application: Application, by: User) -> None:
    if application.status == Status.RECEIVED:
        application_transition(application=application, to=Status.IN_REVIEW, by=by)


def _check_not_future(name: str, day: date | None) -> None:
    """A date that records something that happened cannot lie ahead."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({name: _("The date cannot be in the future.")})
