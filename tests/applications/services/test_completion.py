"""Komplettering: asking and answering move the status."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications import services
from applications.models import (
    CompletionRequest,
    DocumentKind,
    Event,
    Outcome,
    RejectionReason,
    Status,
)
from tests.applications.helpers import PDF, pdf_upload
from tests.scenarios import registered


def test_completion_request_and_answer_move_the_status(
    budget_year, officer, today, tomorrow
):
    application = registered(budget_year=budget_year, by=officer)
    request = services.completion_request_create(
        application=application,
        by=officer,
        message="Samtycke saknas",
        reply_by=tomorrow,
    )
    application.refresh_from_db()
    assert application.status == Status.COMPLETION_REQUESTED
    services.completion_request_answer(
        completion_request=request, by=officer, answered_on=today, note="Inkommit"
    )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert CompletionRequest.objects.get().answered_on == today


def test_completion_reply_by_cannot_be_in_the_past(budget_year, officer, today):
    application = registered(budget_year=budget_year, by=officer)
    with pytest.raises(ValidationError):
        services.completion_request_create(
            application=application,
            by=officer,
            message="x",
            reply_by=today - timedelta(days=1),
        )


def _past_due(request: CompletionRequest, today) -> CompletionRequest:
    """The request as if it was made three weeks ago, to be answered a week ago."""
    CompletionRequest.objects.filter(pk=request.pk).update(
        requested_on=today - timedelta(days=21), reply_by=today - timedelta(days=7)
    )
    request.refresh_from_db()
    return request


def test_no_answer_by_the_reply_by_date_returns_the_case_to_review(
    budget_year, officer, today
):
    application = registered(budget_year=budget_year, by=officer)
    request = services.completion_request_create(
        application=application, by=officer, message="Samtycke saknas", reply_by=today
    )
    _past_due(request, today)
    services.completion_request_record_not_supplied(
        completion_request=request, by=officer
    )
    application.refresh_from_db()
    request.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert (request.lapsed_on, request.lapsed_by) == (today, officer)
    assert request.answered_on is None
    assert application.events.filter(kind=Event.Kind.COMPLETION).exists()
    assert not services.proposal_missing(
        application=application,
        outcome=Outcome.REJECTED,
        rejection_reason=RejectionReason.COMPLETION_NOT_SUPPLIED,
    )


def test_no_answer_cannot_be_recorded_before_the_reply_by_date_has_passed(
    budget_year, officer, today
):
    application = registered(budget_year=budget_year, by=officer)
    request = services.completion_request_create(
        application=application, by=officer, message="Samtycke saknas", reply_by=today
    )
    with pytest.raises(ValidationError, match="inte passerat|has not passed"):
        services.completion_request_record_not_supplied(
            completion_request=request, by=officer
        )
    application.refresh_from_db()
    assert application.status == Status.COMPLETION_REQUESTED


def test_a_lapsed_request_cannot_be_answered_afterwards(budget_year, officer, today):
    application = registered(budget_year=budget_year, by=officer)
    request = services.completion_request_create(
        application=application, by=officer, message="x", reply_by=today
    )
    _past_due(request, today)
    services.completion_request_record_not_supplied(
        completion_request=request, by=officer
    )
    with pytest.raises(PermissionDenied):
        services.completion_request_answer(
            completion_request=request, by=officer, answered_on=today
        )
    with pytest.raises(PermissionDenied):
        services.completion_request_record_not_supplied(
            completion_request=request, by=officer
        )


def test_rejection_as_not_completed_needs_a_lapsed_request(budget_year, officer):
    application = registered(budget_year=budget_year, by=officer)
    services.application_start_review(application=application, by=officer)
    with pytest.raises(ValidationError, match="kompletter|completion"):
        services.proposal_submit(
            application=application,
            by=officer,
            outcome=Outcome.REJECTED,
            rejection_reason=RejectionReason.COMPLETION_NOT_SUPPLIED,
            motivation="Ej kompletterad.",
        )


def test_an_answer_can_carry_the_supplied_file(budget_year, officer, today, tomorrow):
    application = registered(budget_year=budget_year, by=officer)
    request = services.completion_request_create(
        application=application,
        by=officer,
        message="Samtycke saknas",
        reply_by=tomorrow,
    )
    services.completion_request_answer(
        completion_request=request,
        by=officer,
        answered_on=today,
        upload=pdf_upload("samtycke.pdf"),
    )
    request.refresh_from_db()
    document = request.answer_document
    assert document.application == application
    assert document.kind == DocumentKind.COMPLETION
    assert document.original_name == "samtycke.pdf"
    assert document.file.read() == PDF
