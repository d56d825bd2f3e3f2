"""The demo applications, planned as plain specifications before anything is stored.

A seeded random generator makes every run plan the same data. The past budget
years reproduce the published figures (demo/facts.py); the current year holds
open work in every status the handläggare works on. What each case has been
through follows its path through the statuses, walked on the workflow table.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from applications import workflow
from applications.models import (
    ApplicationKind,
    Environment,
    IndividualCase,
    Outcome,
    RejectionReason,
    Status,
)
from demo.facts import (
    CURRENT_YEAR,
    CURRENT_YEAR_KOMMUNER,
    HISTORY,
    INTERVENTION_KINDS,
    ORGANISATION_GRANTS,
    PAST_STATUS,
    PROVIDERS,
    PURPOSES,
    REJECTED_ONLY_KOMMUNER,
    RESULTS,
    SEED,
    YearFacts,
)


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
            status=workflow.INITIAL,
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
        settled = year < HISTORY[-1].year
        spec.status = PAST_STATUS[decision.outcome, settled]
        path = workflow.decision_path(
            spec.status, outcome=decision.outcome, completion=bool(spec.completion)
        )
        if Status.PAID in path:
            spec.plan_start = decided + timedelta(days=7)
            spec.paid_on = min(
                decided + timedelta(days=self.rng.randint(5, 12)), date(year, 12, 28)
            )
            spec.follow_up = (date(year + 1, 2, 1), None, None, "")
        if Status.REPORTED in path:
            due = spec.follow_up[0]
            spent = decision.granted
            if self.rng.random() < 0.2:
                spent -= Decimal(self.rng.randrange(10_000, 60_000, 1000))
            spec.follow_up = (
                due,
                due - timedelta(days=3),
                spent,
                self.rng.choice(RESULTS),
            )

    def build_organisation_grants(self) -> None:
        for year, name, kind, amount, purpose in ORGANISATION_GRANTS:
            received = self.date_between(date(year, 8, 1), date(year, 9, 30))
            spec = AppSpec(
                reference_number=self.reference(year),
                kind=kind,
                budget_year=year,
                received_on=received,
                requested=amount,
                status=workflow.INITIAL,
                purpose=purpose,
                assigned_to=self.officer(),
                organisation=name,
            )
            self.specs.append(spec)
            self.decide(spec, DecisionSpec(Outcome.GRANTED, received, amount))

    # -- the current year ----------------------------------------------------
    def build_current_year(self, year: int) -> None:
        plan = [
            (status, j, days_ago)
            for status, days in CURRENT_YEAR.items()
            for j, days_ago in enumerate(days)
        ]
        for i, (status, j, days_ago) in enumerate(plan):
            path = workflow.status_path(status)
            kommun = CURRENT_YEAR_KOMMUNER[i % len(CURRENT_YEAR_KOMMUNER)]
            amount = Decimal(self.rng.randrange(150_000, 900_000, 500))
            received = self.today - timedelta(days=days_ago)
            spec = AppSpec(
                reference_number=self.reference(year),
                kind=ApplicationKind.INDIVIDUAL,
                budget_year=year,
                received_on=received,
                requested=amount,
                status=status,
                purpose=self.rng.choice(PURPOSES),
                # Nobody has taken up a case that is still as it came in.
                assigned_to="" if status == workflow.INITIAL else self.officer(),
                municipality=kommun,
                case=self.case(
                    year, f"IND-{year}-{i + 1:04d}", all_met=Status.GRANTED in path
                ),
            )
            self.plan(spec, received + timedelta(days=40))
            self.current_stage(
                spec, path, first=j == 0, last=j == len(CURRENT_YEAR[status]) - 1
            )
            self.specs.append(spec)

    def current_stage(
        self, spec: AppSpec, path: list[str], *, first: bool, last: bool
    ) -> None:
        """What a current case has been through on its path to its status."""
        today = self.today
        decided = spec.received_on + timedelta(days=30)
        if Status.COMPLETION_REQUESTED in path:
            asked = spec.received_on + timedelta(days=4)
            # The first one is overdue: its reply-by date has passed.
            reply_by = today - timedelta(days=3) if first else today + timedelta(14)
            spec.completion = (asked, max(reply_by, asked), None)
        if spec.status in workflow.AWAITING_DECISION:
            # Proposed today; the last one is proposed for rejection.
            if last:
                reason = RejectionReason.CRITERIA_NOT_MET
                spec.proposal = DecisionSpec(Outcome.REJECTED, today, None, reason)
            else:
                spec.case.criteria = dict.fromkeys(IndividualCase.CRITERIA, True)
                spec.proposal = DecisionSpec(Outcome.GRANTED, today, spec.requested)
        if Status.GRANTED in path:
            spec.proposal = DecisionSpec(Outcome.GRANTED, decided, spec.requested)
            spec.decision = DecisionSpec(Outcome.GRANTED, decided, spec.requested)
            spec.plan_start = decided + timedelta(days=7)
            spec.plan_days = 150
            due = spec.plan_start + timedelta(days=spec.plan_days + 30)
            spec.follow_up = (due, None, None, "")
        if workflow.PAYMENT_STATUSES & set(path):
            spec.paid_on = decided + timedelta(days=7)

    def build(self, *, current_year: int | None) -> list[AppSpec]:
        for facts in HISTORY:
            self.build_history(facts)
        self.build_organisation_grants()
        if current_year is not None:
            self.build_current_year(current_year)
        return self.specs
