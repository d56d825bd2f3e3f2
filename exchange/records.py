"""The exchange file's row as values, and an application as such a row.

`ApplicationRecord` is one row of the file (README, "Import format") read into
Python values; `record_from_application` is the row the export writes for a
stored application and `record_cells` the cells of a record; `RowPlan` is what
the import does with a row (new, update or unchanged). The codes of the typ,
status and avslagsgrund columns are here too.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from applications import workflow
from applications.models import (
    Application,
    ApplicationKind,
    Decision,
    Outcome,
    RejectionReason,
)
from exchange.tabular import format_amount, format_date

KIND_CODES = {
    "individarende": ApplicationKind.INDIVIDUAL,
    "myndighet": ApplicationKind.AGENCY,
    "verksamhetsstod": ApplicationKind.OPERATING_GRANT,
}
STATUS_CODES = {
    "inkommen": "",
    "beviljad": Outcome.GRANTED,
    "avslagen": Outcome.REJECTED,
}
REASON_CODES = {
    "kriterier_ej_uppfyllda": RejectionReason.CRITERIA_NOT_MET,
    "ofullstandig": RejectionReason.INCOMPLETE,
    "ej_kompletterad": RejectionReason.COMPLETION_NOT_SUPPLIED,
}
KIND_FILE_CODES = {value: code for code, value in KIND_CODES.items()}
STATUS_FILE_CODES = {value: code for code, value in STATUS_CODES.items()}
REASON_FILE_CODES = {value: code for code, value in REASON_CODES.items()}

# The statuses a row of the file expresses exactly (ApplicationRecord.status):
# received, the status of each decision, and (partly) paid. Only these may be
# changed.
IMPORTABLE_STATUSES = frozenset(
    {workflow.INITIAL, *workflow.DECISION_STATUS.values(), *workflow.PAYMENT_STATUSES}
)


@dataclass(frozen=True)
class ApplicationRecord:
    """One row of the file as values: what an application looks like in it."""

    reference_number: str
    year: int
    kind: str
    organisation_name: str
    municipality_code: str
    received_on: date
    requested_amount: Decimal
    outcome: str
    decided_on: date | None
    granted_amount: Decimal | None
    rejection_reason: str
    paid_amount: Decimal | None
    paid_on: date | None
    applicant_name: str = field(default="", compare=False)

    @property
    def status(self) -> str:
        """Where the row's case stands in the workflow: received, decided, or
        (partly) paid after a grant."""
        if not self.outcome:
            return workflow.INITIAL
        decided = workflow.DECISION_STATUS[self.outcome]
        if self.paid_amount is not None:
            paid = workflow.payment_status(
                paid=self.paid_amount, granted=self.granted_amount or Decimal("0")
            )
            workflow.check_transition(decided, paid)
            return paid
        return decided


def exported_outcome(application: Application, decision: Decision | None) -> str:
    """The decision as the file shows it: granted, rejected or none (inkommen)."""
    if decision is None:
        return ""
    if application.status in workflow.DECIDED:
        return decision.outcome
    return ""


def record_from_application(application: Application) -> ApplicationRecord:
    """The row the export writes for an application."""
    decision = getattr(application, "decision", None)
    outcome = exported_outcome(application, decision)
    paid_amount, paid_on = _paid(application)
    organisation = application.applicant_organisation
    municipality = application.applicant_municipality
    return ApplicationRecord(
        reference_number=application.reference_number,
        year=application.budget_year.year,
        kind=application.kind,
        organisation_name=organisation.name if organisation else "",
        municipality_code=municipality.code if municipality else "",
        received_on=application.received_on,
        requested_amount=application.requested_amount,
        outcome=outcome,
        decided_on=decision.decided_on if outcome else None,
        granted_amount=decision.granted_amount if outcome == Outcome.GRANTED else None,
        rejection_reason=decision.rejection_reason
        if outcome == Outcome.REJECTED
        else "",
        paid_amount=paid_amount,
        paid_on=paid_on,
        applicant_name=str(organisation or municipality or ""),
    )


def _paid(application: Application) -> tuple[Decimal | None, date | None]:
    """Sum and latest date of the utbetalningar (annotated, or prefetched)."""
    if hasattr(application, "paid_total"):
        return application.paid_total, application.paid_last
    disbursements = list(application.disbursements.all())
    if not disbursements:
        return None, None
    return (
        sum((d.amount for d in disbursements), Decimal("0")),
        max(d.paid_on for d in disbursements),
    )


def record_cells(record: ApplicationRecord, *, native: bool = False) -> dict:
    """The cells of a record: text, or numbers for amounts in a spreadsheet."""

    def amount(value: Decimal | None):
        if not native:
            return format_amount(value)
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else value

    empty = None if native else ""
    return {
        "diarienummer": record.reference_number,
        "budgetar": record.year if native else str(record.year),
        "typ": KIND_FILE_CODES[record.kind],
        "sokande": record.organisation_name or record.applicant_name,
        "kommunkod": record.municipality_code or empty,
        "inkom": format_date(record.received_on),
        "sokt_belopp": amount(record.requested_amount),
        "status": STATUS_FILE_CODES[record.outcome],
        "beslutsdatum": format_date(record.decided_on) or empty,
        "beviljat_belopp": amount(record.granted_amount),
        "avslagsgrund": REASON_FILE_CODES.get(record.rejection_reason) or empty,
        "utbetalt_belopp": amount(record.paid_amount),
        "utbetalningsdatum": format_date(record.paid_on) or empty,
    }


# What the import does with a row (RowPlan.action).
NEW, UPDATE, UNCHANGED = "new", "update", "unchanged"


@dataclass
class RowPlan:
    """What the import does with one row: a new, an updated or an unchanged ansökan."""

    number: int
    record: ApplicationRecord
    action: str
    application: Application | None = None
    previous: ApplicationRecord | None = None
    changed: tuple[str, ...] = ()
