"""Build every row of the benchmark data set in memory, deterministically."""

import random
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from django.db import models

from accounts.text import key_fold
from applications import workflow
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Disbursement,
    Event,
    FollowUpReport,
    IndividualCase,
    Intervention,
    Proposal,
    RejectionReason,
    Status,
)
from bench.data.cases import CaseRows
from bench.data.facts import (
    AGENCIES,
    BIG_KOMMUNER,
    FINAL_CURRENT,
    FINAL_PREVIOUS,
    FINAL_SETTLED,
    KIND_WEIGHTS,
    NON_PROFITS,
    PROVIDERS,
    PURPOSES,
    REJECTION_WEIGHTS,
    STEP_DAYS,
    R,
)
from bench.data.marks import BENCH_MARK, BENCH_PREFIX
from bench.data.rows import (
    Plan,
    Staff,
    Table,
    at_time,
    round_up,
    split,
    statuses_of,
    weighted,
)
from grants.models import (
    AllocationDecision,
    AllocationShare,
    BudgetAmendment,
    BudgetYear,
    Organisation,
)


class BenchBuilder(CaseRows):
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
            "requested_by_id answered_on answer_note lapsed_on lapsed_by_id",
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
            ceiling = max(round_up(granted * margin, 100_000), Decimal(5_000_000))
            initial = round_up(ceiling * Decimal("0.4"), 100_000)
            if year % 3:
                initial = ceiling
            operating = self.operating_by_year[year]
            op_ceiling = (
                min(round_up(operating * Decimal("1.2"), 100_000), ceiling)
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
        agency = min(round_up(self.agency_by_year[year], 100_000), ceiling)
        operating = op_ceiling or Decimal(0)
        individual = max(ceiling - agency - operating, Decimal(0))
        shares.add(decision, ApplicationKind.INDIVIDUAL, individual)
        shares.add(decision, ApplicationKind.AGENCY, agency)
        if op_ceiling:
            shares.add(decision, ApplicationKind.OPERATING_GRANT, op_ceiling)

    # -- applications -------------------------------------------------------

    def build_applications(self) -> None:
        weights = [1.12**i for i in range(len(self.years))]
        for year, count in zip(self.years, split(self.total, weights), strict=True):
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
        kind = weighted(rng, KIND_WEIGHTS)
        final, outcome = weighted(rng, final_table)
        reason = ""
        if outcome == R:
            reason = (
                weighted(rng, REJECTION_WEIGHTS)
                if kind == ApplicationKind.INDIVIDUAL
                else RejectionReason.INCOMPLETE
            )
        completion = ""
        if final == Status.COMPLETION_REQUESTED:
            completion = "unanswered"
        elif reason == RejectionReason.COMPLETION_NOT_SUPPLIED:
            completion = "unanswered"
        elif self._past_registration(final) and rng.random() < 0.2:
            completion = "answered"
        statuses = statuses_of(final, outcome, completion)
        return Plan(kind, year, statuses, outcome, completion, reason)

    @staticmethod
    def _past_registration(final: str) -> bool:
        """True when a komplettering may have been answered on the way to `final`:
        the case left its first status and was not withdrawn (ended without a
        decision), whose path runs straight through the review."""
        withdrawn = workflow.ENDED - workflow.DECIDED
        return final != workflow.INITIAL and final not in withdrawn

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
        assigned = None if plan.statuses[-1] == workflow.INITIAL else officer
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
        created = at_time(dates[0], 9, rng.randint(0, 59))
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
            at_time(dates[-1], 15, 0),
        )
        if plan.kind == ApplicationKind.INDIVIDUAL:
            self._individual_case(app, plan, dates, officer)
            self._action_plan(app, interventions)
        self._events(app, plan, dates, officer)
        self._completion(app, plan, dates, officer)
        self._decision(app, plan, dates, officer, requested)
