"""Komplettering: asking the applicant for missing material, and the answer."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.models import (
    Application,
    CompletionRequest,
    DocumentKind,
    Event,
    Status,
)
from applications.services.common import (
    DocumentData,
    _check_not_future,
    _ensure_in_review,
    _event,
    _require,
    application_transition,
)
from applications.services.registration import _document_store
from applications.uploads import stored_files_removed_on_error
from audit.context import audited_by


def _resume_review_when_none_open(application: Application, by: User) -> None:
    if not application.completion_requests.still_open().exists():
        application_transition(application=application, to=Status.IN_REVIEW, by=by)


def _check_still_open(completion_request: CompletionRequest) -> None:
    if completion_request.answered_on is not None:
        raise ValidationError(_("This completion request is already answered."))
    if completion_request.lapsed_on is not None:
        raise ValidationError(
            _("This completion request is already recorded as not supplied.")
        )


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
def completion_request_answer(
    *,
    completion_request: CompletionRequest,
    by: User,
    answered_on: date,
    note: str = "",
    upload=None,
) -> CompletionRequest:
    """Record that the applicant answered, with the file that came in if any;
    resume the review when no request is still open."""
    application = completion_request.application
    _require(permissions.can_answer_completion(by, application))
    _check_still_open(completion_request)
    if answered_on < completion_request.requested_on:
        raise ValidationError(
            {"answered_on": _("The answer cannot predate the request.")}
        )
    _check_not_future("answered_on", answered_on)
    # The transaction inside: a stored file is removed when the write fails.
    with stored_files_removed_on_error() as stored, transaction.atomic():
        if upload is not None:
            completion_request.answer_document = _document_store(
                application,
                DocumentData(kind=DocumentKind.COMPLETION, upload=upload),
                by,
                stored,
            )
        completion_request.answered_on = answered_on
        completion_request.answer_note = note
        completion_request.save(
            update_fields=["answered_on", "answer_note", "answer_document"]
        )
        _event(application, Event.Kind.COMPLETION, by, _("Completion received."))
        _resume_review_when_none_open(application, by)
    return completion_request


@audited_by("by")
@transaction.atomic
def completion_request_record_not_supplied(
    *, completion_request: CompletionRequest, by: User
) -> CompletionRequest:
    """Record that no answer came by the reply-by date: the review resumes, and
    the application may be rejected as not completed (ej kompletterad)."""
    application = completion_request.application
    _require(permissions.can_record_no_completion(by, application))
    _check_still_open(completion_request)
    today = timezone.localdate()
    if today <= completion_request.reply_by:
        raise ValidationError(
            _(
                "The reply-by date %(date)s has not passed: the applicant may "
                "still answer."
            )
            % {"date": completion_request.reply_by.isoformat()}
        )
    completion_request.lapsed_on = today
    completion_request.lapsed_by = by
    completion_request.save(update_fields=["lapsed_on", "lapsed_by"])
    _event(
        application,
        Event.Kind.COMPLETION,
        by,
        _("No completion came in by %(date)s.")
        % {"date": completion_request.reply_by.isoformat()},
    )
    _resume_review_when_none_open(application, by)
    return completion_request
