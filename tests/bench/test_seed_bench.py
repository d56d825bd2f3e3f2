"""seed_bench writes consistent, invented data, and only ever removes its own."""

import hashlib
import re
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, Sum

from accounts.roles import Role
from applications import workflow
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    Decision,
    Disbursement,
    Event,
    FollowUpReport,
    IndividualCase,
    Outcome,
    Proposal,
    Status,
)
from applications.workflow import can_transition
from bench.data.marks import BENCH_PREFIX, BENCH_USER_PREFIX, bench_clear
from bench.data.seed import bench_seed
from grants.models import BudgetYear, Municipality
from tests.factories import ApplicationFactory, BudgetYearFactory

pytestmark = pytest.mark.django_db

BENCH_MODELS = [
    m for m in apps.get_models() if m._meta.app_label in ("applications", "grants")
]


def seed(n: int = 300, years: int = 3, last_year: int = 2024, seed: int = 7):
    return bench_seed(applications=n, years=years, last_year=last_year, seed=seed)


def test_every_seeded_row_passes_model_validation_and_constraints():
    seed(n=120, years=2)
    checked = 0
    for model in BENCH_MODELS:
        for obj in model.objects.all():
            obj.full_clean()
            checked += 1
    assert checked > 1000


def test_counts_follow_the_realistic_proportions():
    counts = seed(n=2000, years=4)
    assert counts["applications.Application"] == 2000
    kinds = Counter(Application.objects.values_list("kind", flat=True))
    assert kinds[ApplicationKind.INDIVIDUAL] / 2000 > 0.9
    assert kinds[ApplicationKind.AGENCY] > 20
    assert kinds[ApplicationKind.OPERATING_GRANT] > 5
    individual = kinds[ApplicationKind.INDIVIDUAL]
    assert IndividualCase.objects.count() == individual
    assert ActionPlan.objects.count() == individual
    decided = Decision.objects.count()
    granted = Decision.objects.filter(outcome=Outcome.GRANTED).count()
    assert 0.75 < decided / 2000 < 0.98
    assert 0.8 < granted / decided < 0.97
    assert 0.05 < CompletionRequest.objects.count() / 2000 < 0.4
    assert Event.objects.count() > 5 * 2000
    kommuner = Municipality.objects.filter(applications__isnull=False).distinct()
    assert kommuner.count() > 200
    assert kommuner.values("county").distinct().count() == 21
    per_year = dict(
        BudgetYear.objects.annotate(n=Count("applications")).values_list("year", "n")
    )
    assert per_year[2021] < per_year[2024], "the programme grows year by year"


def test_granted_total_per_year_stays_within_the_ceilings():
    seed(n=800, years=4)
    for year in BudgetYear.objects.all():
        decisions = Decision.objects.filter(
            application__budget_year=year, outcome=Outcome.GRANTED
        )
        total = decisions.aggregate(s=Sum("granted_amount"))["s"] or Decimal(0)
        assert 0 < total <= year.ceiling
        operating = decisions.filter(
            application__kind=ApplicationKind.OPERATING_GRANT
        ).aggregate(s=Sum("granted_amount"))["s"]
        if operating:
            assert operating <= year.operating_grant_ceiling
        if year.initial_ceiling != year.ceiling:
            assert year.amendments.get().new_ceiling == year.ceiling


def test_decisions_are_made_by_a_decision_maker_other_than_the_presenter():
    seed()
    user_model = get_user_model()
    makers = set(
        user_model.objects.filter(groups__name=Role.DECISION_MAKER).values_list(
            "pk", flat=True
        )
    )
    officers = set(
        user_model.objects.filter(groups__name=Role.CASE_OFFICER).values_list(
            "pk", flat=True
        )
    )
    for presented, decided in Decision.objects.values_list(
        "presented_by", "decided_by"
    ):
        assert presented in officers
        assert decided in makers
        assert presented != decided
    proposals = Proposal.objects.select_related("application__decision")
    for proposal in proposals.filter(application__decision__isnull=False):
        assert proposal.prepared_by_id == proposal.application.decision.presented_by_id


def test_status_agrees_with_decision_payments_and_follow_up():
    seed(n=600)
    for app in Application.objects.select_related("decision", "follow_up"):
        decision = getattr(app, "decision", None)
        if app.status in workflow.AFTER_GRANT:
            assert decision.outcome == Outcome.GRANTED
        if app.status == Status.REJECTED:
            assert decision.outcome == Outcome.REJECTED
        if app.status in workflow.OPEN:
            assert decision is None
            continue
        outcome = decision.outcome if decision else None
        if Status.PAID in workflow.decision_path(app.status, outcome=outcome):
            paid = app.disbursements.aggregate(s=Sum("amount"))["s"]
            assert paid == decision.granted_amount
            awaited = app.status in workflow.AWAITING_FOLLOW_UP
            assert app.follow_up.received_on or awaited
    assert not Disbursement.objects.filter(
        application__decision__outcome=Outcome.REJECTED
    ).exists()
    unanswered = CompletionRequest.objects.filter(answered_on__isnull=True)
    assert unanswered.exists()
    assert FollowUpReport.objects.filter(received_on__isnull=True).exists()


