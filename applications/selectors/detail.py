"""Every read that is more than a `get`: the joins of each page live here."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from accounts.roles import Role, has_role
from applications import workflow
from applications.action_plans import action_plan_problems
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Delegation,
    Disbursement,
    Document,
    Event,
    FollowUpReport,
    IndividualCase,
    Intervention,
    Outcome,
    Status,
)
from applications.permissions import (
    CASE_READERS,
    can_view_case_text,
    coordinator_region_id,
)
from grants.budget import BudgetPosition, Granted
from grants.models import BudgetYear, County, Municipality, Organisation, PoliceRegion

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))

LIST_RELATED = (
    "applicant_municipality__county",
    "applicant_municipality__police_region",
    "applicant_organisation",
    "budget_year",
    "assigned_to",
)


def application_visible_to(*, user) -> QuerySet[Application]:
    """The applications the user may see: all for case readers, a region for a
    coordinator, none for anyone else."""
    applications = Application.objects.all()
    if any(has_role(user, role) for role in CASE_READERS):
        return applications
    region_id = coordinator_region_id(user)
    if region_id is not None:
        return applications.filter(
            kind=ApplicationKind.INDIVIDUAL,
            applicant_municipality__police_region_id=region_id,
        )
    return applications.none()


# What a row of the work list shows, and nothing more: every further join and
# column costs planning and transfer on each page (docs/performance.md).
WORK_LIST_RELATED = (
    "applicant_municipality__county",
    "applicant_organisation",
    "assigned_to",
)
WORK_LIST_FIELDS = (
    "reference_number",
    "kind",
    "received_on",
    "requested_amount",
    "status",
    "applicant_municipality__name",
    "applicant_municipality__county__name",
    "applicant_organisation__name",
    "assigned_to__username",
)


# --- what is awaited and what is overdue: the one rule of each ---------------------


def completion_awaited() -> Q:
    """A komplettering is awaited while it is unanswered and its application is in a
    status that waits for it (workflow.AWAITING_COMPLETION): an application that
    went on without the answer, was decided, withdrawn or closed awaits nothing.
    (On CompletionRequest.)"""
    return Q(
        answered_on__isnull=True, application__status__in=workflow.AWAITING_COMPLETION
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


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False))


def application_list(*, user) -> QuerySet[Application]:
    """The work list with the joins and columns its table shows.

    Whether a komplettering is awaited is a subquery per shown row, not a count
    over a join: a GROUP BY over every application would have to run before the
    list can take its first page in received-date order. The subquery only runs
    for rows whose status waits for a komplettering.
    """
    unanswered = CompletionRequest.objects.filter(
        completion_awaited(), application=OuterRef("pk")
    )
    return (
        application_visible_to(user=user)
        .select_related(*WORK_LIST_RELATED)
        .only(*WORK_LIST_FIELDS)
        .annotate(
            completion_pending=Case(
                When(status__in=workflow.AWAITING_COMPLETION, then=Exists(unanswered)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def application_list_export(
    *, queryset: QuerySet[Application]
) -> QuerySet[Application]:
    """The (filtered) work list with the further joins and columns of its export."""
    return queryset.select_related(
        "decision", "applicant_municipality__police_region", "budget_year"
    ).only(
        *WORK_LIST_FIELDS,
        "applicant_municipality__police_region__name",
        "budget_year__year",
        "decision__granted_amount",
    )


def _options(queryset: QuerySet, name: str, label, sort_number, sort_text):
    return (
        queryset.order_by()
        .annotate(
            option_filter=Value(name, output_field=CharField()),
            option_label=Cast(label, CharField()),
            option_number=sort_number,
            option_text=Cast(sort_text, CharField()),
        )
        .values_list(
            "option_filter", "pk", "option_label", "option_number", "option_text"
        )
    )


def work_list_choices() -> dict[str, list[tuple[int, str]]]:
    """The options of the work list's choice filters in one query:
    {filter name: [(pk, label), …]}, each list in its model's order."""
    no_number = Value(0, output_field=IntegerField())
    officers = get_user_model().objects.filter(
        groups__name=Role.CASE_OFFICER.value, is_active=True
    )
    parts = [
        _options(BudgetYear.objects.all(), "budget_year", "year", -F("year"), "year"),
        _options(Municipality.objects.all(), "municipality", "name", no_number, "name"),
        _options(County.objects.all(), "county", "name", no_number, "code"),
        _options(
            PoliceRegion.objects.all(), "police_region", "name", no_number, "name"
        ),
        _options(officers, "assigned_to", "username", no_number, "username"),
    ]
    rows = (
        parts[0]
        .union(*parts[1:], all=True)
        .order_by("option_filter", "option_number", "option_text")
    )
    choices: dict[str, list[tuple[int, str]]] = {
        name: [] for name in ("budget_year", "municipality", "county", "police_region")
    }
    choices["assigned_to"] = []
    for name, pk, label, _number, _text in rows:
        choices[name].append((pk, label))
    return choices


