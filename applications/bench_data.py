"""Invented bulk data for the benchmark: what `manage.py seed_bench` writes.

A deterministic data set (fixed seed) of many budget years, applications from all
290 kommuner and every table that belongs to an application, written with bulk
inserts: PostgreSQL's COPY, or batched INSERTs on other databases.

Every row is marked so that it can be told from real data and removed again:
diarienummer and case codes start with ``BENCH_PREFIX``, budget years and
organisations carry ``BENCH_MARK``, user names start with ``BENCH_USER_PREFIX``.
There are no names of persons and no personnummer; users have no usable password.
"""

import base64
import math
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from zoneinfo import ZoneInfo

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.text import key_fold
from applications import workflow
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Delegation,
    Document,
    Environment,
    Event,
    FollowUpReport,
    IndividualCase,
    Intervention,
    InterventionKind,
    Outcome,
    Proposal,
    RejectionReason,
    StaffProfile,
    Status,
)
from applications.roles import Role
from grants.models import (
    AllocationDecision,
    AllocationShare,
    BudgetAmendment,
    BudgetYear,
    Disbursement,
    Municipality,
    Organisation,
    PoliceRegion,
)

BENCH_PREFIX = "BENCH-"
BENCH_MARK = "seed_bench"
BENCH_USER_PREFIX = "bench-"
DEFAULT_SEED = 20220408
STOCKHOLM = ZoneInfo("Europe/Stockholm")
INSERT_BATCH = 500

KIND_WEIGHTS = {
    ApplicationKind.INDIVIDUAL: 94,
    ApplicationKind.AGENCY: 4,
    ApplicationKind.OPERATING_GRANT: 2,
}

# Where an application ends up, by how old its budget year is: (final status, outcome).
G, R = Outcome.GRANTED, Outcome.REJECTED
FINAL_SETTLED = {
    (Status.CLOSED, G): 85,
    (Status.REPORTED, G): 2,
    (Status.CLOSED, R): 8,
    (Status.REJECTED, R): 1,
    (Status.WITHDRAWN, None): 4,
}
FINAL_PREVIOUS = {
    (Status.CLOSED, G): 25,
    (Status.REPORTED, G): 38,
    (Status.PAID, G): 20,
    (Status.CLOSED, R): 7,
    (Status.REJECTED, R): 3,
    (Status.WITHDRAWN, None): 4,
    (Status.GRANTED, G): 3,
}
FINAL_CURRENT = {
    (Status.RECEIVED, None): 8,
    (Status.IN_REVIEW, None): 12,
    (Status.COMPLETION_REQUESTED, None): 5,
    (Status.PREPARED, None): 7,
    (Status.GRANTED, G): 10,
    (Status.PAID, G): 43,
    (Status.REJECTED, R): 6,
    (Status.CLOSED, R): 2,
    (Status.WITHDRAWN, None): 7,
}

REJECTION_WEIGHTS = {
    RejectionReason.CRITERIA_NOT_MET: 50,
    RejectionReason.INCOMPLETE: 30,
    RejectionReason.COMPLETION_NOT_SUPPLIED: 20,
}
ENVIRONMENT_WEIGHTS = {
    Environment.CRIMINAL: 80,
    Environment.VIOLENT_EXTREMISM: 12,
    Environment.HONOUR: 8,
}
# Cost range in kronor of one insats, by kind.
INTERVENTION_COSTS = {
    InterventionKind.TREATMENT_PROGRAMME: (60_000, 320_000),
    InterventionKind.ADDICTION: (80_000, 400_000),
    InterventionKind.COACHING: (20_000, 160_000),
    InterventionKind.PSYCHOLOGY: (25_000, 180_000),
    InterventionKind.HEALTH: (5_000, 60_000),
    InterventionKind.EMPLOYMENT: (15_000, 120_000),
    InterventionKind.NETWORK: (10_000, 90_000),
    InterventionKind.HOUSING: (40_000, 260_000),
    InterventionKind.OTHER: (5_000, 50_000),
}
# The larger kommuner get more applications (by SCB kommunkod).
BIG_KOMMUNER = {
    "0180": 40,
    "1480": 32,
    "1280": 30,
    "0380": 12,
    "1880": 12,
    "0580": 10,
    "0581": 10,
    "1283": 10,
    "1281": 8,
    "1980": 8,
    "0680": 8,
    "2480": 7,
    "1780": 7,
    "0184": 6,
    "0181": 6,
}

