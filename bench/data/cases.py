"""The rows that belong to one application: the individärende and its criteria,
the handlingsplan, the timeline, the komplettering, the proposal and decision,
the payments and the återrapportering."""

from datetime import date, timedelta
from decimal import Decimal

from applications import workflow
from applications.models import (
    ActionPlan,
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
from bench.data.facts import (
    COMPLETION_MESSAGES,
    CONDITIONS,
    COORDINATOR_STATEMENT,
    ENVIRONMENT_WEIGHTS,
    FOLLOW_UP_RESULTS,
    INTERVENTION_COSTS,
    MOTIVATIONS,
    G,
    R,
)
from bench.data.rows import Plan, at_time, case_code, weighted


class CaseRows:
    """Mixed into BenchBuilder: adds one application's rows to its tables."""

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
        if reviewed and plan.statuses[-1] in workflow.UNDER_REVIEW:
            # Still under review: only part of the criteria is recorded.
            recorded = rng.randint(0, len(IndividualCase.CRITERIA) - 1)
        values: list[bool | None] = [True] * recorded
        values += [None] * (len(IndividualCase.CRITERIA) - recorded)
        if plan.rejection_reason == RejectionReason.CRITERIA_NOT_MET:
            values[rng.randrange(len(values))] = False
        statement = COORDINATOR_STATEMENT if values[-1] else ""
        case = self.tables[IndividualCase].add(
            app,
            case_code(self.case_seq),
            plan.year - rng.choice((16, 17, 18, 19, 20, 22, 24, 27, 31, 38)),
            weighted(rng, ENVIRONMENT_WEIGHTS),
            rng.random() < 0.85,
            *values,
            statement,
        )
        if not recorded:
            return
        at = at_time(dates[1], 15, rng.randint(0, 59))
        records = self.tables[CriterionRecord]
        for criterion, value in zip(IndividualCase.CRITERIA, values, strict=True):
            if value is not None:
                records.add(case, criterion, value, "", officer, at)
        self._event(app, Event.Kind.CRITERION, officer, at, "", "")

    def _event(self, app, kind, actor, at, from_status, to_status, text=""):
        self.tables[Event].add(app, kind, actor, at, from_status, to_status, text)

    def _events(self, app, plan: Plan, dates, officer) -> None:
        rng = self.rng
        self._event(app, Event.Kind.CREATED, officer, at_time(dates[0], 9, 0), "", "")
        decider = None
        for i, status in enumerate(plan.statuses[1:], start=1):
            actor = officer
            if status in workflow.DECISION_STATUS.values():
                decider = rng.choice(self.staff.decision_makers)
                actor = decider
            at = at_time(dates[i], 13, rng.randint(0, 59))
            self._event(app, Event.Kind.STATUS, actor, at, plan.statuses[i - 1], status)
        plan.decided_by = decider

    def _completion(self, app, plan: Plan, dates, officer) -> None:
        if not plan.completion:
            return
        i = plan.statuses.index(Status.COMPLETION_REQUESTED)
        requested_on = dates[i]
        reply_by = requested_on + timedelta(days=21)
        answered = lapsed_on = lapsed_by = None
        note = ""
        if plan.completion == "answered":
            answered = dates[i + 1]
            note = "Begärda handlingar har kommit in."
        elif i + 1 < len(plan.statuses):
            # The case went on without it: nothing came by the reply-by date.
            lapsed_on, lapsed_by = dates[i + 1], officer
            reply_by = max(requested_on, lapsed_on - timedelta(days=1))
        self.tables[CompletionRequest].add(
            app,
            requested_on,
            reply_by,
            self.rng.choice(COMPLETION_MESSAGES),
            officer,
            answered,
            note,
            lapsed_on,
            lapsed_by,
        )
        at = at_time(requested_on, 11, 0)
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
            at_time(dates[i], 14, 0),
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
            at_time(decided_on, 13, 30),
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
            at = at_time(received, 10, 0)
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
            at = at_time(day, 10, 30)
            ref = f"UTB-{day.year}-{table.next_id:07d}"
            table.add(app, part, day, ref, officer, at)
            self._event(app, Event.Kind.DISBURSEMENT, officer, at, "", "")
