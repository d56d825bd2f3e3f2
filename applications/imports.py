"""Import of applications from the exchange file, all rows or none.

`applications_import` checks every row of a dataset (see applications/tabular.py
for reading a file and for the cells), collects every error, and only when there
is none stores the applications with their decisions and utbetalningar in one
transaction, using bulk operations. The management command and the admin both
call it, so both apply the same rules.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import tablib
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import workflow
from applications.models import (
    Application,
    ApplicationKind,
    Decision,
    Disbursement,
    Event,
    Outcome,
    RejectionReason,
)
from applications.tabular import (
    COLUMNS,
    FIRST_DATA_ROW,
    CellError,
    ImportRejected,
    RowError,
    column_name,
    format_amount,
    format_date,
    is_blank,
    parse_amount,
    parse_code,
    parse_date,
    parse_municipality_code,
    parse_text,
    parse_year,
)
from grants.models import BudgetYear, Municipality, Organisation

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

ORGANISATION_KIND = {
    ApplicationKind.AGENCY: Organisation.Kind.AGENCY,
    ApplicationKind.OPERATING_GRANT: Organisation.Kind.NON_PROFIT,
}

# The statuses a row of the file expresses exactly (ApplicationRecord.status):
# received, the status of each decision, and paid. Only these may be changed.
PAID = workflow.ACTIONS["register_disbursement"].target
IMPORTABLE_STATUSES = frozenset(
    {workflow.INITIAL, *workflow.DECISION_STATUS.values(), PAID}
)

# Which decision columns each status needs, and which it must leave empty.
DECISION_COLUMNS = ("beslutsdatum", "beviljat_belopp", "avslagsgrund")
PAYMENT_COLUMNS = ("utbetalt_belopp", "utbetalningsdatum")
REQUIRED_FOR = {
    "": (),
    Outcome.GRANTED: ("beslutsdatum", "beviljat_belopp"),
    Outcome.REJECTED: ("beslutsdatum", "avslagsgrund"),
}
EMPTY_FOR = {
    "": DECISION_COLUMNS + PAYMENT_COLUMNS,
    Outcome.GRANTED: ("avslagsgrund",),
    Outcome.REJECTED: ("beviljat_belopp",) + PAYMENT_COLUMNS,
}

NEW, UPDATE, UNCHANGED = "new", "update", "unchanged"
CHECK, SAVE = "check", "save"
CHUNK = 500  # rows per bulk write and per progress report

Progress = Callable[[str, int, int], None]


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
        paid after a grant."""
        if not self.outcome:
            return workflow.INITIAL
        decided = workflow.DECISION_STATUS[self.outcome]
        if self.paid_amount is not None:
            workflow.check_transition(decided, PAID)
            return PAID
        return decided


@dataclass
class RowPlan:
    """What the import does with one row: a new, an updated or an unchanged ansökan."""

    number: int
    record: ApplicationRecord
    action: str
    application: Application | None = None
    previous: ApplicationRecord | None = None
    changed: tuple[str, ...] = ()


@dataclass
class ImportResult:
    rows: list[RowPlan]
    created_years: list[int]
    created_organisations: list[str]
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


# --- the file as records ------------------------------------------------------------


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


# --- the service ---------------------------------------------------------------------


