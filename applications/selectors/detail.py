"""The detail page of one application: the joins, the checklist, the plan and
the timeline."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

from applications.action_plans import action_plan_problems
from applications.models import (
    ActionPlan,
    Application,
    CompletionRequest,
    CriterionRecord,
    Disbursement,
    Document,
    Event,
    FollowUpReport,
    IndividualCase,
    Intervention,
    ProposalVersion,
)
from applications.permissions import can_view_case_text
from applications.selectors.overdue import completion_overdue, follow_up_overdue

LIST_RELATED = (
    "applicant_municipality__county",
    "applicant_municipality__police_region",
    "applicant_organisation",
    "budget_year",
    "assigned_to",
)


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False))


def application_detail(*, pk: int, today: date | None = None) -> Application:
    """One application with everything its detail page shows, in a few queries.

    Each komplettering carries `is_overdue`, and the application
    `follow_up_is_overdue`, by the same rules as the lists and the dashboard."""
    today = today or timezone.localdate()
    case_prefetch = Prefetch(
        "criterion_records",
        queryset=CriterionRecord.objects.select_related("recorded_by").order_by(
            "criterion", "-recorded_at", "-pk"
        ),
    )
    return (
        Application.objects.select_related(
            *LIST_RELATED,
            "individual_case",
            "action_plan",
            "proposal__prepared_by",
            "decision__decided_by",
            "decision__presented_by",
            "follow_up__registered_by",
        )
        .prefetch_related(
            Prefetch(
                "individual_case__criterion_records",
                queryset=case_prefetch.queryset,
            ),
            Prefetch(
                "action_plan__interventions",
                queryset=Intervention.objects.select_related("provider"),
            ),
            Prefetch(
                "completion_requests",
                queryset=CompletionRequest.objects.select_related(
                    "requested_by"
                ).annotate(is_overdue=_flag(completion_overdue(today=today))),
            ),
            Prefetch("events", queryset=Event.objects.select_related("actor")),
            Prefetch(
                "documents", queryset=Document.objects.select_related("uploaded_by")
            ),
            Prefetch(
                "disbursements",
                queryset=Disbursement.objects.select_related("registered_by"),
            ),
        )
        .annotate(
            follow_up_is_overdue=Exists(
                FollowUpReport.objects.filter(
                    follow_up_overdue(today=today), application=OuterRef("pk")
                )
            )
        )
        .get(pk=pk)
    )


def criterion_rows(*, case: IndividualCase | None) -> list[dict]:
    """The eligibility checklist: each criterion with its latest record."""
    if case is None:
        return []
    latest: dict[str, CriterionRecord] = {}
    for record in case.criterion_records.all():
        latest.setdefault(record.criterion, record)
    return [
        {
            "name": name,
            "label": IndividualCase._meta.get_field(name).verbose_name,
            "value": getattr(case, name),
            "record": latest.get(name),
        }
        for name in IndividualCase.CRITERIA
    ]


@dataclass(frozen=True)
class ActionPlanSummary:
    plan: ActionPlan
    interventions: list[Intervention]
    total: Decimal  # what the insatser cost together
    difference: Decimal  # the requested amount minus that total
    problems: list[str]  # what is wrong with the dates (action_plans.py)


def action_plan_summary(*, application: Application) -> ActionPlanSummary | None:
    """The handlingsplan with its insatser, their sum, how far the sum is from the
    requested amount and what is wrong with its dates; None without a plan.

    The insatser are the ones the page lists (prefetched by application_detail),
    so the sum is taken over the rows shown."""
    try:
        plan = application.action_plan
    except Application.action_plan.RelatedObjectDoesNotExist:
        return None
    interventions = list(plan.interventions.all())
    total = sum((item.cost for item in interventions), Decimal("0"))
    return ActionPlanSummary(
        plan=plan,
        interventions=interventions,
        total=total,
        difference=application.requested_amount - total,
        problems=action_plan_problems(
            starts_on=plan.starts_on, ends_on=plan.ends_on, interventions=interventions
        ),
    )


# The kinds of event whose text a person wrote (a reason, a comment) and that may
# tell about the individual; the other kinds' text is made by the system (the kind
# of a document, an amount, an outcome).
CASE_TEXT_EVENT_KINDS = frozenset({Event.Kind.STATUS, Event.Kind.COMMENT})


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # the kind's label
    from_status: str  # the status labels of a status change, else ""
    to_status: str
    text: str  # "" when the reader may not read it
    actor: object  # the user, or None for the system


def application_timeline(*, application: Application, user) -> list[TimelineEntry]:
    """The application's events, oldest first, with the text of each only when
    the user may read it (can_view_case_text, or text the system wrote)."""
    may_read = can_view_case_text(user, application)
    return [
        TimelineEntry(
            at=event.created_at,
            kind=event.get_kind_display(),
            from_status=event.get_from_status_display() if event.to_status else "",
            to_status=event.get_to_status_display() if event.to_status else "",
            text=event.text
            if may_read or event.kind not in CASE_TEXT_EVENT_KINDS
            else "",
            actor=event.actor,
        )
        for event in application.events.all()
    ]


def proposal_versions(*, application: Application) -> list[ProposalVersion]:
    """Every submitted version of the föredragning, oldest first; no query for an
    application that was never proposed (most of a work list's cases)."""
    if getattr(application, "proposal", None) is None:
        return []
    return list(
        ProposalVersion.objects.filter(application=application).select_related(
            "prepared_by"
        )
    )