def applicants_named(*, text: str) -> tuple[list[int], list[int]]:
    """The ids of the kommuner and of the organisations whose name contains text.

    The work list searches applicants through these ids, so that the search is an
    OR of indexed conditions rather than a join filtered row by row.
    """
    municipalities = Municipality.objects.filter(name__icontains=text).values_list(
        Value("m", output_field=CharField()), "pk"
    )
    organisations = Organisation.objects.filter(name__icontains=text).values_list(
        Value("o", output_field=CharField()), "pk"
    )
    found = list(municipalities.order_by().union(organisations.order_by(), all=True))
    return (
        [pk for kind, pk in found if kind == "m"],
        [pk for kind, pk in found if kind == "o"],
    )


def application_status_counts(*, queryset: QuerySet[Application]) -> list[dict]:
    """Count per status of the (filtered) list, in workflow order, zeros included."""
    # COUNT(*), not COUNT(id): PostgreSQL can then count from the status index.
    counted = dict(
        queryset.order_by()
        .values_list("status")
        .annotate(n=Count("*"))
        .values_list("status", "n")
    )
    return [
        {"status": status, "label": label, "count": counted.get(status, 0)}
        for status, label in Status.choices
    ]


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


@dataclass(frozen=True)
class Payments:
    granted: Decimal | None  # None without a grant
    paid: Decimal
    left_to_pay: Decimal | None  # None without a grant


