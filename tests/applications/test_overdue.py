"""Overdue kompletteringar and återrapporteringar, one rule on every page.

Whether a komplettering or an återrapportering is overdue is one rule
(`completion_overdue` and `follow_up_overdue` in applications/selectors.py, on the
status groups of applications/workflow.py). Each page that shows overdue items is
checked here with applications that must not show as overdue (withdrawn,
rejected, decided, closed) next to ones that must (waiting for a komplettering
past its reply-by date, paid and not reported by the due date).

The pages are fetched in Swedish, the default language (LANGUAGE_CODE "sv").
"""

import re
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import (
    Application,
    CompletionRequest,
    FollowUpReport,
    Outcome,
    Status,
)
from applications.selectors import completion_overdue_list, follow_up_overdue_list
from applications.workflow import DECISION_STATUS
from tests.scenarios import case_at

OVERDUE_MARK = '<strong class="state-bad">Försenad</strong>'
PENDING_MARK = "komplettering väntas"


@contextmanager
def on_day(day: date):
    """Run the services as if today were `day`: a komplettering can only be asked
    for with a reply-by date still to come, so an overdue one was asked for
    earlier."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        yield


def asked_earlier(application, officer) -> CompletionRequest:
    """A komplettering asked for 30 days ago with a reply-by date 10 days ago,
    through the service (the application goes to komplettering begärd)."""
    today = timezone.localdate()
    with on_day(today - timedelta(days=30)):
        return services.completion_request_create(
            application=application,
            by=officer,
            message="Samtycket saknas.",
            reply_by=today - timedelta(days=10),
        )


def unanswered_row(application, officer) -> CompletionRequest:
    """An unanswered komplettering past its reply-by date, written directly.

    The workflow cannot produce it next to a decision: a proposal is refused
    while a komplettering is unanswered (services.proposal_missing), and the
    answer is the only way back to review. Such rows exist in data written
    outside the services (cases from before the rule, the demo data), so the
    test writes the row as that data does.
    """
    today = timezone.localdate()
    return CompletionRequest.objects.create(
        application=application,
        requested_on=today - timedelta(days=30),
        reply_by=today - timedelta(days=10),
        message="Samtycket saknas.",
        requested_by=officer,
    )


def fresh(budget_year, officer):
    """A complete individärende in review, through the services."""
    return case_at(Status.IN_REVIEW, budget_year=budget_year, officer=officer)


def decided(budget_year, officer, decider, outcome: str):
    return case_at(
        DECISION_STATUS[outcome],
        budget_year=budget_year,
        officer=officer,
        decider=decider,
        outcome=outcome,
    )


def paid(budget_year, officer, decider):
    """Granted and paid in full on 1 June 2022: the återrapportering (due 1
    February 2023 for the budget year 2022) is still awaited."""
    return case_at(
        Status.PAID, budget_year=budget_year, officer=officer, decider=decider
    )


# --- kompletteringar -------------------------------------------------------------


def completion_awaiting(budget_year, officer, decider):
    application = fresh(budget_year, officer)
    asked_earlier(application, officer)
    return application


def completion_withdrawn(budget_year, officer, decider):
    application = completion_awaiting(budget_year, officer, decider)
    services.application_withdraw(
        application=application, by=officer, reason="Sökanden återkallade."
    )
    return application


def completion_rejected(budget_year, officer, decider):
    application = decided(budget_year, officer, decider, Outcome.REJECTED)
    unanswered_row(application, officer)
    return application


def completion_granted(budget_year, officer, decider):
    application = decided(budget_year, officer, decider, Outcome.GRANTED)
    unanswered_row(application, officer)
    return application


COMPLETION_CASES = {
    # name: (builder, status it ends in, whether its komplettering is overdue)
    "komplettering begärd": (completion_awaiting, Status.COMPLETION_REQUESTED, True),
    "withdrawn": (completion_withdrawn, Status.WITHDRAWN, False),
    "rejected": (completion_rejected, Status.REJECTED, False),
    "granted": (completion_granted, Status.GRANTED, False),
}


@pytest.fixture(params=sorted(COMPLETION_CASES))
def completion_case(request, budget_year, officer, decider):
    build, status, overdue = COMPLETION_CASES[request.param]
    application = build(budget_year, officer, decider)
    application.refresh_from_db()
    assert application.status == status
    assert application.completion_requests.filter(answered_on__isnull=True).exists()
    return application, overdue


def section(page: str, heading_id: str) -> str:
    """The HTML of the <section> whose heading has the id."""
    match = re.search(rf'id="{heading_id}".*?</section>', page, re.S)
    assert match, heading_id
    return match.group(0)


def list_row(page: str, reference: str) -> str:
    """The work list's table row of the application."""
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    found = [row for row in rows if f">{reference}</a>" in row]
    assert len(found) == 1, reference
    return found[0]


def test_the_detail_page_marks_a_komplettering_overdue_only_while_awaited(
    client, officer, completion_case
):
    application, overdue = completion_case
    client.force_login(officer)
    page = client.get(reverse("applications:detail", args=[application.pk]))
    completions = section(page.content.decode(), "h-completions")
    assert (OVERDUE_MARK in completions) is overdue
    assert ('class="overdue"' in completions) is overdue


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx partial"])
def test_the_work_list_says_komplettering_väntas_only_while_awaited(
    client, officer, budget_year, completion_case, htmx
):
    application, overdue = completion_case
    client.force_login(officer)
    headers = {"HX-Request": "true", "HX-Target": "results"} if htmx else {}
    response = client.get(
        reverse("applications:list"),
        {"budget_year": budget_year.pk, "status": application.status},
        headers=headers,
    )
    page = response.content.decode()
    assert ("<html" in page) is not htmx
    assert (PENDING_MARK in list_row(page, application.reference_number)) is overdue


