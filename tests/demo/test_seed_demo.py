"""seed_demo builds invented data that reproduces every published figure exactly."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q, Sum

from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    Decision,
    Disbursement,
    IndividualCase,
    Outcome,
    RejectionReason,
    Status,
)
from demo.seed import demo_seed
from grants.models import BudgetYear

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
SIX_LAN = {
    "Skåne län",
    "Stockholms län",
    "Uppsala län",
    "Värmlands län",
    "Västra Götalands län",
    "Örebro län",
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """seed_demo once for this module's read-only tests, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_seed(today=TODAY)
        yield
        transaction.set_rollback(True)


def decided(year: int, kind=ApplicationKind.INDIVIDUAL):
    return Application.objects.filter(
        budget_year__year=year, kind=kind, decision__isnull=False
    )


def granted_figures(year: int) -> dict:
    return decided(year).aggregate(
        handled=Count("id"),
        granted=Count("id", filter=Q(decision__outcome=Outcome.GRANTED)),
        rejected=Count("id", filter=Q(decision__outcome=Outcome.REJECTED)),
        amount=Sum("decision__granted_amount"),
        kommuner=Count(
            "applicant_municipality",
            distinct=True,
            filter=Q(decision__outcome=Outcome.GRANTED),
        ),
    )


def test_2022_individual_cases_match_the_published_figures(seeded):
    figures = granted_figures(2022)
    assert figures == {
        "handled": 124,
        "granted": 113,
        "rejected": 11,
        "amount": Decimal("58053534"),
        "kommuner": 28,
    }


def test_2022_granted_kommuner_lie_in_exactly_the_six_named_lan(seeded):
    lan = set(
        decided(2022)
        .filter(decision__outcome=Outcome.GRANTED)
        .values_list("applicant_municipality__county__name", flat=True)
    )
    assert lan == SIX_LAN


def test_2022_rejections_use_only_the_three_reasons_of_the_report(seeded):
    reasons = set(
        Decision.objects.filter(
            application__budget_year__year=2022, outcome=Outcome.REJECTED
        ).values_list("rejection_reason", flat=True)
    )
    assert reasons == set(RejectionReason.values)


def test_2022_money_paid_in_the_year_per_recipient_matches_the_report(seeded):
    paid = Disbursement.objects.filter(paid_on__year=2022)
    to_kommuner = paid.filter(application__kind=ApplicationKind.INDIVIDUAL)
    assert to_kommuner.aggregate(s=Sum("amount"))["s"] == Decimal("58053534")
    per_agency = dict(
        paid.filter(application__kind=ApplicationKind.AGENCY)
        .values_list("application__applicant_organisation__name")
        .annotate(s=Sum("amount"))
    )
    assert per_agency == {
        "Statens institutionsstyrelse": Decimal("905000"),
        "Socialstyrelsen": Decimal("291000"),
    }
    assert paid.aggregate(s=Sum("amount"))["s"] == Decimal("59249534")


def test_2022_anslag_was_amended_from_22_5_to_72_5_million(seeded):
    year = BudgetYear.objects.get(year=2022)
    assert year.initial_ceiling == Decimal("22500000")
    assert year.ceiling == Decimal("72500000")
    assert year.operating_grant_ceiling == Decimal("10000000")
    amendment = year.amendments.get()
    assert amendment.decided_on == date(2022, 6, 30)
    assert amendment.new_ceiling == Decimal("72500000")
    allocation = year.allocation_decisions.get()
    assert allocation.decided_on == date(2022, 4, 8)
    assert "Noa 92/2022" in allocation.reference


def test_2020_and_2021_match_the_trend_table(seeded):
    f2020 = granted_figures(2020)
    assert (f2020["granted"], f2020["amount"], f2020["kommuner"]) == (
        12,
        Decimal("5130000"),
        10,
    )
    assert BudgetYear.objects.get(year=2020).ceiling == Decimal("7500000")
    f2021 = granted_figures(2021)
    assert (f2021["granted"], f2021["amount"]) == (28, Decimal("12000000"))


