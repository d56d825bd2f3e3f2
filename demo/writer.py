"""Store the planned demo applications with everything that belongs to them."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.text import key_fold
from applications.models import (
    ActionPlan,
    Application,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Disbursement,
    FollowUpReport,
    IndividualCase,
    Intervention,
    InterventionKind,
    Proposal,
    Status,
)
from applications.workflow import AWAITING_COMPLETION
from demo.cases import AppSpec
from demo.timeline import timeline_write
from grants.models import Municipality, Organisation


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
            officer = self.users[spec.assigned_to or "handlaggare"]
            # A case that went on without the answer: nothing came by the date.
            lapsed = answered is None and spec.status not in AWAITING_COMPLETION
            CompletionRequest.objects.create(
                application=application,
                requested_on=asked,
                reply_by=reply_by,
                answered_on=answered,
                lapsed_on=reply_by + timedelta(days=1) if lapsed else None,
                lapsed_by=officer if lapsed else None,
                message="Samordnarens utlåtande och underskriven samtyckesblankett "
                "saknas.",
                requested_by=officer,
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
        timeline_write(application, spec, users=self.users)

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
            granted = spec.decision.granted
            Disbursement.objects.create(
                application=application,
                # A case paid in part has had half its grant.
                amount=(granted / 2).quantize(Decimal("1"))
                if spec.status == Status.PARTLY_PAID
                else granted,
                paid_on=spec.paid_on,
                reference=f"UB-{spec.reference_number}",
                registered_by=officer,
            )