AGENCIES = [
    "Myndigheten för ungdomsinstitutioner",
    "Nationella socialverket",
    "Kriminalvårdens utvecklingsenhet",
]
NON_PROFITS = [
    "Stiftelsen Ny väg",
    "Föreningen Utvägen",
    "Stiftelsen Brobyggarna",
]
PROVIDERS = [
    "Nystart Behandling AB",
    "Vägval Coaching AB",
    "Tryggt Boende i Norr AB",
    "Klarsyn Psykologi AB",
    "Steget Vidare Ekonomisk förening",
    "Arbetsbron AB",
    "Mellanrum Omsorg AB",
    "Ankaret Stödboende AB",
    "Fyrbåken Behandlingshem AB",
    "Kompassen Utbildning AB",
    "Horisont Hälsa AB",
    "Trampolinen Sysselsättning AB",
]

# Days from the previous status to this one; for the återrapportering, days
# after 5 January of the next year.
STEP_DAYS = {
    Status.IN_REVIEW: (1, 10),
    Status.COMPLETION_REQUESTED: (3, 15),
    Status.PREPARED: (5, 30),
    Status.GRANTED: (2, 14),
    Status.REJECTED: (2, 14),
    Status.PAID: (5, 25),
    Status.REPORTED: (0, 45),
    Status.CLOSED: (5, 40),
    Status.WITHDRAWN: (3, 40),
}

COMPLETION_MESSAGES = [
    "Utlåtande från avhopparsamordnaren saknas.",
    "Handlingsplanen saknar kostnader per insats.",
    "Samtycke till informationsutbyte saknas.",
    "Underskrivet formulär med förutsättningar saknas.",
    "Socialtjänstens beslut om stödinsatser saknas.",
]
PURPOSES = {
    ApplicationKind.INDIVIDUAL: "Insatser enligt individuell handlingsplan.",
    ApplicationKind.AGENCY: "Insatser inom det gemensamma regeringsuppdraget.",
    ApplicationKind.OPERATING_GRANT: "Verksamhetsstöd till avhopparverksamhet.",
}
MOTIVATIONS = {
    G: "Ansökan uppfyller kriterierna och handlingsplanen är rimlig.",
    R: "Ansökan uppfyller inte förutsättningarna för bidrag.",
}
COORDINATOR_STATEMENT = (
    "Avhopparsamordnaren tillstyrker ansökan; kontakt med kommunen finns."
)
CONDITIONS = "Återrapportering senast 1 februari {year}."
FOLLOW_UP_RESULTS = "Ekonomisk redovisning och resultatredovisning har lämnats."


@dataclass
class Table:
    """The rows of one table, built in memory before one bulk insert."""

    model: type[models.Model]
    attnames: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    next_id: int = 1

    def add(self, *values) -> int:
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        return pk


@dataclass
class Staff:
    """The invented users the rows refer to, by role."""

    case_officers: list[int]
    decision_makers: list[int]
    coordinators: list[int]
    readers: list[int]
    auditors: list[int]
    admin: int


@dataclass
class Plan:
    """What happens to one application: its kind, its path and its amounts."""

    kind: str
    year: int
    statuses: list[str]
    outcome: str | None
    completion: str  # "", "answered" or "unanswered"
    rejection_reason: str = ""
    decided_by: int | None = None


class BenchDataError(Exception):
    """The database is not one that seed_bench may write to or clear."""


# --- safety ----------------------------------------------------------------


def bench_foreign_rows() -> dict[str, int]:
    """Count the rows of the domain tables that seed_bench did not create."""
    counts = {
        "applications": Application.objects.exclude(
            reference_number__startswith=BENCH_PREFIX
        ).count(),
        "budget years": BudgetYear.objects.exclude(
            appropriation_reference=BENCH_MARK
        ).count(),
        "organisations": Organisation.objects.exclude(notes=BENCH_MARK).count(),
    }
    return {name: n for name, n in counts.items() if n}


def _bench_users():
    return get_user_model().objects.filter(username__startswith=BENCH_USER_PREFIX)


def is_bench_user(user) -> bool:
    """True for an active user that seed_bench created: bench name, no password."""
    return (
        user is not None
        and user.username.startswith(BENCH_USER_PREFIX)
        and not user.has_usable_password()
        and user.is_active
    )