def test_granted_cases_have_every_criterion_and_plans_within_six_months(seeded):
    granted_cases = IndividualCase.objects.filter(
        application__decision__outcome=Outcome.GRANTED
    )
    for criterion in IndividualCase.CRITERIA:
        assert not granted_cases.exclude(**{criterion: True}).exists(), criterion
    assert IndividualCase.objects.filter(birth_year__gt=2022 - 18).exists()
    for plan in ActionPlan.objects.annotate(total=Sum("interventions__cost")):
        assert plan.total == plan.application.requested_amount
        assert (plan.ends_on - plan.starts_on).days <= 184


def test_decisions_are_presented_and_decided_by_different_people(seeded):
    assert not Decision.objects.filter(presented_by=None).exists()
    assert not Decision.objects.filter(decided_by=None).exists()
    decider = Decision.objects.values_list("decided_by__username", flat=True)
    assert set(decider) == {"beslutsfattare"}


def test_current_year_has_open_work_for_the_case_officers(seeded):
    current = Application.objects.filter(budget_year__year=TODAY.year)
    counts = dict(current.values_list("status").annotate(n=Count("id")))
    assert counts[Status.RECEIVED] >= 3
    assert counts[Status.IN_REVIEW] >= 3
    assert counts[Status.COMPLETION_REQUESTED] >= 3
    assert counts[Status.PREPARED] >= 3
    assert counts[Status.PAID] >= 2
    assert 15 <= sum(counts.values()) - counts[Status.PAID] <= 20
    overdue = CompletionRequest.objects.filter(
        application__in=current, answered_on=None, reply_by__lt=TODAY
    )
    assert overdue.count() == 1
    assert not current.filter(status=Status.PREPARED, proposal=None).exists()
    assert current.filter(follow_up__received_on=None, status=Status.PAID).exists()


def test_no_personal_data_only_pseudonymous_case_codes(seeded):
    codes = IndividualCase.objects.values_list("case_code", flat=True)
    assert all(code.startswith("IND-") for code in codes)
    User = get_user_model()
    assert not User.objects.exclude(first_name="", last_name="", email="").exists()


def test_every_demo_application_has_a_timeline_that_follows_the_workflow(seeded):
    """The detail page's timeline is not empty for demo cases, and every status
    move recorded in it is one the workflow table allows."""
    from applications.models import Event
    from applications.workflow import can_transition

    assert not Application.objects.filter(events__isnull=True).exists()
    for event in Event.objects.exclude(from_status="").exclude(to_status=""):
        assert can_transition(event.from_status, event.to_status), (
            event.application_id,
            event.from_status,
            event.to_status,
        )
    decisions = Event.objects.filter(kind="decision")
    assert (
        decisions.count() == Application.objects.filter(decision__isnull=False).count()
    )
    assert set(decisions.values_list("actor__username", flat=True)) == {
        "beslutsfattare"
    }


def test_every_demo_timeline_starts_at_registration_and_ends_in_the_status(seeded):
    """The timeline walks the whole path: a closed case shows its closing too."""
    from applications.models import Event
    from applications.workflow import INITIAL

    moves = Event.objects.exclude(to_status="").order_by("created_at", "pk")
    path: dict[int, list[str]] = {}
    for application_id, before, after in moves.values_list(
        "application_id", "from_status", "to_status"
    ):
        steps = path.setdefault(application_id, [INITIAL])
        assert before == steps[-1], (application_id, steps, before)
        steps.append(after)
    for pk, status in Application.objects.values_list("pk", "status"):
        assert path.get(pk, [INITIAL])[-1] == status, pk
    assert Application.objects.filter(status=Status.CLOSED).exists()


def test_every_timeline_step_is_a_move_of_the_workflow_table():
    from applications.workflow import can_transition
    from demo.timeline import STEPS

    assert all(can_transition(before, after) for before, after in STEPS)
