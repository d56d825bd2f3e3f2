"""Reading one row of the exchange file: its cells, and the checks across columns.

`data_rows` checks the header and gives the rows that are not blank; a
`RowReader` reads a row's cells with the parsers of exchange/tabular.py and keeps
every error; the checks here need no database (the import's planner does those).
"""

from collections import Counter

import tablib
from django.utils.translation import gettext as _

from applications.models import Outcome
from exchange.records import KIND_CODES, REASON_CODES, STATUS_CODES, STATUS_FILE_CODES
from exchange.tabular import (
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
    parse_text,
    parse_year,
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


def data_rows(dataset: tablib.Dataset) -> list[tuple[int, dict]]:
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


class RowReader:
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


def column_order(error: RowError) -> int:
    return COLUMNS.index(error.column)


def row_reference(cells: dict) -> str:
    """The row's diarienummer if it is readable, else "" (its error comes later)."""
    try:
        return parse_text(cells["diarienummer"], max_length=50, key=True)
    except CellError:
        return ""


def read_values(reader: RowReader) -> dict:
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


def check_outcome_columns(reader: RowReader, outcome: str | None) -> None:
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


def check_amounts(reader: RowReader, values: dict) -> None:
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


def check_dates(reader: RowReader, values: dict) -> None:
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