def bench_otp_device(user) -> TOTPDevice:
    """The confirmed authenticator of a seed_bench user, created on first use.

    Its key is random and never shown, so nobody holds its codes; it exists so that
    the benchmark and `bench_session` can mark a bench user's session as verified
    the way django-otp does after a correct code. Refuses every other user.
    """
    if not is_bench_user(user):
        raise BenchDataError("Endast testanvändare från seed_bench.")
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=BENCH_MARK, defaults={"confirmed": True}
    )
    return device


def bench_rows_exist() -> bool:
    return (
        Application.objects.filter(reference_number__startswith=BENCH_PREFIX).exists()
        or BudgetYear.objects.filter(appropriation_reference=BENCH_MARK).exists()
        or _bench_users().exists()
    )


@transaction.atomic
def bench_clear() -> int:
    """Delete every row that seed_bench created and nothing else; return the count.

    The change history (django-auditlog) is off meanwhile: the rows are invented,
    were never logged when created, and would otherwise add one immutable log entry
    per deleted row.
    """
    with disable_auditlog():
        return _bench_delete()


def _bench_delete() -> int:
    bench_apps = Application.objects.filter(reference_number__startswith=BENCH_PREFIX)
    by_application = [
        Event,
        CriterionRecord,
        Intervention,
        ActionPlan,
        IndividualCase,
        CompletionRequest,
        Proposal,
        Decision,
        FollowUpReport,
        Document,
        Disbursement,
    ]
    deleted = 0
    for model in by_application:
        if model is CriterionRecord:
            qs = model.objects.filter(case__application__in=bench_apps)
        elif model is Intervention:
            qs = model.objects.filter(action_plan__application__in=bench_apps)
        else:
            qs = model.objects.filter(application__in=bench_apps)
        deleted += qs.delete()[0]
    deleted += bench_apps.delete()[0]
    deleted += BudgetYear.objects.filter(appropriation_reference=BENCH_MARK).delete()[0]
    deleted += Organisation.objects.filter(notes=BENCH_MARK).delete()[0]
    deleted += _bench_users_delete()
    return deleted


def _bench_users_delete() -> int:
    """Delete the bench users; retire those the audit trail names instead.

    Audit entries are immutable (a PostgreSQL trigger refuses UPDATE), so a user
    that an entry names as actor cannot be deleted (that would null the actor).
    Such a user is deactivated, loses groups, delegations, profile and devices,
    and gets a name outside the bench prefix so a new seed can reuse the names.
    """
    users = _bench_users()
    logged = set(
        LogEntry.objects.filter(actor__in=users).values_list("actor_id", flat=True)
    )
    for user in users.filter(pk__in=logged):
        user.username = f"retired{user.pk}-{user.username}"[:150]
        user.is_active = False
        user.save(update_fields=["username", "is_active"])
        user.groups.clear()
    Delegation.objects.filter(user_id__in=logged).delete()
    StaffProfile.objects.filter(user_id__in=logged).delete()
    TOTPDevice.objects.filter(user_id__in=logged).delete()
    return users.exclude(pk__in=logged).delete()[0]


# --- the generator -----------------------------------------------------------


def _weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


def _split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to the weights that add up to total exactly."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    counts = [math.floor(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: counts[i] - raw[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _round_up(amount: Decimal, step: int) -> Decimal:
    return Decimal(math.ceil(amount / step) * step)


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM).astimezone(UTC)


def _case_code(n: int) -> str:
    """A pseudonymous code: a fixed permutation of the sequence number, in base 32."""
    scrambled = (n * 0x9E3779B1) % (1 << 35)
    token = base64.b32encode(scrambled.to_bytes(5, "big")).decode()[:7]
    return f"{BENCH_PREFIX}IP-{token}"


def _statuses(final: str, outcome: str | None, completion: str) -> list[str]:
    """The statuses an application passes through, from received to final: the
    workflow table's path, through a komplettering when there was one and through
    the review before a withdrawal."""
    if final == Status.WITHDRAWN:
        return workflow.status_path(final, via=[Status.IN_REVIEW])
    return workflow.decision_path(final, outcome=outcome, completion=bool(completion))