def application_payments(*, application: Application) -> Payments:
    """What was granted, what is paid out so far and what is left to pay.

    The sum is taken over the utbetalningar the detail page lists (prefetched by
    application_detail), so that it costs no query of its own there."""
    decision = getattr(application, "decision", None)
    granted = decision.granted_amount if decision is not None else None
    paid = sum((d.amount for d in application.disbursements.all()), Decimal("0"))
    return Payments(
        granted=granted,
        paid=paid,
        left_to_pay=None if granted is None else granted - paid,
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


def delegation_covering(
    *, user, kind: str, amount: Decimal, on: date
) -> Delegation | None:
    """The user's delegation that covers the kind, amount and day, if any."""
    return (
        Delegation.objects.filter(
            user=user, kind=kind, max_amount__gte=amount, valid_from__lte=on
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .first()
    )


def decision_queue(*, user, on: date | None = None) -> QuerySet[Application]:
    """Prepared applications that the user's delegation covers, oldest first.

    The amount at stake is the proposed amount, or the requested amount when
    the proposal is a rejection. Applications the user prepared are left out.
    """
    on = on or timezone.localdate()
    covering = Delegation.objects.filter(
        user=user,
        kind=OuterRef("kind"),
        max_amount__gte=OuterRef("amount_at_stake"),
        valid_from__lte=on,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return (
        Application.objects.awaiting_decision()
        # What the queue shows: applicant, proposal and who prepared it.
        .select_related(
            "applicant_municipality", "applicant_organisation", "proposal__prepared_by"
        )
        .annotate(amount_at_stake=Coalesce("proposal__amount", "requested_amount"))
        .filter(Exists(covering))
        .exclude(proposal__prepared_by=user)
        .order_by("proposal__prepared_at", "pk")
    )


def budget_year_granted(*, budget_year: BudgetYear) -> Granted:
    """The sums granted in the budget year: in all, and as direct operating grants."""
    sums = Decision.objects.filter(
        application__budget_year=budget_year, outcome=Outcome.GRANTED
    ).aggregate(
        total=Coalesce(Sum("granted_amount"), ZERO),
        operating=Coalesce(
            Sum(
                "granted_amount",
                filter=Q(application__kind=ApplicationKind.OPERATING_GRANT),
            ),
            ZERO,
        ),
    )
    return Granted(total=sums["total"], operating=sums["operating"])


def application_disbursed(*, application: Application) -> Decimal:
    """The sum paid out on the application so far."""
    return Disbursement.objects.filter(application=application).aggregate(
        total=Coalesce(Sum("amount"), ZERO)
    )["total"]


OVERDUE_SHOWN = 10  # the dashboard shows the oldest overdue items, and how many


@dataclass
class BudgetSummary:
    budget_year: BudgetYear
    granted: Decimal
    granted_operating: Decimal
    paid: Decimal
    status_counts: list[dict]
    overdue_completions: list[CompletionRequest]
    overdue_follow_ups: list[FollowUpReport]
    amendments: list = field(default_factory=list)
    overdue_completions_total: int = 0
    overdue_follow_ups_total: int = 0

    @property
    def position(self) -> BudgetPosition:
        return BudgetPosition.of(
            self.budget_year, Granted(self.granted, self.granted_operating)
        )

    @property
    def remaining(self) -> Decimal:
        return self.position.remaining

    @property
    def remaining_operating(self) -> Decimal | None:
        return self.position.remaining_operating

    @property
    def used_percent(self) -> int:
        ceiling = self.budget_year.ceiling
        return int(self.granted * 100 / ceiling) if ceiling else 0


def _status_figures(budget_year: BudgetYear) -> list[tuple[str, int, Decimal, Decimal]]:
    """(status, applications, granted, granted as operating grants) of the year,
    in one scan: a decision belongs to one application, so the join adds no rows."""
    granted = Q(decision__outcome=Outcome.GRANTED)
    return list(
        Application.objects.filter(budget_year=budget_year)
        .order_by()
        .values_list("status")
        .annotate(
            n=Count("*"),
            granted=Coalesce(Sum("decision__granted_amount", filter=granted), ZERO),
            operating=Coalesce(
                Sum(
                    "decision__granted_amount",
                    filter=granted & Q(kind=ApplicationKind.OPERATING_GRANT),
                ),
                ZERO,
            ),
        )
    )


def _oldest_with_total(queryset: QuerySet) -> tuple[list, int]:
    """The first OVERDUE_SHOWN rows and the number of all rows, in one query."""
    rows = list(queryset.annotate(total=Window(Count("*")))[:OVERDUE_SHOWN])
    return rows, (rows[0].total if rows else 0)


def budget_year_summary(
    *, budget_year: BudgetYear, today: date | None = None
) -> BudgetSummary:
    """The dashboard's figures for one budget year, aggregated in the database."""
    today = today or timezone.localdate()
    figures = _status_figures(budget_year)
    counted = {status: n for status, n, _granted, _operating in figures}
    paid = Disbursement.objects.filter(application__budget_year=budget_year).aggregate(
        total=Coalesce(Sum("amount"), ZERO)
    )["total"]
    completions, completions_total = _oldest_with_total(
        completion_overdue_list(today=today).filter(
            application__budget_year=budget_year
        )
    )
    follow_ups, follow_ups_total = _oldest_with_total(
        # The dashboard shows the diarienummer and the date: no other joins.
        follow_up_overdue_list(today=today)
        .filter(application__budget_year=budget_year)
        .select_related(None)
        .select_related("application")
    )
    return BudgetSummary(
        budget_year=budget_year,
        granted=sum((row[2] for row in figures), Decimal("0")),
        granted_operating=sum((row[3] for row in figures), Decimal("0")),
        paid=paid,
        status_counts=[
            {"status": status, "label": label, "count": counted.get(status, 0)}
            for status, label in Status.choices
        ],
        overdue_completions=completions,
        overdue_follow_ups=follow_ups,
        overdue_completions_total=completions_total,
        overdue_follow_ups_total=follow_ups_total,
        amendments=list(budget_year.amendments.all()),
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


def budget_year_current() -> BudgetYear | None:
    """This year's budget year, else the latest one."""
    year = timezone.localdate().year
    return BudgetYear.objects.filter(year=year).first() or BudgetYear.objects.first()