def test_timeline_follows_the_workflow_table_and_ends_in_the_status():
    seed(n=300)
    status_events = Event.objects.filter(kind=Event.Kind.STATUS).order_by(
        "application", "created_at", "pk"
    )
    last = {}
    for event in status_events:
        assert can_transition(event.from_status, event.to_status), event.to_status
        last[event.application_id] = event.to_status
    for pk, status in Application.objects.values_list("pk", "status"):
        assert last.get(pk, Status.RECEIVED) == status


def test_action_plans_and_interventions_add_up_to_the_request():
    seed(n=300)
    plans = ActionPlan.objects.annotate(total=Sum("interventions__cost"))
    for plan in plans.select_related("application"):
        assert plan.total == plan.application.requested_amount
        assert (plan.ends_on - plan.starts_on).days <= 184
        for item in plan.interventions.all():
            assert plan.starts_on <= item.starts_on <= item.ends_on <= plan.ends_on


def test_the_data_holds_no_personal_data_and_no_usable_login():
    seed(n=100)
    users = get_user_model().objects.all()
    assert users.count() >= 10
    for user in users:
        assert user.username.startswith(BENCH_USER_PREFIX)
        assert not user.has_usable_password()
        assert not (user.first_name or user.last_name or user.email)
    for code in IndividualCase.objects.values_list("case_code", flat=True):
        assert re.fullmatch(r"BENCH-IP-[A-Z2-7]{7}", code)
    roles = set(users.values_list("groups__name", flat=True))
    assert {r.value for r in Role} <= roles


def digest() -> str:
    h = hashlib.sha256()
    for model in (Application, Decision, Event, Disbursement, IndividualCase):
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key and not f.is_relation
        ]
        for row in model.objects.order_by("pk").values_list(*fields):
            h.update(repr(row).encode())
    return h.hexdigest()


def test_the_same_seed_gives_the_same_data():
    seed(n=150, seed=11)
    first = digest()
    bench_clear()
    seed(n=150, seed=11)
    assert digest() == first
    bench_clear()
    seed(n=150, seed=12)
    assert digest() != first


def test_clear_removes_bench_rows_and_leaves_other_data_alone():
    real = ApplicationFactory(budget_year=BudgetYearFactory(year=2015))
    seed(n=100)
    bench_clear()
    assert list(Application.objects.all()) == [real]
    assert list(BudgetYear.objects.values_list("year", flat=True)) == [2015]
    assert (
        not get_user_model()
        .objects.filter(username__startswith=BENCH_USER_PREFIX)
        .exists()
    )


def test_command_seeds_and_replaces_with_clear():
    out = StringIO()
    call_command("seed_bench", applications=80, years=2, last_year=2024, stdout=out)
    assert "Seeded" in out.getvalue()
    assert Application.objects.count() == 80
    users = get_user_model().objects.count()
    with pytest.raises(CommandError, match="finns redan"):
        call_command("seed_bench", applications=80, years=2, last_year=2024)
    call_command(
        "seed_bench", applications=50, years=2, last_year=2024, clear=True, stdout=out
    )
    assert Application.objects.count() == 50
    assert BudgetYear.objects.count() == 2
    assert get_user_model().objects.count() == users


def test_command_refuses_a_database_with_other_data_unless_forced():
    ApplicationFactory(budget_year=BudgetYearFactory(year=2015))
    with pytest.raises(CommandError, match="inte kommer från seed_bench"):
        call_command("seed_bench", applications=20, years=2, last_year=2024)
    with pytest.raises(CommandError, match="inte kommer från seed_bench"):
        call_command("seed_bench", applications=0, clear=True)
    assert Application.objects.count() == 1
    call_command(
        "seed_bench",
        applications=20,
        years=2,
        last_year=2024,
        force=True,
        stdout=StringIO(),
    )
    assert (
        Application.objects.filter(
            ~Q(reference_number__startswith=BENCH_PREFIX)
        ).count()
        == 1
    )
    assert Application.objects.count() == 21


def test_command_refuses_to_overwrite_existing_budget_years():
    BudgetYearFactory(year=2024)
    with pytest.raises(CommandError, match="Budgetåren finns redan: 2024"):
        call_command("seed_bench", applications=20, years=2, last_year=2024, force=True)


def foreign_keys() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2"
        )
        return cursor.fetchall()


@pytest.mark.postgres
def test_bulk_load_on_postgresql_restores_every_foreign_key():
    before = foreign_keys()
    seed(n=50, years=2)
    assert foreign_keys() == before
    assert any("applications_event" in table for table, _, _ in before)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(application_id=10**9, kind=Event.Kind.COMMENT)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_clearing_retires_bench_users_that_the_audit_trail_names():
    """Audit entries are immutable, so a bench user that one names as actor is
    deactivated and renamed instead of deleted; a new seed can then run again."""
    from audit.services import AccessAction, access_log_record

    seed(n=20, years=1)
    users = get_user_model().objects
    officer = users.get(username=f"{BENCH_USER_PREFIX}handlaggare-01")
    case = IndividualCase.objects.filter(
        application__reference_number__startswith=BENCH_PREFIX
    ).first()
    access_log_record(user=officer, obj=case, action=AccessAction.VIEW, ip="127.0.0.1")

    bench_clear()

    officer.refresh_from_db()
    assert not officer.is_active
    assert not officer.username.startswith(BENCH_USER_PREFIX)
    assert not officer.groups.exists()
    assert not users.filter(username__startswith=BENCH_USER_PREFIX).exists()
    seed(n=20, years=1)
    assert users.filter(username=f"{BENCH_USER_PREFIX}handlaggare-01").exists()
