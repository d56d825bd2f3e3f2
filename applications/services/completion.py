"""Komplettering: asking the applicant for missing material, and the answer."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.models import Application, CompletionRequest, Event, Status
from applications.services.common import (
    _check_not_future,
    _ensure_in_review,
    _event,
    _require,
    application_transition,
)
from audit.context import audited_by


@audited_by("by")
@transaction.atomic
def completion_request_create(
    *, application: Application, by: User, message: str, reply_by: date
) -> CompletionRequest:
    """Ask the applicant for missing material, to be supplied by a date."""
    _require(permissions.can_request_completion(by, application))
    today = timezone.localdate()
    if reply_by < today:
        raise ValidationError(
            {"reply_by": _("The reply-by date cannot be in the past.")}
        )
    request = CompletionRequest.objects.create(
        application=application,
        requested_on=today,
        reply_by=reply_by,
        message=message,
        requested_by=by,
    )
    _ensure_in_review(application, by)
    application_transition(
        application=application,
        to=Status.COMPLETION_REQUESTED,
        by=by,
        text=_("Completion requested, reply by %(date)s.")
        % {"date": reply_by.isoformat()},
    )
    return request


@audited_by("by")
@transaction.atomic
def completion_request_answer(
    *,
    completion_request: CompletionRequest,
    by: User,
    answered_on: date,
    note: str = "",
) -> CompletionRequest:
    """Record that the applicant answered; resume the review when none is open."""
    application = completion_request.application
    _require(permissions.can_answer_completion(by, application))
    if completion_request.answered_on is not None:
        raise ValidationError(_("This completion request is already answered."))
    if answered_on < completion_request.requested_on:
        raise ValidationError(
            {"answered_on": _("The answer cannot predate the request.")}
        )
    _check_not_future("answered_on", answered_on)
    completion_request.answered_on = answered_on
    completion_request.answer_note = note
    completion_request.save(update_fields=["answered_on", "answer_note"])
    _event(application, Event.Kind.COMPLETION, by, _("Completion received."))
    still_open = application.completion_requests.filter(
        answered_on__isnull=True
    ).exists()
    if not still_open:
        application_transition(application=application, to=Status.IN_REVIEW, by=by)
    return completion_request
