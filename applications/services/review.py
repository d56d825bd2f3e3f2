"""The review of an application: taking the case, the eligibility criteria,
the utlåtande and the handlingsplan."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications import permissions
from applications.action_plans import action_plan_problems
from applications.models import (
    ActionPlan,
    Application,
    CriterionRecord,
    Event,
    IndividualCase,
    Intervention,
)
from applications.services.common import (
    ActionPlanData,
    _ensure_in_review,
    _event,
    _require,
)
from audit.context import audited_by
from audit.services import creation_log_record_bulk


def _action_plan_write(application: Application, data: ActionPlanData) -> ActionPlan:
    # The plan's own period first, on its end date; then its insatser.
    period = action_plan_problems(
        starts_on=data.starts_on, ends_on=data.ends_on, interventions=()
    )
    if period:
        raise ValidationError({"ends_on": period})
    problems = action_plan_problems(
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        interventions=data.interventions,
    )
    if problems:
        raise ValidationError(problems)
    plan, _created = ActionPlan.objects.update_or_create(
        application=application,
        defaults={
            "starts_on": data.starts_on,
            "ends_on": data.ends_on,
            "summary": data.summary,
        },
    )
    plan.interventions.all().delete()
    interventions = Intervention.objects.bulk_create(
        Intervention(
            action_plan=plan,
            kind=item.kind,
            provider=item.provider,
            description=item.description,
            cost=item.cost,
            starts_on=item.starts_on,
            ends_on=item.ends_on,
        )
        for item in data.interventions
    )
    creation_log_record_bulk(objects=interventions)
    return plan


@audited_by("by")
@transaction.atomic
def action_plan_save(
    *, application: Application, by: User, data: ActionPlanData
) -> ActionPlan:
    """Replace the handlingsplan and its insatser."""
    _require(permissions.can_prepare(by, application))
    plan = _action_plan_write(application, data)
    _ensure_in_review(application, by)
    _event(application, Event.Kind.COMMENT, by, _("Action plan updated."))
    return plan


@audited_by("by")
@transaction.atomic
def application_start_review(*, application: Application, by: User) -> Application:
    """Take the application as one's own case and start the review."""
    _require(permissions.can_prepare(by, application))
    application.assigned_to = by
    application.save(update_fields=["assigned_to", "updated_at"])
    _ensure_in_review(application, by)
    return application


@audited_by("by")
@transaction.atomic
def individual_case_record_criterion(
    *,
    case: IndividualCase,
    by: User,
    criterion: str,
    value: bool,
    note: str = "",
) -> CriterionRecord:
    """Record whether one eligibility criterion holds, and who said so."""
    _require(permissions.can_prepare(by, case.application))
    if criterion not in IndividualCase.CRITERIA:
        raise ValidationError(_("Unknown criterion."))
    setattr(case, criterion, value)
    case.save(update_fields=[criterion])
    record = CriterionRecord.objects.create(
        case=case, criterion=criterion, value=value, note=note, recorded_by=by
    )
    label = IndividualCase._meta.get_field(criterion).verbose_name
    _event(
        case.application,
        Event.Kind.CRITERION,
        by,
        f"{label}: {_('yes') if value else _('no')}",
    )
    _ensure_in_review(case.application, by)
    return record


@audited_by("by")
@transaction.atomic
def individual_case_record_criteria(
    *, case: IndividualCase, by: User, values: dict[str, bool], note: str = ""
) -> list[CriterionRecord]:
    """Record several eligibility criteria at once, each with who and when."""
    _require(permissions.can_prepare(by, case.application))
    return [
        individual_case_record_criterion(
            case=case, by=by, criterion=name, value=value, note=note
        )
        for name, value in values.items()
    ]


@audited_by("by")
@transaction.atomic
def individual_case_add_statement(
    *, case: IndividualCase, by: User, statement: str
) -> IndividualCase:
    """Add the avhopparsamordnare's utlåtande and mark it received."""
    _require(permissions.can_add_statement(by, case.application))
    if not statement.strip():
        raise ValidationError({"statement": _("Write the statement.")})
    case.coordinator_statement = statement.strip()
    case.coordinator_statement_received = True
    case.save(update_fields=["coordinator_statement", "coordinator_statement_received"])
    CriterionRecord.objects.create(
        case=case,
        criterion="coordinator_statement_received",
        value=True,
        recorded_by=by,
    )
    _event(case.application, Event.Kind.COMMENT, by, _("Statement added."))
    return case
