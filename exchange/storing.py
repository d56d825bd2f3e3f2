"""Storing the rows an import has planned, with bulk operations.

The import (exchange/imports.py) checks the whole file first and then hands its
plans here, 500 rows at a time, inside its transaction: the applications, their
decisions and utbetalningar, and one timeline event per stored row. Rows created in
bulk get their audit trail entries in bulk too (audit.services), with the importing
user as actor; changed rows are saved one by one and recorded by django-auditlog.
"""

from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.text import key_fold
from applications.models import Application, Decision, Disbursement, Event
from audit.services import creation_log_record_bulk
from exchange.records import ApplicationRecord, RowPlan

APPLICATION_FIELDS = [
    "kind",
    "budget_year",
    "applicant_municipality",
    "applicant_organisation",
    "received_on",
    "requested_amount",
    "status",
]
DECISION_FIELDS = [
    "outcome",
    "requested_amount",
    "granted_amount",
    "rejection_reason",
    "decided_on",
]


def write_chunk(
    plans: list[RowPlan],
    *,
    application_values: Callable[[ApplicationRecord], dict],
    by,
) -> None:
    """Store planned rows: applications, decisions, utbetalningar and events."""
    created, changed, previous_status = [], [], {}
    for plan in plans:
        values = application_values(plan.record)
        if plan.application is None:
            plan.application = Application(
                reference_number=plan.record.reference_number,
                reference_key=key_fold(plan.record.reference_number),
                **values,
            )
            created.append(plan.application)
        else:
            previous_status[plan.number] = plan.application.status
            if _assign(plan.application, values):
                changed.append(plan.application)
    Application.objects.bulk_create(created)
    creation_log_record_bulk(objects=created, by=by)
    _save_each(changed, APPLICATION_FIELDS)
    Application.objects.filter(
        pk__in=[plan.application.pk for plan in plans if plan.previous]
    ).update(updated_at=timezone.now())
    _write_decisions(plans, by=by)
    _write_disbursements(plans, by=by)
    Event.objects.bulk_create(
        _event(plan, previous_status.get(plan.number), by=by) for plan in plans
    )


def _write_decisions(plans: Iterable[RowPlan], *, by) -> None:
    created, changed = [], []
    for plan in plans:
        record = plan.record
        if not record.outcome:
            continue
        values = {
            "outcome": record.outcome,
            "requested_amount": record.requested_amount,
            "granted_amount": record.granted_amount,
            "rejection_reason": record.rejection_reason,
            "decided_on": record.decided_on,
        }
        # Only a stored application can have a decision (fetched with it).
        decision = (
            getattr(plan.application, "decision", None) if plan.previous else None
        )
        if decision is None:
            created.append(Decision(application=plan.application, **values))
        elif _assign(decision, values):
            changed.append(decision)
    Decision.objects.bulk_create(created)
    creation_log_record_bulk(objects=created, by=by)
    _save_each(changed, DECISION_FIELDS)


def _write_disbursements(plans: Iterable[RowPlan], *, by) -> None:
    created, changed = [], []
    for plan in plans:
        record = plan.record
        if record.paid_amount is None:
            continue
        values = {"amount": record.paid_amount, "paid_on": record.paid_on}
        stored = list(plan.application.disbursements.all()) if plan.previous else []
        if not stored:
            created.append(
                Disbursement(application=plan.application, registered_by=by, **values)
            )
        elif _assign(stored[0], values):
            changed.append(stored[0])
    Disbursement.objects.bulk_create(created)
    creation_log_record_bulk(objects=created, by=by)
    _save_each(changed, ["amount", "paid_on"])


def _assign(obj, values: dict) -> bool:
    """Set the values on obj; True when any of them differed."""
    differed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            differed = True
    return differed


def _save_each(objects: list, fields: list[str]) -> None:
    """Save changed rows one by one: far quicker than bulk_update's CASE expressions."""
    for obj in objects:
        obj.save(update_fields=fields)


def _event(plan: RowPlan, previous_status: str | None, *, by) -> Event:
    application = plan.application
    if previous_status is None:
        return Event(
            application=application,
            kind=Event.Kind.CREATED,
            actor=by,
            to_status=application.status,
            text=_("Registered by import."),
        )
    columns = ", ".join(plan.changed)
    return Event(
        application=application,
        kind=Event.Kind.STATUS
        if previous_status != application.status
        else Event.Kind.COMMENT,
        actor=by,
        from_status=previous_status,
        to_status=application.status,
        text=_("Changed by import: %(columns)s.") % {"columns": columns},
    )