class BenchBuilder:
    """Builds every row of the data set in memory, deterministically."""

    def __init__(
        self,
        *,
        applications: int,
        years: list[int],
        seed: int,
        staff: Staff,
        municipalities: list[tuple[int, str]],
    ):
        self.rng = random.Random(seed)
        self.total = applications
        self.years = years
        self.now = date(years[-1], 11, 1)
        self.staff = staff
        self.tables = self._tables()
        self.municipality_ids = [pk for pk, _ in municipalities]
        weights = [
            BIG_KOMMUNER.get(code, 1 + self.rng.random() * 3)
            for _, code in municipalities
        ]
        self.municipality_cum = list(accumulate(weights))
        self.granted_by_year: dict[int, Decimal] = {}
        self.operating_by_year: dict[int, Decimal] = {}
        self.agency_by_year: dict[int, Decimal] = {}
        self.case_seq = 0

    def _tables(self) -> dict[type[models.Model], Table]:
        specs = {
            BudgetYear: "year initial_ceiling ceiling operating_grant_ceiling "
            "appropriation_reference report_deadline",
            BudgetAmendment: "budget_year_id decided_on reference new_ceiling "
            "new_operating_grant_ceiling",
            AllocationDecision: "budget_year_id decided_on reference summary",
            AllocationShare: "decision_id kind amount",
            Organisation: "name kind organisation_number vetted_on notes",
            Application: "reference_number reference_key kind "
            "applicant_municipality_id "
            "applicant_organisation_id budget_year_id received_on requested_amount "
            "purpose status assigned_to_id created_at updated_at",
            IndividualCase: "application_id case_code birth_year environment "
            "protection_need " + " ".join(IndividualCase.CRITERIA) + " "
            "coordinator_statement",
            CriterionRecord: "case_id criterion value note recorded_by_id recorded_at",
            ActionPlan: "application_id starts_on ends_on summary",
            Intervention: "action_plan_id kind provider_id description cost "
            "starts_on ends_on",
            CompletionRequest: "application_id requested_on reply_by message "
            "requested_by_id answered_on answer_note",
            Proposal: "application_id outcome amount rejection_reason motivation "
            "prepared_by_id prepared_at",
            Decision: "application_id outcome requested_amount granted_amount "
            "rejection_reason rejection_details conditions presented_by_id "
            "decided_by_id decided_on created_at",
            FollowUpReport: "application_id due_on received_on spent_amount results "
            "reclaim_amount registered_by_id",
            Event: "application_id kind actor_id created_at from_status to_status text",
            Disbursement: "application_id amount paid_on reference registered_by_id "
            "created_at",
        }
        tables = {}
        for model, names in specs.items():
            last = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            tables[model] = Table(model, ("id", *names.split()), next_id=last + 1)
        return tables

    # -- organisations and years ------------------------------------------

    def build_organisations(self) -> None:
        table = self.tables[Organisation]
        vetted = date(self.years[0], 1, 15)
        self.agencies = [
            table.add(name, Organisation.Kind.AGENCY, "", None, BENCH_MARK)
            for name in AGENCIES
        ]
        self.non_profits = [
            table.add(name, Organisation.Kind.NON_PROFIT, "", vetted, BENCH_MARK)
            for name in NON_PROFITS
        ]
        self.providers = [
            table.add(name, Organisation.Kind.PROVIDER, "", vetted, BENCH_MARK)
            for name in PROVIDERS
        ]

    def build_years(self) -> None:
        table = self.tables[BudgetYear]
        self.year_ids = {}
        for year in self.years:
            # Ceilings are set once the grants are known (finish_years).
            self.year_ids[year] = table.add(
                year, Decimal(0), Decimal(0), None, BENCH_MARK, date(year + 1, 5, 2)
            )
            self.granted_by_year[year] = Decimal(0)
            self.operating_by_year[year] = Decimal(0)
            self.agency_by_year[year] = Decimal(0)

    def finish_years(self) -> None:
        """Set each year's anslag above what was granted, with an ändringsbeslut."""
        table = self.tables[BudgetYear]
        rows = []
        for row in table.rows:
            pk, year = row[0], row[1]
            granted = self.granted_by_year[year]
            margin = Decimal("1.6") if year == self.years[-1] else Decimal("1.08")
            ceiling = max(_round_up(granted * margin, 100_000), Decimal(5_000_000))
            initial = _round_up(ceiling * Decimal("0.4"), 100_000)
            if year % 3:
                initial = ceiling
            operating = self.operating_by_year[year]
            op_ceiling = (
                min(_round_up(operating * Decimal("1.2"), 100_000), ceiling)
                if operating
                else None
            )
            rows.append((pk, year, initial, ceiling, op_ceiling, *row[5:]))
            if initial != ceiling:
                self.tables[BudgetAmendment].add(
                    pk,
                    date(year, 6, 30),
                    f"Ändringsbeslut {year}-06-30",
                    ceiling,
                    op_ceiling,
                )
            self._allocation(pk, year, ceiling, op_ceiling)
        table.rows = rows

    def _allocation(self, pk, year, ceiling, op_ceiling) -> None:
        decision = self.tables[AllocationDecision].add(
            pk, date(year, 4, 8), f"Beslut Noa {year % 100 + 60}/{year}", ""
        )
        shares = self.tables[AllocationShare]
        agency = min(_round_up(self.agency_by_year[year], 100_000), ceiling)
        operating = op_ceiling or Decimal(0)
        individual = max(ceiling - agency - operating, Decimal(0))
        shares.add(decision, ApplicationKind.INDIVIDUAL, individual)
        shares.add(decision, ApplicationKind.AGENCY, agency)
        if op_ceiling:
            shares.add(decision, ApplicationKind.OPERATING_GRANT, op_ceiling)

    # -- applications -------------------------------------------------------

    def build_applications(self) -> None:
        weights = [1.12**i for i in range(len(self.years))]
        for year, count in zip(self.years, _split(self.total, weights), strict=True):
            final_table = self._final_table(year)
            for seq in range(1, count + 1):
                self._application(year, seq, final_table)

    def _final_table(self, year: int) -> dict:
        if year == self.years[-1]:
            return FINAL_CURRENT
        if year == self.years[-1] - 1:
            return FINAL_PREVIOUS
        return FINAL_SETTLED

    def _plan(self, year: int, final_table: dict) -> Plan:
        rng = self.rng
        kind = _weighted(rng, KIND_WEIGHTS)
        final, outcome = _weighted(rng, final_table)
        reason = ""
        if outcome == R:
            reason = (
                _weighted(rng, REJECTION_WEIGHTS)
                if kind == ApplicationKind.INDIVIDUAL
                else RejectionReason.INCOMPLETE
            )
        completion = ""
        if final == Status.COMPLETION_REQUESTED:
            completion = "unanswered"
        elif reason == RejectionReason.COMPLETION_NOT_SUPPLIED:
            completion = "unanswered"
        elif final not in (Status.RECEIVED, Status.WITHDRAWN) and rng.random() < 0.2:
            completion = "answered"
        statuses = _statuses(final, outcome, completion)
        return Plan(kind, year, statuses, outcome, completion, reason)

    def _dates(self, plan: Plan) -> list[date]:
        """One date per status of the path, the first being the received date."""
        rng = self.rng
        gaps = [rng.randint(*STEP_DAYS[status]) for status in plan.statuses[1:]]
        start = date(plan.year, 1, 2)
        if plan.year == self.years[-1]:
            latest = self.now - timedelta(days=sum(gaps) + 1)
        else:
            latest = date(plan.year, 10, 31)
        day = start + timedelta(days=rng.randint(0, max((latest - start).days, 0)))
        dates = [day]
        for status, gap in zip(plan.statuses[1:], gaps, strict=True):
            if status == Status.REPORTED:
                # Återrapportering comes in around 1 February of the next year.
                report_day = date(plan.year + 1, 1, 5) + timedelta(days=gap)
                gap = max((report_day - day).days, 20)
            day += timedelta(days=gap)
            dates.append(day)
        return dates

    def _application(self, year: int, seq: int, final_table: dict) -> None:
        rng = self.rng
        plan = self._plan(year, final_table)
        dates = self._dates(plan)
        officer = rng.choice(self.staff.case_officers)
        assigned = None if plan.statuses[-1] == Status.RECEIVED else officer
        if plan.kind == ApplicationKind.INDIVIDUAL:
            municipality = rng.choices(
                self.municipality_ids, cum_weights=self.municipality_cum
            )[0]
            organisation = None
            requested, interventions = self._interventions(dates[0])
        else:
            municipality = None
            pool = self.agencies if plan.kind == ApplicationKind.AGENCY else None
            organisation = rng.choice(pool or self.non_profits)
            interventions = []
            low, high = (
                (200, 2_000) if plan.kind == ApplicationKind.AGENCY else (500, 5_000)
            )
            requested = Decimal(rng.randint(low, high) * 1_000)
        created = _at(dates[0], 9, rng.randint(0, 59))
        reference = f"{BENCH_PREFIX}A{seq // 1000:03d}.{seq % 1000:03d}/{year}"
        app = self.tables[Application].add(
            reference,
            key_fold(reference),
            plan.kind,
            municipality,
            organisation,
            self.year_ids[year],
            dates[0],
            requested,
            PURPOSES[plan.kind],
            plan.statuses[-1],
            assigned,
            created,
            _at(dates[-1], 15, 0),
        )
        if plan.kind == ApplicationKind.INDIVIDUAL:
            self._individual_case(app, plan, dates, officer)
            self._action_plan(app, interventions)
        self._events(app, plan, dates, officer)
        self._completion(app, plan, dates, officer)
        self._decision(app, plan, dates, officer, requested)

    def _interventions(self, received: date):
        rng = self.rng
        starts = received + timedelta(days=rng.randint(20, 50))
        ends = starts + timedelta(days=rng.randint(90, 183))
        length = (ends - starts).days
        items = []
        total = Decimal(0)
        for _ in range(rng.choices((1, 2, 3, 4), weights=(20, 40, 30, 10))[0]):
            kind = rng.choice(list(INTERVENTION_COSTS))
            low, high = INTERVENTION_COSTS[kind]
            cost = Decimal(rng.randint(low // 100, high // 100) * 100)
            if rng.random() < 0.05:
                cost += Decimal("0.50")
            first = starts + timedelta(days=rng.randint(0, length // 3))
            last = min(ends, first + timedelta(days=rng.randint(30, length)))
            items.append((kind, cost, first, last))
            total += cost
        return total, (starts, ends, items)

    def _action_plan(self, app: int, interventions) -> None:
        starts, ends, items = interventions
        plan = self.tables[ActionPlan].add(app, starts, ends, "")
        table = self.tables[Intervention]
        for kind, cost, first, last in items:
            provider = (
                None if self.rng.random() < 0.1 else self.rng.choice(self.providers)
            )
            table.add(plan, kind, provider, "", cost, first, last)

    def _individual_case(self, app, plan: Plan, dates, officer) -> None:
        rng = self.rng
        self.case_seq += 1
        reviewed = Status.IN_REVIEW in plan.statuses
        recorded = len(IndividualCase.CRITERIA) if reviewed else 0
        if plan.statuses[-1] in (Status.IN_REVIEW, Status.COMPLETION_REQUESTED):
            recorded = rng.randint(0, len(IndividualCase.CRITERIA) - 1)
        values: list[bool | None] = [True] * recorded
        values += [None] * (len(IndividualCase.CRITERIA) - recorded)
        if plan.rejection_reason == RejectionReason.CRITERIA_NOT_MET:
            values[rng.randrange(len(values))] = False
        statement = COORDINATOR_STATEMENT if values[-1] else ""
        case = self.tables[IndividualCase].add(
            app,
            _case_code(self.case_seq),
            plan.year - rng.choice((16, 17, 18, 19, 20, 22, 24, 27, 31, 38)),
            _weighted(rng, ENVIRONMENT_WEIGHTS),
            rng.random() < 0.85,
            *values,
            statement,
        )
        if not recorded:
            return
        at = _at(dates[1], 15, rng.randint(0, 59))
        records = self.tables[CriterionRecord]
        for criterion, value in zip(IndividualCase.CRITERIA, values, strict=True):
            if value is not None:
                records.add(case, criterion, value, "", officer, at)
        self._event(app, Event.Kind.CRITERION, officer, at, "", "")

    def _event(self, app, kind, actor, at, from_status, to_status, text=""):
        self.tables[Event].add(app, kind, actor, at, from_status, to_status, text)

    def _events(self, app, plan: Plan, dates, officer) -> None:
        rng = self.rng
        self._event(app, Event.Kind.CREATED, officer, _at(dates[0], 9, 0), "", "")
        decider = None
        for i, status in enumerate(plan.statuses[1:], start=1):
            actor = officer
            if status in (Status.GRANTED, Status.REJECTED):
                decider = rng.choice(self.staff.decision_makers)
                actor = decider
            at = _at(dates[i], 13, rng.randint(0, 59))
            self._event(app, Event.Kind.STATUS, actor, at, plan.statuses[i - 1], status)
        plan.decided_by = decider

    def _completion(self, app, plan: Plan, dates, officer) -> None:
        if not plan.completion:
            return
        i = plan.statuses.index(Status.COMPLETION_REQUESTED)
        requested_on = dates[i]
        answered = None
        note = ""
        if plan.completion == "answered":
            answered = dates[i + 1]
            note = "Begärda handlingar har kommit in."
        self.tables[CompletionRequest].add(
            app,
            requested_on,
            requested_on + timedelta(days=21),
            self.rng.choice(COMPLETION_MESSAGES),
            officer,
            answered,
            note,
        )
        at = _at(requested_on, 11, 0)
        self._event(app, Event.Kind.COMPLETION, officer, at, "", "")

    def _decision(self, app, plan: Plan, dates, officer, requested) -> None:
        if Status.PREPARED not in plan.statuses:
            return
        rng = self.rng
        i = plan.statuses.index(Status.PREPARED)
        outcome = plan.outcome or (G if rng.random() < 0.9 else R)
        reason = plan.rejection_reason
        if outcome == R and not reason:
            reason = RejectionReason.INCOMPLETE
        amount = requested
        if outcome == G and rng.random() < 0.2:
            amount = max(
                Decimal(1), (requested * Decimal(rng.uniform(0.6, 0.95))).quantize(1)
            )
        self.tables[Proposal].add(
            app,
            outcome,
            amount if outcome == G else None,
            "" if outcome == G else reason,
            MOTIVATIONS[outcome],
            officer,
            _at(dates[i], 14, 0),
        )
        if plan.outcome is None:
            return
        decided_on = dates[i + 1]
        self.tables[Decision].add(
            app,
            outcome,
            requested,
            amount if outcome == G else None,
            "" if outcome == G else reason,
            "" if outcome == G else MOTIVATIONS[R],
            CONDITIONS.format(year=plan.year + 1) if outcome == G else "",
            officer,
            plan.decided_by,
            decided_on,
            _at(decided_on, 13, 30),
        )
        if outcome == G:
            self._granted(app, plan, dates, officer, amount)

    def _granted(self, app, plan: Plan, dates, officer, amount: Decimal) -> None:
        self.granted_by_year[plan.year] += amount
        if plan.kind == ApplicationKind.OPERATING_GRANT:
            self.operating_by_year[plan.year] += amount
        elif plan.kind == ApplicationKind.AGENCY:
            self.agency_by_year[plan.year] += amount
        if Status.PAID not in plan.statuses:
            return
        paid_on = dates[plan.statuses.index(Status.PAID)]
        self._disbursements(app, plan, paid_on, officer, amount)
        due = date(plan.year + 1, 2, 1)
        received = spent = None
        reclaim = Decimal(0)
        if Status.REPORTED in plan.statuses:
            received = dates[plan.statuses.index(Status.REPORTED)]
            spent = amount
            if self.rng.random() < 0.25:
                spent = (amount * Decimal(self.rng.uniform(0.7, 0.99))).quantize(1)
            reclaim = amount - spent
            at = _at(received, 10, 0)
            self._event(app, Event.Kind.FOLLOW_UP, officer, at, "", "")
        self.tables[FollowUpReport].add(
            app,
            due,
            received,
            spent,
            FOLLOW_UP_RESULTS if received else "",
            reclaim,
            officer if received else None,
        )

    def _disbursements(self, app, plan: Plan, paid_on, officer, amount) -> None:
        table = self.tables[Disbursement]
        second_on = paid_on + timedelta(days=self.rng.randint(60, 120))
        split = self.rng.random() < 0.3 and (
            plan.year < self.years[-1] or second_on < self.now
        )
        parts = [(paid_on, amount)]
        if split:
            first = (amount / 2).quantize(Decimal("0.01"))
            parts = [(paid_on, first), (second_on, amount - first)]
        for day, part in parts:
            at = _at(day, 10, 30)
            ref = f"UTB-{day.year}-{table.next_id:07d}"
            table.add(app, part, day, ref, officer, at)
            self._event(app, Event.Kind.DISBURSEMENT, officer, at, "", "")


# --- writing -----------------------------------------------------------------


def _write(table: Table) -> None:
    if not table.rows:
        return
    meta = table.model._meta
    fields = [meta.get_field(name) for name in table.attnames]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in table.rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        # Table and column names come from the models, never from input.
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        for start in range(0, len(table.rows), INSERT_BATCH):
            batch = [
                tuple(
                    f.get_db_prep_save(v, connection)
                    for f, v in zip(fields, row, strict=True)
                )
                for row in table.rows[start : start + INSERT_BATCH]
            ]
            cursor.executemany(sql, batch)


@contextmanager
def _foreign_keys_checked_once(model_list):
    """Drop the foreign keys of the tables, load, then add them back (PostgreSQL).

    Adding a foreign key checks every row in one join, where a kept key checks
    each copied row on its own: the way PostgreSQL's manual advises to populate
    a database. It all happens inside the caller's transaction, so a failure
    leaves the constraints as they were.
    """
    tables = [m._meta.db_table for m in model_list]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Checks that are pending from earlier writes must not block ALTER TABLE.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' "
            "AND conrelid = ANY(%s::regclass[]) ORDER BY conrelid, conname",
            [tables],
        )
        keys = cursor.fetchall()
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}"
            )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _reset_sequences(model_list) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _staff(years: list[int]) -> Staff:
    """Create the invented users in their role groups, without usable passwords."""
    user_model = get_user_model()
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}

    def make(name: str, role: Role | None, **extra) -> int:
        user = user_model(username=f"{BENCH_USER_PREFIX}{name}", **extra)
        user.set_unusable_password()
        user.save()
        if role:
            user.groups.add(groups[role])
        return user.pk

    staff = Staff(
        case_officers=[
            make(f"handlaggare-{i:02d}", Role.CASE_OFFICER) for i in range(1, 9)
        ],
        decision_makers=[
            make(f"beslutsfattare-{i}", Role.DECISION_MAKER) for i in range(1, 4)
        ],
        coordinators=[],
        readers=[make("lasare-1", Role.READER)],
        auditors=[make("granskare-1", Role.AUDITOR)],
        admin=make("admin", None, is_staff=True, is_superuser=True),
    )
    for i, region in enumerate(PoliceRegion.objects.order_by("name"), start=1):
        pk = make(f"samordnare-{i}", Role.COORDINATOR)
        StaffProfile.objects.create(user_id=pk, police_region=region)
        staff.coordinators.append(pk)
    valid_from = date(years[0], 1, 1)
    for pk in staff.decision_makers:
        for kind, limit in (
            (ApplicationKind.INDIVIDUAL, 2_000_000),
            (ApplicationKind.AGENCY, 10_000_000),
            (ApplicationKind.OPERATING_GRANT, 10_000_000),
        ):
            Delegation.objects.create(
                user_id=pk, kind=kind, max_amount=Decimal(limit), valid_from=valid_from
            )
    return staff


