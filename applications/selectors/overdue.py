"""What is awaited and what is overdue: the one rule of each, as conditions the
lists, the detail page and the dashboard all use, and the overdue lists."""

from datetime import date

from django.db.models import Q, QuerySet

from applications import workflow
from applications.models import CompletionRequest, FollowUpReport


def completion_awaited() -> Q:
    """A komplettering is awaited while it is neither answered nor recorded as
    not supplied, and its application is in a status that waits for it
    (workflow.AWAITING_COMPLETION): an application that went on without the
    answer, was decided, withdrawn or closed awaits nothing. (On
    CompletionRequest.)"""
    return Q(
        answered_on__isnull=True,
        lapsed_on__isnull=True,
        application__status__in=workflow.AWAITING_COMPLETION,
    )


def completion_overdue(*, today: date) -> Q:
    """An awaited komplettering past its reply-by date (on CompletionRequest)."""
    return completion_awaited() & Q(reply_by__lt=today)


def follow_up_overdue(*, today: date) -> Q:
    """An återrapportering not received by its due date, of an application that
    still awaits it (workflow.AWAITING_FOLLOW_UP) (on FollowUpReport)."""
    return Q(
        received_on__isnull=True,
        due_on__lt=today,
        application__status__in=workflow.AWAITING_FOLLOW_UP,
    )


def completion_overdue_list(*, today: date) -> QuerySet[CompletionRequest]:
    """Awaited kompletteringar whose reply-by date has passed (completion_overdue)."""
    return (
        CompletionRequest.objects.filter(completion_overdue(today=today))
        .select_related("application")
        .order_by("reply_by", "pk")
    )


def follow_up_overdue_list(*, today: date) -> QuerySet[FollowUpReport]:
    """Awaited återrapporteringar past their due date (follow_up_overdue)."""
    return (
        FollowUpReport.objects.filter(follow_up_overdue(today=today))
        .select_related(
            "application__applicant_municipality",
            "application__applicant_organisation",
            "application__decision",
            "application__budget_year",
        )
        .order_by("due_on", "pk")
    )
