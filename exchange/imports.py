"""Import of applications from the exchange file, all rows or none.

`applications_import` checks every row of a dataset (exchange/tabular.py reads a
file and its cells, exchange/rows.py a row, exchange/records.py says what a row
means), collects every error, and only when there is none stores the applications
with their decisions and utbetalningar in one transaction, using bulk operations
(exchange/storing.py). The management command and the admin both call it, so both
apply the same rules. The importing user (`by`) must be allowed to import
(exchange/permissions.py) and is the actor of every audit trail entry the import
writes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import tablib
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.text import key_fold
from applications.models import Application, ApplicationKind
from applications.services import reference_lookalike_message
from audit.context import audited_by
from exchange.permissions import can_import_applications
from exchange.records import (
    IMPORTABLE_STATUSES,
    KIND_FILE_CODES,
    NEW,
    STATUS_FILE_CODES,
    UNCHANGED,
    UPDATE,
    ApplicationRecord,
    RowPlan,
    record_cells,
    record_from_application,
)
from exchange.rows import (
    RowReader,
    check_amounts,
    check_dates,
    check_outcome_columns,
    column_order,
    data_rows,
    read_values,
    row_reference,
)
from exchange.storing import write_chunk
from exchange.tabular import (
    COLUMNS,
    ImportRejected,
    RowError,
    parse_municipality_code,
    parse_text,
)
from grants.models import BudgetYear, Municipality, Organisation

ORGANISATION_KIND = {
    ApplicationKind.AGENCY: Organisation.Kind.AGENCY,
    ApplicationKind.OPERATING_GRANT: Organisation.Kind.NON_PROFIT,
}

CHECK, SAVE = "check", "save"
CHUNK = 500  # rows per bulk write and per progress report

Progress = Callable[[str, int, int], None]


@dataclass
class ImportResult:
    rows: list[RowPlan]
    created_years: list[int]
    created_organisations: list[str]
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


# --- the service ---------------------------------------------------------------------


@audited_by("by")
def applications_import(
    *,
    dataset: tablib.Dataset,
    by: User,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row, then store all applications of the file or none."""
    if not can_import_applications(by):
        raise PermissionDenied(_("You are not allowed to import applications."))
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


class _Planner:
    """Checks a dataset against the database and plans what to store."""

    def __init__(self, dataset: tablib.Dataset, *, lock: bool, progress: Progress):
        self.progress = progress
        rows = data_rows(dataset)
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.organisations = {o.name: o for o in Organisation.objects.all()}
        self.folded_organisations = {
            key_fold(name): o for name, o in self.organisations.items()
        }
        self.new_organisations: dict[str, Organisation] = {}
        self.budget_years = {b.year: b for b in BudgetYear.objects.all()}
        self.missing_years: set[int] = set()
        self.existing = _existing_applications(
            {row_reference(cells) for _, cells in rows} - {""}, lock=lock
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
        reader = RowReader(number, cells)
        record = self._read_record(reader)
        self.errors.extend(sorted(reader.errors, key=column_order))
        if record is None:
            return
        plan = self._plan(number, record)
        if plan is not None:
            self.plans.append(plan)
            if record.year not in self.budget_years:
                self.missing_years.add(record.year)

    def _read_record(self, reader: RowReader) -> ApplicationRecord | None:
        reference = reader.read(
            "diarienummer", parse_text, required=True, max_length=50, key=True
        )
        self._check_duplicate(reader, reference)
        values = read_values(reader)
        applicant = self._read_applicant(reader, values["kind"])
        check_outcome_columns(reader, values["outcome"])
        check_amounts(reader, values)
        check_dates(reader, values)
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

    def _check_duplicate(self, reader: RowReader, reference: str | None) -> None:
        """Refuse a diarienummer given before in the file, or a look-alike of it."""
        if reference is None:
            return
        key = key_fold(reference)
        if key in self.seen:
            reader.add(
                "diarienummer",
                _("%(reference)s is also in row %(row)s")
                % {"reference": reference, "row": self.seen[key]},
            )
        else:
            self.seen[key] = reader.number

    def _read_applicant(self, reader: RowReader, kind: str | None):
        """(organisation name, kommunkod, applicant name), or None when unreadable."""
        if kind is None:
            return None
        if kind == ApplicationKind.INDIVIDUAL:
            return self._read_municipality(reader)
        return self._read_organisation(reader, kind)

    def _read_municipality(self, reader: RowReader):
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

    def _read_organisation(self, reader: RowReader, kind: str):
        code = KIND_FILE_CODES[kind]
        if reader.present("kommunkod"):
            reader.add("kommunkod", _("must be empty for %(typ)s") % {"typ": code})
        if not reader.present("sokande"):
            reader.add("sokande", _("is required for %(typ)s") % {"typ": code})
            return None
        name = reader.read("sokande", parse_text, max_length=200, key=True)
        if name is None:
            return None
        name = self._organisation_name(name, kind)
        return name, "", name

    def _organisation_name(self, name: str, kind: str) -> str:
        """The name as stored; an unknown organisation is to be created."""
        known = self.organisations.get(name) or self.folded_organisations.get(
            key_fold(name)
        )
        if known is not None:
            return known.name
        new = self.new_organisations.setdefault(
            key_fold(name), Organisation(name=name, kind=ORGANISATION_KIND[kind])
        )
        return new.name

    def _plan(self, number: int, record: ApplicationRecord) -> RowPlan | None:
        application = self.existing.get(key_fold(record.reference_number))
        if application is None:
            return RowPlan(number, record, NEW)
        if application.reference_number != record.reference_number:
            message = reference_lookalike_message(
                reference_number=record.reference_number,
                existing=application.reference_number,
            )
            self.errors.append(RowError(number, "diarienummer", message))
            return None
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
            write_chunk(
                [p for p in chunk if p.action != UNCHANGED],
                application_values=self._application_values,
                by=by,
            )
            self.progress(SAVE, min(start + CHUNK, total), total)

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


def _squash(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _existing_applications(references: set[str], *, lock: bool) -> dict:
    """The applications stored under the file's diarienummer or a look-alike,
    by reference_key."""
    found = {}
    ordered = sorted({key_fold(reference) for reference in references})
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        queryset = Application.objects.filter(reference_key__in=chunk)
        if lock:
            list(queryset.select_for_update().values_list("pk", flat=True))
        for application in queryset.select_related(
            "budget_year",
            "applicant_organisation",
            "applicant_municipality",
            "decision",
        ).prefetch_related("disbursements"):
            found[application.reference_key] = application
    return found


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