@transaction.atomic
def bench_seed(
    *, applications: int, years: int, last_year: int, seed: int = DEFAULT_SEED
) -> dict[str, int]:
    """Create the invented data set in one transaction; return rows per table."""
    if applications < 0 or years < 1:
        raise BenchDataError("Antalet ansökningar och år måste vara positiva.")
    year_list = list(range(last_year - years + 1, last_year + 1))
    taken = BudgetYear.objects.filter(year__in=year_list).values_list("year", flat=True)
    if taken:
        raise BenchDataError(
            "Budgetåren finns redan: " + ", ".join(str(y) for y in sorted(taken))
        )
    municipalities = list(
        Municipality.objects.order_by("code").values_list("pk", "code")
    )
    if not municipalities:
        raise BenchDataError("Kommunerna saknas; kör migrate först.")
    builder = BenchBuilder(
        applications=applications,
        years=year_list,
        seed=seed,
        staff=_staff(year_list),
        municipalities=municipalities,
    )
    builder.build_organisations()
    builder.build_years()
    builder.build_applications()
    builder.finish_years()
    tables = list(builder.tables.values())
    if connection.vendor == "postgresql":
        with _foreign_keys_checked_once([t.model for t in tables]):
            for table in tables:
                _write(table)
        _reset_sequences([t.model for t in tables])
    else:
        for table in tables:
            _write(table)
    return {t.model._meta.label: len(t.rows) for t in builder.tables.values()}


def bench_analyze() -> None:
    """Vacuum and refresh the planner's statistics after a bulk load (PostgreSQL).

    Without the vacuum, the visibility map is empty and every count reads the
    whole table instead of an index: the benchmark would measure the bulk load.
    VACUUM cannot run inside a transaction (as in the tests): there, only ANALYZE.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                cursor.execute("ANALYZE")
            else:
                cursor.execute("VACUUM ANALYZE")