def applications_import(
    *,
    dataset: tablib.Dataset,
    by=None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row, then store all applications of the file or none."""
    report = progress or _no_progress
    if dry_run:
        planner = _Planner(dataset, lock=False, progress=report)
        return planner.result(dry_run=True)
    try:
        with transaction.atomic():
            planner = _Planner(dataset, lock=True, progress=report)
            planner.write(by=by)
    except (IntegrityError, DataError) as error:
        message = _("The database refused the file (%(error)s).") % {"error": error}
        raise ImportRejected([RowError(None, None, message)]) from error
    return planner.result(dry_run=False)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _data_rows(dataset: tablib.Dataset) -> list[tuple[int, dict]]:
    headers = [column_name(header) for header in dataset.headers or []]
    _check_headers(headers)
    rows = []
    for number, values in enumerate(dataset, start=FIRST_DATA_ROW):
        cells = dict(zip(headers, values, strict=False))
        if not all(is_blank(value) for value in cells.values()):
            rows.append((number, cells))
    return rows


def _check_headers(headers: list[str]) -> None:
    counts = Counter(headers)
    missing = [column for column in COLUMNS if column not in counts]
    unknown = [f"”{header}”" for header in counts if header not in COLUMNS]
    doubled = [header for header in COLUMNS if counts[header] > 1]
    errors = []
    if missing:
        errors.append(
            _("missing columns: %(columns)s") % {"columns": ", ".join(missing)}
        )
    if unknown:
        errors.append(
            _("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)}
        )
    if doubled:
        errors.append(
            _("columns given twice: %(columns)s") % {"columns": ", ".join(doubled)}
        )
    if errors:
        raise ImportRejected([RowError(1, None, message) for message in errors])


class _RowReader:
    """Reads the cells of one row, remembering every error and which columns failed."""

    def __init__(self, number: int, cells: dict):
        self.number = number
        self.cells = cells
        self.errors: list[RowError] = []
        self.failed: set[str] = set()

    def add(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))
        self.failed.add(column)

    def present(self, column: str) -> bool:
        return not is_blank(self.cells[column])

    def ok(self, *columns: str) -> bool:
        return not self.failed.intersection(columns)

    def read(self, column: str, parser, *, required: bool = False, **options):
        if not self.present(column):
            if required:
                self.add(column, _("a value is required"))
            return None
        try:
            return parser(self.cells[column], **options)
        except CellError as error:
            self.add(column, str(error))
            return None


class _Planner:
    """Checks a dataset against the database and plans what to store."""

    def __init__(self, dataset: tablib.Dataset, *, lock: bool, progress: Progress):
        self.progress = progress
        rows = _data_rows(dataset)
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.organisations = {o.name: o for o in Organisation.objects.all()}
        self.folded_organisations = {
            name.casefold(): o for name, o in self.organisations.items()
        }
        self.new_organisations: dict[str, Organisation] = {}
        self.budget_years = {b.year: b for b in BudgetYear.objects.all()}
        self.missing_years: set[int] = set()
        self.existing = _existing_applications(
            {_reference(cells) for _, cells in rows} - {""}, lock=lock
        )
        self.seen: dict[str, int] = {}
        self.errors: list[RowError] = []
        self.plans: list[RowPlan] = []
        for done, (number, cells) in enumerate(rows, start=1):
            self._check_row(number, cells)
            if done % CHUNK == 0 or done == len(rows):
                progress(CHECK, done, len(rows))
        if self.errors:
            raise ImportRejected(self.errors)

    def result(self, *, dry_run: bool) -> ImportResult:
        return ImportResult(
            rows=self.plans,
            created_years=sorted(self.missing_years),
            created_organisations=[o.name for o in self.new_organisations.values()],
            dry_run=dry_run,
        )

    # checking

    def _check_row(self, number: int, cells: dict) -> None:
        reader = _RowReader(number, cells)
        record = self._read_record(reader)
        self.errors.extend(sorted(reader.errors, key=_column_order))
        if record is None:
            return
        plan = self._plan(number, record)
        if plan is not None:
            self.plans.append(plan)
            if record.year not in self.budget_years:
                self.missing_years.add(record.year)

    def _read_record(self, reader: _RowReader) -> ApplicationRecord | None:
        reference = reader.read(
            "diarienummer", parse_text, required=True, max_length=50, formula_safe=True
        )
        self._check_duplicate(reader, reference)
        values = _read_values(reader)
        applicant = self._read_applicant(reader, values["kind"])
        _check_outcome_columns(reader, values["outcome"])
        _check_amounts(reader, values)
        _check_dates(reader, values)
        if reader.errors or applicant is None:
            return None
        organisation_name, municipality_code, applicant_name = applicant
        return ApplicationRecord(
            reference_number=reference,
            organisation_name=organisation_name,
            municipality_code=municipality_code,
            applicant_name=applicant_name,
            rejection_reason=values.pop("rejection_reason") or "",
            **values,
        )

    def _check_duplicate(self, reader: _RowReader, reference: str | None) -> None:
        if reference is None:
            return
        if reference in self.seen:
            reader.add(
                "diarienummer",
                _("%(reference)s is also in row %(row)s")
                % {"reference": reference, "row": self.seen[reference]},
            )
        else:
            self.seen[reference] = reader.number

    def _read_applicant(self, reader: _RowReader, kind: str | None):
        """(organisation name, kommunkod, applicant name), or None when unreadable."""
        if kind is None:
            return None
        if kind == ApplicationKind.INDIVIDUAL:
            return self._read_municipality(reader)
        return self._read_organisation(reader, kind)

    def _read_municipality(self, reader: _RowReader):
        code = reader.read("kommunkod", parse_municipality_code, required=True)
        name = reader.read("sokande", parse_text, max_length=200)
        if code is None:
            return None
        municipality = self.municipalities.get(code)
        if municipality is None:
            reader.add(
                "kommunkod", _("no kommun has the code %(code)s") % {"code": code}
            )
            return None
        if name and _squash(municipality.name) not in _squash(name):
            reader.add(
                "sokande",
                _("“%(name)s” is not kommun %(code)s (%(kommun)s)")
                % {"name": name, "code": code, "kommun": municipality.name},
            )
        return "", code, municipality.name

    def _read_organisation(self, reader: _RowReader, kind: str):
        code = KIND_FILE_CODES[kind]
        if reader.present("kommunkod"):
            reader.add("kommunkod", _("must be empty for %(typ)s") % {"typ": code})
        if not reader.present("sokande"):
            reader.add("sokande", _("is required for %(typ)s") % {"typ": code})
            return None
        name = reader.read("sokande", parse_text, max_length=200, formula_safe=True)
        if name is None:
            return None
        name = self._organisation_name(name, kind)
        return name, "", name

    def _organisation_name(self, name: str, kind: str) -> str:
        """The name as stored; an unknown organisation is to be created."""
        known = self.organisations.get(name) or self.folded_organisations.get(
            name.casefold()
        )
        if known is not None:
            return known.name
        new = self.new_organisations.setdefault(
            name.casefold(), Organisation(name=name, kind=ORGANISATION_KIND[kind])
        )
        return new.name

    def _plan(self, number: int, record: ApplicationRecord) -> RowPlan | None:
        application = self.existing.get(record.reference_number)
        if application is None:
            return RowPlan(number, record, NEW)
        previous = record_from_application(application)
        if previous == record:
            return RowPlan(number, record, UNCHANGED, application, previous)
        refusals = _update_refusals(number, application, previous, record)
        if refusals:
            self.errors.extend(refusals)
            return None
        old, new = record_cells(previous), record_cells(record)
        changed = tuple(column for column in COLUMNS if old[column] != new[column])
        return RowPlan(number, record, UPDATE, application, previous, changed)

    # writing

    def write(self, *, by) -> None:
        for year in sorted(self.missing_years):
            self.budget_years[year] = BudgetYear.objects.create(
                year=year, initial_ceiling=Decimal("0"), ceiling=Decimal("0")
            )
        for organisation in self.new_organisations.values():
            organisation.save()
            self.organisations[organisation.name] = organisation
        total = len(self.plans)
        for start in range(0, total, CHUNK):
            chunk = self.plans[start : start + CHUNK]
            self._write_chunk([p for p in chunk if p.action != UNCHANGED], by=by)
            self.progress(SAVE, min(start + CHUNK, total), total)

    def _write_chunk(self, plans: list[RowPlan], *, by) -> None:
        created, changed, previous_status = [], [], {}
        for plan in plans:
            values = self._application_values(plan.record)
            if plan.application is None:
                plan.application = Application(
                    reference_number=plan.record.reference_number, **values
                )
                created.append(plan.application)
            else:
                previous_status[plan.number] = plan.application.status
                if _assign(plan.application, values):
                    changed.append(plan.application)
        Application.objects.bulk_create(created)
        _save_each(changed, APPLICATION_FIELDS)
        Application.objects.filter(
            pk__in=[plan.application.pk for plan in plans if plan.previous]
        ).update(updated_at=timezone.now())
        _write_decisions(plans)
        _write_disbursements(plans, by=by)
        Event.objects.bulk_create(
            _event(plan, previous_status.get(plan.number), by=by) for plan in plans
        )

    def _application_values(self, record: ApplicationRecord) -> dict:
        return {
            "kind": record.kind,
            "budget_year": self.budget_years[record.year],
            "applicant_municipality": self.municipalities.get(record.municipality_code),
            "applicant_organisation": self.organisations.get(record.organisation_name),
            "received_on": record.received_on,
            "requested_amount": record.requested_amount,
            "status": record.status,
        }


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


def _column_order(error: RowError) -> int:
    return COLUMNS.index(error.column)


def _reference(cells: dict) -> str:
    """The row's diarienummer if it is readable, else "" (its error comes later)."""
    try:
        return parse_text(cells["diarienummer"], max_length=50, formula_safe=True)
    except CellError:
        return ""


def _squash(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _existing_applications(references: set[str], *, lock: bool) -> dict:
    """The applications already stored under the file's diarienummer."""
    found = {}
    ordered = sorted(references)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        queryset = Application.objects.filter(reference_number__in=chunk)
        if lock:
            list(queryset.select_for_update().values_list("pk", flat=True))
        for application in queryset.select_related(
            "budget_year",
            "applicant_organisation",
            "applicant_municipality",
            "decision",
        ).prefetch_related("disbursements"):
            found[application.reference_number] = application
    return found


def _read_values(reader: _RowReader) -> dict:
    return {
        "year": reader.read("budgetar", parse_year, required=True),
        "kind": reader.read("typ", parse_code, required=True, codes=KIND_CODES),
        "received_on": reader.read("inkom", parse_date, required=True),
        "requested_amount": reader.read("sokt_belopp", parse_amount, required=True),
        "outcome": reader.read("status", parse_code, required=True, codes=STATUS_CODES),
        "decided_on": reader.read("beslutsdatum", parse_date),
        "granted_amount": reader.read("beviljat_belopp", parse_amount),
        "rejection_reason": reader.read("avslagsgrund", parse_code, codes=REASON_CODES),
        "paid_amount": reader.read("utbetalt_belopp", parse_amount),
        "paid_on": reader.read("utbetalningsdatum", parse_date),
    }


def _check_outcome_columns(reader: _RowReader, outcome: str | None) -> None:
    """Each status needs some decision columns and leaves others empty."""
    if outcome is None:
        return
    status = STATUS_FILE_CODES[outcome]
    for column in REQUIRED_FOR[outcome]:
        if not reader.present(column):
            reader.add(
                column, _("is required when status is %(status)s") % {"status": status}
            )
    for column in EMPTY_FOR[outcome]:
        if reader.present(column):
            reader.add(
                column,
                _("must be empty when status is %(status)s") % {"status": status},
            )
    for column, other in (PAYMENT_COLUMNS, PAYMENT_COLUMNS[::-1]):
        if reader.present(other) and not reader.present(column) and reader.ok(other):
            reader.add(
                column, _("is required when %(other)s is given") % {"other": other}
            )


def _check_amounts(reader: _RowReader, values: dict) -> None:
    requested = values["requested_amount"]
    granted = values["granted_amount"]
    paid = values["paid_amount"]
    for column, amount in (("beviljat_belopp", granted), ("utbetalt_belopp", paid)):
        if amount is not None and amount == 0:
            reader.add(column, _("must be greater than 0"))
    if granted and requested is not None and granted > requested:
        reader.add(
            "beviljat_belopp",
            _("%(granted)s is more than sokt_belopp %(requested)s")
            % {
                "granted": format_amount(granted),
                "requested": format_amount(requested),
            },
        )
    if paid and granted and paid > granted:
        reader.add(
            "utbetalt_belopp",
            _("%(paid)s is more than beviljat_belopp %(granted)s")
            % {"paid": format_amount(paid), "granted": format_amount(granted)},
        )


def _check_dates(reader: _RowReader, values: dict) -> None:
    received, decided, paid = (
        values["received_on"],
        values["decided_on"],
        values["paid_on"],
    )
    if received and decided and decided < received:
        reader.add(
            "beslutsdatum",
            _("is before inkom (%(date)s)") % {"date": format_date(received)},
        )
    if decided and paid and paid < decided:
        reader.add(
            "utbetalningsdatum",
            _("is before beslutsdatum (%(date)s)") % {"date": format_date(decided)},
        )


def _update_refusals(
    number: int,
    application: Application,
    previous: ApplicationRecord,
    record: ApplicationRecord,
) -> list[RowError]:
    """Why a stored application may not take the row's values, if it may not."""
    locked = _locked_reason(application)
    if locked:
        return [RowError(number, "status", locked)]
    errors = []
    if record.kind != previous.kind:
        errors.append(
            RowError(number, "typ", _("typ of a stored application cannot change"))
        )
    if previous.outcome and record.outcome != previous.outcome:
        message = _("the application is already %(old)s and cannot become %(new)s") % {
            "old": STATUS_FILE_CODES[previous.outcome],
            "new": STATUS_FILE_CODES[record.outcome],
        }
        errors.append(RowError(number, "status", message))
    if previous.paid_amount is not None and record.paid_amount is None:
        message = _("a stored utbetalning cannot be removed by import")
        errors.append(RowError(number, "utbetalt_belopp", message))
    return errors


def _locked_reason(application: Application) -> str:
    """Why an application has moved past what the file can express, if it has."""
    if application.status not in IMPORTABLE_STATUSES:
        return _(
            "the application is “%(status)s” in the system and cannot be changed"
        ) % {"status": application.get_status_display()}
    decision = getattr(application, "decision", None)
    if decision is not None and (decision.decided_by_id or decision.presented_by_id):
        return _("the decision was made in the system and cannot be changed by import")
    if len(application.disbursements.all()) > 1:
        return _("the application has several utbetalningar and cannot be changed")
    return ""


def _write_decisions(plans: Iterable[RowPlan]) -> None:
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