def test_the_dashboard_lists_a_komplettering_as_overdue_only_while_awaited(
    client, officer, budget_year, completion_case
):
    application, overdue = completion_case
    client.force_login(officer)
    response = client.get(
        reverse("applications:dashboard_year", args=[budget_year.year])
    )
    listed = section(response.content.decode(), "h-overdue-completions")
    assert "Försenade kompletteringar" in listed
    assert (f">{application.reference_number}</a>" in listed) is overdue
    assert response.context["summary"].overdue_completions_total == int(overdue)


def test_the_overdue_komplettering_list_holds_only_awaited_ones(completion_case):
    application, overdue = completion_case
    listed = completion_overdue_list(today=timezone.localdate())
    assert [c.application_id for c in listed] == ([application.pk] if overdue else [])


# --- återrapporteringar ----------------------------------------------------------


def follow_up_paid(budget_year, officer, decider):
    return paid(budget_year, officer, decider)


def follow_up_granted(budget_year, officer, decider):
    """Granted, nothing paid yet: the återrapportering is awaited all the same."""
    return decided(budget_year, officer, decider, Outcome.GRANTED)


def follow_up_closed(budget_year, officer, decider):
    """Paid, reported, the report then corrected to not received (the service
    allows it on a reported case) and the case closed."""
    application = paid(budget_year, officer, decider)
    services.follow_up_register(
        application=application,
        by=officer,
        due_on=date(2023, 2, 1),
        received_on=date(2023, 1, 20),
        spent_amount=application.requested_amount,
    )
    services.follow_up_register(
        application=application, by=officer, due_on=date(2023, 2, 1)
    )
    services.application_close(application=application, by=officer)
    return application


def follow_up_withdrawn(budget_year, officer, decider):
    """A withdrawn application with an unreceived återrapportering.

    A withdrawal comes before any decision and only a grant creates the
    återrapportering, so the workflow cannot produce this; it exists in data
    written outside the services, and the test writes the row as that data does.
    """
    application = fresh(budget_year, officer)
    services.application_withdraw(
        application=application, by=officer, reason="Sökanden återkallade."
    )
    FollowUpReport.objects.create(application=application, due_on=date(2023, 2, 1))
    return application


FOLLOW_UP_CASES = {
    "paid": (follow_up_paid, Status.PAID, True),
    "granted": (follow_up_granted, Status.GRANTED, True),
    "closed": (follow_up_closed, Status.CLOSED, False),
    "withdrawn": (follow_up_withdrawn, Status.WITHDRAWN, False),
}


@pytest.fixture(params=sorted(FOLLOW_UP_CASES))
def follow_up_case(request, budget_year, officer, decider):
    build, status, overdue = FOLLOW_UP_CASES[request.param]
    application = build(budget_year, officer, decider)
    application.refresh_from_db()
    assert application.status == status
    report = FollowUpReport.objects.get(application=application)
    assert report.received_on is None
    assert report.due_on < timezone.localdate()
    return application, overdue


def test_the_detail_page_marks_an_återrapportering_overdue_only_while_awaited(
    client, officer, follow_up_case
):
    application, overdue = follow_up_case
    client.force_login(officer)
    page = client.get(reverse("applications:detail", args=[application.pk]))
    page = page.content.decode()
    if Application.objects.filter(pk=application.pk, decision__isnull=False).exists():
        assert (OVERDUE_MARK in section(page, "h-followup")) is overdue
    assert (OVERDUE_MARK in page) is overdue


def test_the_dashboard_lists_an_återrapportering_as_overdue_only_while_awaited(
    client, officer, budget_year, follow_up_case
):
    application, overdue = follow_up_case
    client.force_login(officer)
    response = client.get(
        reverse("applications:dashboard_year", args=[budget_year.year])
    )
    listed = section(response.content.decode(), "h-overdue-followups")
    assert "Försenade återrapporteringar" in listed
    assert (f">{application.reference_number}</a>" in listed) is overdue
    assert response.context["summary"].overdue_follow_ups_total == int(overdue)


def test_the_overdue_återrapportering_page_lists_only_awaited_ones(
    client, officer, follow_up_case
):
    application, overdue = follow_up_case
    client.force_login(officer)
    response = client.get(reverse("applications:follow_up_overdue"))
    page = response.content.decode()
    assert (f">{application.reference_number}</a>" in page) is overdue
    listed = follow_up_overdue_list(today=timezone.localdate())
    assert [r.application_id for r in listed] == ([application.pk] if overdue else [])


def test_a_paid_application_is_not_overdue_before_its_due_date(
    client, officer, decider, budget_year
):
    application = paid(budget_year, officer, decider)
    services.follow_up_register(
        application=application,
        by=officer,
        due_on=timezone.localdate() + timedelta(days=1),
    )
    client.force_login(officer)
    page = client.get(reverse("applications:detail", args=[application.pk]))
    assert OVERDUE_MARK not in page.content.decode()
    assert list(follow_up_overdue_list(today=timezone.localdate())) == []
