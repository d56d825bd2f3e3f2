"""The work list: its rows, its filters' options, its counts and its export."""

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast

from accounts.roles import Role
from applications import workflow
from applications.models import Application, CompletionRequest, Status
from applications.selectors.overdue import completion_awaited
from applications.selectors.visibility import application_visible_to
from grants.models import BudgetYear, County, Municipality, Organisation, PoliceRegion

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
