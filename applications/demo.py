"""Invented demo data consistent with the figures published in the 2022 redovisning.

Everything here is made up except the published totals and the references of the
2022 regleringsbrev, ändringsbeslut and fördelningsbeslut. Case codes are
pseudonyms, there are no names or personnummer. The data is built first as plain
specifications from a seeded random generator (so every run builds the same data)
and then stored, skipping every application whose diarienummer already exists.

Published figures reproduced (see docs/reports.md):
- 2022: 124 individärenden decided, 113 granted to 28 kommuner in six län,
  11 rejected, 58 053 534 kr granted and paid to kommuner; SiS 905 000 kr,
  Socialstyrelsen 291 000 kr; anslag 22 500 000 raised to 72 500 000 kr.
- 2020: 12 granted, 5 130 000 kr, 10 kommuner, anslag 7 500 000 kr.
- 2021: 28 granted, 12 000 000 kr.

Invented where the report is silent: 2021's anslag (17 500 000 kr) and number of
kommuner (16), the rejections of 2020 and 2021, the operating grants of 2020 and
2021 (the report says only that such grants were made before 2022), every date,
every single amount and the whole current budget year.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.text import key_fold
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Delegation,
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
from reports.demo import report_texts_seed

SEED = 20220408
DEMO_URL = "http://127.0.0.1:8000/"

# username -> (role, password). Demo only: seed_demo refuses to run without DEBUG.
DEMO_USERS: dict[str, tuple[Role, str]] = {
    "handlaggare": (Role.CASE_OFFICER, "demo-handlaggare-2022"),
    "handlaggare2": (Role.CASE_OFFICER, "demo-handlaggare2-2022"),
    "beslutsfattare": (Role.DECISION_MAKER, "demo-beslutsfattare-2022"),
    "samordnare": (Role.COORDINATOR, "demo-samordnare-2022"),
    "lasare": (Role.READER, "demo-lasare-2022"),
    "granskare": (Role.AUDITOR, "demo-granskare-2022"),
}
ADMIN_USER = ("admin", "demo-admin-2022")
COORDINATOR_REGION = "Region Stockholm"

SIS = "Statens institutionsstyrelse"
SOCIALSTYRELSEN = "Socialstyrelsen"
PROVIDERS = [
    "Exempelbehandling Nord AB",
    "Demo Coaching och Motivation AB",
    "Stiftelsen Exempelvägen",
    "Påhittade Psykologmottagningen AB",
    "Exempelboenden i Sverige AB",
    "Föreningen Nytt Nätverk (demo)",
]
OPERATING_GRANT_ORGS = ["Exempelstiftelsen Nystart", "Demoföreningen Ny riktning"]

# The 28 kommuner granted money in 2022, in the six län named in the report.
KOMMUNER_2022 = [
    *["0180", "0184", "0126", "0127", "0181", "0138", "0114", "0163"],  # Stockholms
    *["0380", "0381"],  # Uppsala
    *["1780", "1784"],  # Värmlands
    *["1880", "1881"],  # Örebro
    *["1280", "1281", "1283", "1290", "1282", "1287", "1284"],  # Skåne
    *["1480", "1481", "1485", "1490", "1488", "1494", "1496"],  # Västra Götalands
]
KOMMUNER_2020 = [
    *["0180", "0127", "0181", "1280", "1283", "1480", "1490", "0380", "1880", "1780"]
]
# Invented: the report does not say how many kommuner were granted money in 2021.
KOMMUNER_2021 = [*KOMMUNER_2020, "0184", "0126", "1281", "1481", "1488", "1881"]
# Kommuner with rejected applications only (outside the six län on purpose).
REJECTED_ONLY_KOMMUNER = ["0580", "0680", "2180", "1380"]
CURRENT_YEAR_KOMMUNER = [
    *["0180", "0127", "0126", "0181", "0184", "0138"],  # Region Stockholm
    *["1280", "1480", "0380", "1880", "2281", "0482"],
]


@dataclass(frozen=True)
class YearFacts:
    year: int
    initial_ceiling: Decimal
    ceiling: Decimal
    operating_grant_ceiling: Decimal | None
    reference: str
    granted_total: Decimal
    kommuner: list[str]
    granted_count: int
    rejections: dict[str, int]
    round_to: int  # granted amounts are multiples of this (1 = whole kronor)


HISTORY = [
    YearFacts(
        year=2020,
        initial_ceiling=Decimal("7500000"),
        ceiling=Decimal("7500000"),
        operating_grant_ceiling=Decimal("2000000"),
        reference="Regleringsbrev för budgetåret 2020 avseende Polismyndigheten",
        granted_total=Decimal("5130000"),
        kommuner=KOMMUNER_2020,
        granted_count=12,
        rejections={RejectionReason.INCOMPLETE: 1, RejectionReason.CRITERIA_NOT_MET: 1},
        round_to=1000,
    ),
    YearFacts(
        year=2021,
        # Invented: the 2022 report does not state the 2021 anslag.
        initial_ceiling=Decimal("17500000"),
        ceiling=Decimal("17500000"),
        operating_grant_ceiling=Decimal("3000000"),
        reference="Regleringsbrev för budgetåret 2021 avseende Polismyndigheten",
        granted_total=Decimal("12000000"),
        kommuner=KOMMUNER_2021,
        granted_count=28,
        rejections={
            RejectionReason.CRITERIA_NOT_MET: 2,
            RejectionReason.COMPLETION_NOT_SUPPLIED: 1,
        },
        round_to=1000,
    ),
    YearFacts(
        year=2022,
        initial_ceiling=Decimal("22500000"),
        ceiling=Decimal("72500000"),
        operating_grant_ceiling=Decimal("10000000"),
        reference="Regleringsbrev för budgetåret 2022 avseende Polismyndigheten",
        granted_total=Decimal("58053534"),
        kommuner=KOMMUNER_2022,
        granted_count=113,
        rejections={
            RejectionReason.CRITERIA_NOT_MET: 5,
            RejectionReason.INCOMPLETE: 4,
            RejectionReason.COMPLETION_NOT_SUPPLIED: 2,
        },
        round_to=1,
    ),
]

# Agency and operating-grant applications: (year, organisation, kind, amount, purpose).
ORGANISATION_GRANTS = [
    (
        2020,
        OPERATING_GRANT_ORGS[0],
        ApplicationKind.OPERATING_GRANT,
        Decimal("1500000"),
        "Verksamhetsstöd för stödsamtal och motiverande arbete med avhoppare.",
    ),
    (
        2021,
        OPERATING_GRANT_ORGS[1],
        ApplicationKind.OPERATING_GRANT,
        Decimal("2000000"),
        "Verksamhetsstöd för mentorsprogram för personer som lämnar "
        "kriminella nätverk.",
    ),
    (
        2022,
        SIS,
        ApplicationKind.AGENCY,
        Decimal("905000"),
        "Utvecklingsarbete med avhopparverksamhet för barn vid ett särskilt "
        "ungdomshem.",
    ),
    (
        2022,
        SOCIALSTYRELSEN,
        ApplicationKind.AGENCY,
        Decimal("291000"),
        "Inköp av tjänst för att kartlägga och synliggöra processen för en avhoppare.",
    ),
]

PURPOSES = [
    "Stöd till en individ som vill lämna en kriminell miljö enligt handlingsplan.",
    "Insatser för att fullfölja ett avhopp: behandling, sysselsättning och boende.",
    "Individuellt anpassade insatser under de första månaderna efter avhoppet.",
]
RESULTS = [
    "Individen har fullföljt behandlingsprogrammet och har sysselsättning.",
    "Insatserna genomfördes enligt plan; individen bor kvar på ny ort.",
    "Delvis genomfört: boendeinsatsen avslutades i förtid, övriga insatser fullföljda.",
]
INTERVENTION_KINDS = [k for k in InterventionKind if k != InterventionKind.OTHER]


@dataclass
class CaseSpec:
    case_code: str
    birth_year: int
    environment: str
    protection_need: bool
    criteria: dict[str, bool | None]


@dataclass
class DecisionSpec:
    outcome: str
    decided_on: date
    granted: Decimal | None = None
    reason: str = ""


@dataclass
class AppSpec:
    reference_number: str
    kind: str
    budget_year: int
    received_on: date
    requested: Decimal
    status: str
    purpose: str
    assigned_to: str
    municipality: str = ""
    organisation: str = ""
    case: CaseSpec | None = None
    plan_start: date | None = None
    plan_days: int = 0
    interventions: list[tuple[str, str, Decimal]] = field(default_factory=list)
    proposal: DecisionSpec | None = None
    decision: DecisionSpec | None = None
    paid_on: date | None = None
    completion: tuple[date, date, date | None] | None = None
    follow_up: tuple[date, date | None, Decimal | None, str] | None = None


class DemoPlanner:
    """Builds every demo application as a spec, deterministically."""

    def __init__(self, *, today: date):
        self.rng = random.Random(SEED)
        self.today = today
        self.specs: list[AppSpec] = []
        self._serial: dict[int, int] = {}

    # -- helpers -------------------------------------------------------------
    def reference(self, year: int) -> str:
        n = self._serial.get(year, 0)
        self._serial[year] = n + 1
        number = 100_000 + n * 1_117
        return f"A{number // 1000:03d}.{number % 1000:03d}/{year}"

    def split(self, total: Decimal, parts: int, *, round_to: int = 1) -> list[Decimal]:
        """Split total into parts of varying size, each a multiple of round_to."""
        weights = [self.rng.uniform(0.45, 1.55) for _ in range(parts)]
        scale = total / round_to / Decimal(str(sum(weights)))
        amounts = [
            (Decimal(str(w)) * scale).quantize(Decimal("1")) * round_to
            for w in weights[:-1]
        ]
        amounts.append(total - sum(amounts))
        return amounts

    def case(self, year: int, code: str, *, all_met: bool) -> CaseSpec:
        age = self.rng.choice([15, 16, 17, *range(18, 26), *range(18, 36)])
        environment = self.rng.choices(
            [Environment.CRIMINAL, Environment.VIOLENT_EXTREMISM, Environment.HONOUR],
            weights=[8, 1, 1],
        )[0]
        if all_met:
            criteria = dict.fromkeys(IndividualCase.CRITERIA, True)
        else:
            criteria = {
                c: self.rng.choice([True, True, None]) for c in IndividualCase.CRITERIA
            }
        return CaseSpec(code, year - age, environment, True, criteria)

    def plan(self, spec: AppSpec, start: date) -> None:
        spec.plan_start = start
        spec.plan_days = self.rng.choice([91, 120, 150, 181])
        kinds = self.rng.sample(INTERVENTION_KINDS, self.rng.randint(2, 4))
        costs = self.split(spec.requested, len(kinds))
        spec.interventions = [
            (kind, self.rng.choice(PROVIDERS), cost)
            for kind, cost in zip(kinds, costs, strict=True)
        ]

    def date_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def officer(self) -> str:
        return self.rng.choice(["handlaggare", "handlaggare2"])

    # -- history -------------------------------------------------------------
    def build_history(self, facts: YearFacts) -> None:
        year = facts.year
        granted = self.split(
            facts.granted_total, facts.granted_count, round_to=facts.round_to
        )
        kommuner = list(facts.kommuner)
        kommuner += [
            self.rng.choice(facts.kommuner)
            for _ in range(facts.granted_count - len(kommuner))
        ]
        for i, (amount, kommun) in enumerate(zip(granted, kommuner, strict=True)):
            spec = self.individual(year, f"IND-{year}-{i + 1:04d}", kommun, amount)
            self.decide(spec, DecisionSpec(Outcome.GRANTED, spec.received_on, amount))
        reasons = [r for r, n in facts.rejections.items() for _ in range(n)]
        for j, reason in enumerate(reasons):
            kommun = self.rng.choice(REJECTED_ONLY_KOMMUNER + facts.kommuner[:4])
            amount = Decimal(self.rng.randrange(200_000, 700_000, 1000))
            code = f"IND-{year}-{facts.granted_count + j + 1:04d}"
            spec = self.individual(year, code, kommun, amount, all_met=False)
            self.decide(
                spec, DecisionSpec(Outcome.REJECTED, spec.received_on, None, reason)
            )

    def individual(
        self, year: int, code: str, kommun: str, granted: Decimal, *, all_met=True
    ) -> AppSpec:
        received = self.date_between(date(year, 1, 15), date(year, 11, 10))
        requested = granted
        if all_met and self.rng.random() < 0.12:
            requested = granted + Decimal(self.rng.randrange(20_000, 120_000, 1000))
        spec = AppSpec(
            reference_number=self.reference(year),
            kind=ApplicationKind.INDIVIDUAL,
            budget_year=year,
            received_on=received,
            requested=requested,
            status=Status.RECEIVED,
            purpose=self.rng.choice(PURPOSES),
            assigned_to=self.officer(),
            municipality=kommun,
            case=self.case(year, code, all_met=all_met),
        )
        self.plan(spec, received + timedelta(days=45))
        self.specs.append(spec)
        return spec

    def decide(self, spec: AppSpec, decision: DecisionSpec) -> None:
        """Decide a past application: decision, payment and follow-up in its year."""
        year = spec.budget_year
        decided = min(
            spec.received_on + timedelta(days=self.rng.randint(18, 40)),
            date(year, 12, 15),
        )
        decision.decided_on = decided
        spec.proposal = DecisionSpec(
            decision.outcome, decided, decision.granted, decision.reason
        )
        spec.decision = decision
        if decision.reason == RejectionReason.COMPLETION_NOT_SUPPLIED:
            asked = spec.received_on + timedelta(days=5)
            spec.completion = (asked, asked + timedelta(days=10), None)
        if decision.outcome == Outcome.REJECTED:
            spec.status = Status.CLOSED if year < 2022 else Status.REJECTED
            return
        spec.plan_start = decided + timedelta(days=7)
        spec.paid_on = min(
            decided + timedelta(days=self.rng.randint(5, 12)), date(year, 12, 28)
        )
        spec.status = Status.PAID
        due = date(year + 1, 2, 1)
        if year < 2022:
            spec.status = Status.REPORTED
            spent = decision.granted
            if self.rng.random() < 0.2:
                spent -= Decimal(self.rng.randrange(10_000, 60_000, 1000))
            spec.follow_up = (
                due,
                due - timedelta(days=3),
                spent,
                self.rng.choice(RESULTS),
            )
        else:
            spec.follow_up = (due, None, None, "")

    def build_organisation_grants(self) -> None:
        for year, name, kind, amount, purpose in ORGANISATION_GRANTS:
            received = self.date_between(date(year, 8, 1), date(year, 9, 30))
            spec = AppSpec(
                reference_number=self.reference(year),
                kind=kind,
                budget_year=year,
                received_on=received,
                requested=amount,
                status=Status.RECEIVED,
                purpose=purpose,
                assigned_to=self.officer(),
                organisation=name,
            )
            self.specs.append(spec)
            self.decide(spec, DecisionSpec(Outcome.GRANTED, received, amount))

    # -- the current year ----------------------------------------------------
    def build_current_year(self, year: int) -> None:
        today = self.today
        plan = (
            [(Status.RECEIVED, d) for d in (1, 2, 4, 6, 9)]
            + [(Status.IN_REVIEW, d) for d in (12, 15, 19, 24)]
            + [(Status.COMPLETION_REQUESTED, d) for d in (20, 26, 33, 41)]
            + [(Status.PREPARED, d) for d in (28, 35, 44, 52)]
            + [(Status.PAID, d) for d in (150, 180, 230, 260)]
        )
        for i, (status, days_ago) in enumerate(plan):
            kommun = CURRENT_YEAR_KOMMUNER[i % len(CURRENT_YEAR_KOMMUNER)]
            amount = Decimal(self.rng.randrange(150_000, 900_000, 500))
            received = today - timedelta(days=days_ago)
            spec = AppSpec(
                reference_number=self.reference(year),
                kind=ApplicationKind.INDIVIDUAL,
                budget_year=year,
                received_on=received,
                requested=amount,
                status=status,
                purpose=self.rng.choice(PURPOSES),
                assigned_to="" if status == Status.RECEIVED else self.officer(),
                municipality=kommun,
                case=self.case(
                    year, f"IND-{year}-{i + 1:04d}", all_met=status == Status.PAID
                ),
            )
            self.plan(spec, received + timedelta(days=40))
            self.current_stage(spec, i)
            self.specs.append(spec)

    def current_stage(self, spec: AppSpec, i: int) -> None:
        today = self.today
        if spec.status == Status.COMPLETION_REQUESTED:
            asked = spec.received_on + timedelta(days=4)
            # The first one is overdue: its reply-by date has passed.
            reply_by = today - timedelta(days=3) if i == 9 else today + timedelta(14)
            spec.completion = (asked, max(reply_by, asked), None)
        elif spec.status == Status.PREPARED:
            if i == 16:
                reason = RejectionReason.CRITERIA_NOT_MET
                spec.proposal = DecisionSpec(Outcome.REJECTED, today, None, reason)
            else:
                spec.case.criteria = dict.fromkeys(IndividualCase.CRITERIA, True)
                spec.proposal = DecisionSpec(Outcome.GRANTED, today, spec.requested)
        elif spec.status == Status.PAID:
            decided = spec.received_on + timedelta(days=30)
            decision = DecisionSpec(Outcome.GRANTED, decided, spec.requested)
            spec.proposal = DecisionSpec(Outcome.GRANTED, decided, spec.requested)
            spec.decision = decision
            spec.paid_on = decided + timedelta(days=7)
            spec.plan_start = decided + timedelta(days=7)
            spec.plan_days = 150
            due = spec.plan_start + timedelta(days=spec.plan_days + 30)
            spec.follow_up = (due, None, None, "")

    def build(self, *, current_year: int | None) -> list[AppSpec]:
        for facts in HISTORY:
            self.build_history(facts)
        self.build_organisation_grants()
        if current_year is not None:
            self.build_current_year(current_year)
        return self.specs


@dataclass
class SeedResult:
    created_applications: int = 0
    skipped_applications: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)


class DemoWriter:
    """Stores the specs; skips applications whose diarienummer already exists."""

    def __init__(self, *, users: dict, budget_years: dict):
        self.users = users
        self.budget_years = budget_years
        self.kommuner = {m.code: m for m in Municipality.objects.all()}
        self.organisations = {o.name: o for o in Organisation.objects.all()}

    def write(self, spec: AppSpec) -> None:
        application = Application.objects.create(
            reference_number=spec.reference_number,
            reference_key=key_fold(spec.reference_number),
            kind=spec.kind,
            applicant_municipality=self.kommuner.get(spec.municipality),
            applicant_organisation=self.organisations.get(spec.organisation),
            budget_year=self.budget_years[spec.budget_year],
            received_on=spec.received_on,
            requested_amount=spec.requested,
            purpose=spec.purpose,
            status=spec.status,
            assigned_to=self.users.get(spec.assigned_to),
        )
        if spec.case:
            self.write_case(application, spec)
        if spec.interventions:
            self.write_plan(application, spec)
        if spec.completion:
            asked, reply_by, answered = spec.completion
            CompletionRequest.objects.create(
                application=application,
                requested_on=asked,
                reply_by=reply_by,
                answered_on=answered,
                message="Samordnarens utlåtande och underskriven samtyckesblankett "
                "saknas.",
                requested_by=self.users[spec.assigned_to or "handlaggare"],
            )
        self.write_decision(application, spec)
        if spec.follow_up:
            due, received, spent, results = spec.follow_up
            FollowUpReport.objects.create(
                application=application,
                due_on=due,
                received_on=received,
                spent_amount=spent,
                results=results,
                reclaim_amount=(spec.decision.granted - spent) if spent else 0,
                registered_by=self.users[spec.assigned_to] if received else None,
            )
        self.write_timeline(application, spec)

    def write_timeline(self, application: Application, spec: AppSpec) -> None:
        """The events a case handled in the system would have left, dated in order."""
        officer = self.users.get(spec.assigned_to) or self.users["handlaggare"]
        decider = self.users["beslutsfattare"]
        S = Status
        steps = [(spec.received_on, Event.Kind.CREATED, officer, "", "", "")]
        if spec.status != S.RECEIVED:
            steps.append(
                (
                    spec.received_on + timedelta(days=2),
                    Event.Kind.STATUS,
                    officer,
                    S.RECEIVED,
                    S.IN_REVIEW,
                    "",
                )
            )
        if spec.completion:
            asked, reply_by, answered = spec.completion
            steps.append(
                (
                    asked,
                    Event.Kind.STATUS,
                    officer,
                    S.IN_REVIEW,
                    S.COMPLETION_REQUESTED,
                    "Komplettering begärd.",
                )
            )
            if answered:
                steps.append(
                    (
                        answered,
                        Event.Kind.STATUS,
                        officer,
                        S.COMPLETION_REQUESTED,
                        S.IN_REVIEW,
                        "Kompletteringen har kommit in.",
                    )
                )
            elif spec.proposal:
                steps.append(
                    (
                        reply_by,
                        Event.Kind.STATUS,
                        officer,
                        S.COMPLETION_REQUESTED,
                        S.IN_REVIEW,
                        "Ingen komplettering kom in i tid.",
                    )
                )
        if spec.proposal:
            steps.append(
                (
                    spec.proposal.decided_on,
                    Event.Kind.STATUS,
                    officer,
                    S.IN_REVIEW,
                    S.PREPARED,
                    "Föredragen för beslut.",
                )
            )
        if spec.decision:
            granted = spec.decision.outcome == Outcome.GRANTED
            steps.append(
                (
                    spec.decision.decided_on,
                    Event.Kind.DECISION,
                    decider,
                    S.PREPARED,
                    S.GRANTED if granted else S.REJECTED,
                    "",
                )
            )
        if spec.paid_on:
            steps.append(
                (spec.paid_on, Event.Kind.DISBURSEMENT, officer, S.GRANTED, S.PAID, "")
            )
        if spec.follow_up and spec.follow_up[1]:
            steps.append(
                (
                    spec.follow_up[1],
                    Event.Kind.FOLLOW_UP,
                    officer,
                    S.PAID,
                    S.REPORTED,
                    "",
                )
            )
        for number, (day, kind, actor, before, after, text) in enumerate(steps):
            event = Event.objects.create(
                application=application,
                kind=kind,
                actor=actor,
                from_status=before,
                to_status=after,
                text=text,
            )
            moment = timezone.make_aware(datetime.combine(day, time(9, number)))
            Event.objects.filter(pk=event.pk).update(created_at=moment)

    def write_case(self, application: Application, spec: AppSpec) -> None:
        case = IndividualCase.objects.create(
            application=application,
            case_code=spec.case.case_code,
            birth_year=spec.case.birth_year,
            environment=spec.case.environment,
            protection_need=spec.case.protection_need,
            coordinator_statement=(
                "Samordnaren bedömer att individen är motiverad och har ett "
                "skyddsbehov."
                if spec.case.criteria["coordinator_statement_received"]
                else ""
            ),
            **spec.case.criteria,
        )
        officer = self.users[spec.assigned_to or "handlaggare"]
        CriterionRecord.objects.bulk_create(
            CriterionRecord(case=case, criterion=name, value=value, recorded_by=officer)
            for name, value in spec.case.criteria.items()
            if value is not None
        )

    def write_plan(self, application: Application, spec: AppSpec) -> None:
        end = spec.plan_start + timedelta(days=spec.plan_days)
        plan = ActionPlan.objects.create(
            application=application,
            starts_on=spec.plan_start,
            ends_on=end,
            summary="Individuell handlingsplan med insatser från externa aktörer.",
        )
        Intervention.objects.bulk_create(
            Intervention(
                action_plan=plan,
                kind=kind,
                provider=self.organisations[provider],
                description=InterventionKind(kind).label,
                cost=cost,
                starts_on=spec.plan_start,
                ends_on=end,
            )
            for kind, provider, cost in spec.interventions
        )

    def write_decision(self, application: Application, spec: AppSpec) -> None:
        officer = self.users[spec.assigned_to or "handlaggare"]
        if spec.proposal:
            p = spec.proposal
            Proposal.objects.create(
                application=application,
                outcome=p.outcome,
                amount=p.granted,
                rejection_reason=p.reason,
                motivation="Föredragning enligt beredningen i brottsoffer- och "
                "personsäkerhetsrådet.",
                prepared_by=officer,
                prepared_at=timezone.make_aware(
                    datetime.combine(p.decided_on, time(9))
                ),
            )
        if spec.decision:
            d = spec.decision
            Decision.objects.create(
                application=application,
                outcome=d.outcome,
                requested_amount=spec.requested,
                granted_amount=d.granted,
                rejection_reason=d.reason,
                presented_by=officer,
                decided_by=self.users["beslutsfattare"],
                decided_on=d.decided_on,
            )
        if spec.paid_on:
            Disbursement.objects.create(
                application=application,
                amount=spec.decision.granted,
                paid_on=spec.paid_on,
                reference=f"UB-{spec.reference_number}",
                registered_by=officer,
            )


def ensure_budget_years(*, current_year: int | None) -> dict[int, BudgetYear]:
    years = {}
    for facts in HISTORY:
        years[facts.year], _ = BudgetYear.objects.get_or_create(
            year=facts.year,
            defaults={
                "initial_ceiling": facts.initial_ceiling,
                "ceiling": facts.ceiling,
                "operating_grant_ceiling": facts.operating_grant_ceiling,
                "appropriation_reference": facts.reference,
                "report_deadline": date(facts.year + 1, 5, 2),
            },
        )
    if current_year is not None:
        years[current_year], _ = BudgetYear.objects.get_or_create(
            year=current_year,
            defaults={
                "initial_ceiling": Decimal("72500000"),
                "ceiling": Decimal("72500000"),
                "operating_grant_ceiling": Decimal("10000000"),
                "appropriation_reference": "Regleringsbrev för budgetåret "
                f"{current_year} avseende Polismyndigheten",
                "report_deadline": date(current_year + 1, 5, 2),
            },
        )
    y2022 = years[2022]
    BudgetAmendment.objects.get_or_create(
        budget_year=y2022,
        decided_on=date(2022, 6, 30),
        defaults={
            "reference": "Ändringsbeslut, regleringsbrev för budgetåret 2022 avseende "
            "Polismyndigheten, JU2022/01535; JU2022/02207 delvis",
            "new_ceiling": Decimal("72500000"),
            "new_operating_grant_ceiling": Decimal("10000000"),
        },
    )
    allocation, created = AllocationDecision.objects.get_or_create(
        budget_year=y2022,
        reference="Beslut Noa 92/2022 (A155.489/2022)",
        defaults={
            "decided_on": date(2022, 4, 8),
            "summary": "Det initiala anslaget fördelas på ansökningar kopplade till "
            "enskild individ som inkommer via en kommun. Inget direkt verksamhetsstöd "
            "beviljas.",
        },
    )
    if created:
        AllocationShare.objects.create(
            decision=allocation,
            kind=ApplicationKind.INDIVIDUAL,
            amount=Decimal("22500000"),
        )
    return years


def ensure_organisations() -> None:
    for name in (SIS, SOCIALSTYRELSEN):
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.AGENCY}
        )
    for name in OPERATING_GRANT_ORGS:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.NON_PROFIT}
        )
    for name in PROVIDERS:
        Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": Organisation.Kind.PROVIDER,
                "vetted_on": date(2020, 1, 15),
            },
        )


def ensure_users(*, current_year: int) -> dict:
    User = get_user_model()
    users = {}
    for username, (role, password) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        users[username] = user
    StaffProfile.objects.get_or_create(
        user=users["samordnare"],
        defaults={"police_region": PoliceRegion.objects.get(name=COORDINATOR_REGION)},
    )
    for kind, limit in [
        (ApplicationKind.INDIVIDUAL, Decimal("1500000")),
        (ApplicationKind.AGENCY, Decimal("2000000")),
        (ApplicationKind.OPERATING_GRANT, Decimal("5000000")),
    ]:
        Delegation.objects.get_or_create(
            user=users["beslutsfattare"],
            kind=kind,
            valid_from=date(2020, 1, 1),
            defaults={"max_amount": limit, "valid_to": date(current_year, 12, 31)},
        )
    username, password = ADMIN_USER
    if not User.objects.filter(username=username).exists():
        User.objects.create_superuser(username=username, password=password, email="")
    return users


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role label, password) for every demo login, admin last."""
    rows = [(u, str(role.label), pw) for u, (role, pw) in DEMO_USERS.items()]
    rows.append((ADMIN_USER[0], "superuser (Django admin)", ADMIN_USER[1]))
    return rows


@transaction.atomic
def demo_seed(*, today: date | None = None) -> SeedResult:
    """Create the demo data; rerunning it changes nothing."""
    today = today or timezone.localdate()
    current_year = today.year if today.year > HISTORY[-1].year else None
    budget_years = ensure_budget_years(current_year=current_year)
    ensure_organisations()
    users = ensure_users(current_year=current_year or HISTORY[-1].year)
    specs = DemoPlanner(today=today).build(current_year=current_year)
    existing = set(
        Application.objects.filter(
            reference_number__in=[s.reference_number for s in specs]
        ).values_list("reference_number", flat=True)
    )
    writer = DemoWriter(users=users, budget_years=budget_years)
    result = SeedResult(users=demo_logins())
    for spec in specs:
        if spec.reference_number in existing:
            result.skipped_applications += 1
            continue
        writer.write(spec)
        result.created_applications += 1
    report_texts_seed()
    return result
