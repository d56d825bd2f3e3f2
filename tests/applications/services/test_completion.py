"""Komplettering: asking and answering move the status."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from applications import services
from applications.models import (
    CompletionRequest,
    Status,
)
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
