"""The exchange file of applications: its columns, its cells, reading it from bytes.

One row per ansökan with the columns in COLUMNS. The format is described in
README.md, section "Import format". Reading turns CSV (comma or semicolon, UTF-8
with or without BOM) or XLSX into a tablib Dataset; the cell parsers turn one cell
into a Python value or say in Swedish what is wrong with it.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.text import clean_key_text
from grants.inputs import (
    CENT,
    MAX_AMOUNT,
    amount_from_text,
    date_in_range,
    date_range_params,
)

COLUMNS = (
    "diarienummer",
    "budgetar",
    "typ",
    "sokande",
    "kommunkod",
    "inkom",
    "sokt_belopp",
    "status",
    "beslutsdatum",
    "beviljat_belopp",
    "avslagsgrund",
    "utbetalt_belopp",
    "utbetalningsdatum",
)

# The first row of a file is its header; data rows are numbered as in a spreadsheet.
FIRST_DATA_ROW = 2

ZIP_MAGIC = b"PK\x03\x04"
MAX_SHOWN = 40  # characters of a bad value quoted back in a message

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_YEAR = re.compile(r"^\d{4}$", re.ASCII)
_MUNICIPALITY_CODE = re.compile(r"^\d{3,4}$", re.ASCII)


@dataclass(frozen=True)
class RowError:
    """One thing wrong with a file: its row (None for the whole file) and column."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "message": self.message}
        if self.row is not None and self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % values
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % values
        return self.message


class ImportRejected(ValidationError):
    """The file was refused; nothing from it was stored. Holds every error found."""

    def __init__(self, errors: list[RowError]):
        self.row_errors = list(errors)
        super().__init__([str(error) for error in self.row_errors])


class CellError(ValueError):
    """One cell cannot be read; the message says why, in Swedish."""


# --- reading a file --------------------------------------------------------------


def dataset_read(content: bytes) -> tablib.Dataset:
    """Read CSV or XLSX bytes into a dataset whose headers are the first row."""
    if content.startswith(ZIP_MAGIC):
        rows = _xlsx_rows(content)
        strict_width = False
    else:
        rows = _csv_rows(content)
        strict_width = True
    return _dataset(rows, strict_width=strict_width)


def _file_error(message: str) -> ImportRejected:
    return ImportRejected([RowError(None, None, message)])


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _file_error(
            _("The file is neither UTF-8 text (CSV) nor XLSX.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return list(reader)
    except csv.Error as error:
        message = _("The CSV file cannot be read at row %(row)s: %(error)s") % {
            "row": reader.line_num,
            "error": error,
        }
        raise _file_error(message) from error


def _xlsx_rows(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return [list(row) for row in workbook.active.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _file_error(_("The XLSX file cannot be read.")) from error


def _dataset(rows: list[list[object]], *, strict_width: bool) -> tablib.Dataset:
    if not rows or all(is_blank(cell) for cell in rows[0]):
        raise _file_error(_("The file is empty: the header row is missing."))
    header = [column_name(cell) for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    dataset = tablib.Dataset(headers=header)
    problems = []
    for number, row in enumerate(rows[1:], start=FIRST_DATA_ROW):
        cells = list(row)
        while len(cells) > width and is_blank(cells[-1]):
            cells.pop()
        blank = all(is_blank(cell) for cell in cells)
        if len(cells) > width or (strict_width and len(cells) < width and not blank):
            problems.append(RowError(number, None, _width_message(len(cells), width)))
            continue
        dataset.append(cells + [""] * (width - len(cells)))
    if problems:
        raise ImportRejected(problems)
    return dataset


def _width_message(count: int, width: int) -> str:
    return _("the row has %(count)s values but the header has %(width)s columns") % {
        "count": count,
        "width": width,
    }


# --- cells ------------------------------------------------------------------------


def column_name(value: object) -> str:
    """A header cell as a column name: any case, with or without å, ä, ö."""
    return fold(cell_text(value).lstrip("\ufeff").strip())


def is_blank(value: object) -> bool:
    return cell_text(value) == ""


def cell_text(value: object) -> str:
    """The cell as trimmed text, whatever type the file gave it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def shown(value: object) -> str:
    """A bad value as it may be quoted back in a message: short and on one line."""
    text = " ".join(cell_text(value).split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def parse_text(value: object, *, max_length: int, key: bool = False) -> str:
    """Text without control characters, at most max_length characters. A key or
    a name (key=True) follows the rule of accounts.text.clean_key_text."""
    if key:
        try:
            text = clean_key_text(cell_text(value))
        except ValidationError as error:
            raise CellError(error.messages[0]) from None
    else:
        text = " ".join(cell_text(value).split())
        if any(unicodedata.category(char) in ("Cc", "Cs") for char in text):
            raise CellError(_("contains control characters"))
    if len(text) > max_length:
        raise CellError(_("is longer than %(max)s characters") % {"max": max_length})
    return text


def parse_code(value: object, codes: dict[str, str]) -> str:
    """One of the codes, in any case and with or without å, ä, ö."""
    key = fold(cell_text(value)) if isinstance(value, str) else None
    if key not in codes:
        raise CellError(
            _("“%(value)s” is not one of: %(codes)s")
            % {"value": shown(value), "codes": ", ".join(codes)}
        )
    return codes[key]


def fold(text: str) -> str:
    """Lower case without diacritics: "Sökt_Belopp" → "sokt_belopp"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def parse_date(value: object) -> date:
    """A date written YYYY-MM-DD, or a date cell of a spreadsheet, in 1900–2100."""
    day = _date_from_cell(value)
    if not date_in_range(day):
        raise CellError(
            _("“%(value)s” is not between %(min)s and %(max)s")
            % {"value": shown(value), **date_range_params()}
        )
    return day


def _date_from_cell(value: object) -> date:
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date()
    elif isinstance(value, date):
        return value
    elif isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise CellError(
                _("“%(value)s” is not a valid date") % {"value": shown(value)}
            ) from None
    raise CellError(
        _("“%(value)s” is not a date written YYYY-MM-DD") % {"value": shown(value)}
    )


def parse_year(value: object) -> int:
    """A budget year between 2000 and 2100."""
    text = cell_text(value) if isinstance(value, str | int | float) else ""
    if isinstance(value, bool) or not _YEAR.match(text):
        raise CellError(_("“%(value)s” is not a year") % {"value": shown(value)})
    year = int(text)
    if not 2000 <= year <= 2100:
        raise CellError(_("the year must be between 2000 and 2100"))
    return year


def parse_municipality_code(value: object) -> str:
    """A four-digit SCB kommunkod; a leading zero lost by a spreadsheet is restored."""
    text = cell_text(value) if isinstance(value, str | int | float) else ""
    if isinstance(value, bool) or not _MUNICIPALITY_CODE.match(text):
        raise CellError(
            _("“%(value)s” is not a four-digit kommunkod") % {"value": shown(value)}
        )
    return text.zfill(4)


def parse_amount(value: object) -> Decimal:
    """Kronor, with spaces as thousands separators and a decimal comma allowed."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _not_an_amount(value)
    if isinstance(value, str):
        amount = _amount_from_text(value.strip())
    else:
        amount = _amount_from_number(value)
    if amount < 0:
        raise CellError(_("must not be negative"))
    if amount > MAX_AMOUNT:
        raise CellError(_("is too large"))
    if amount != amount.quantize(CENT):
        raise CellError(_("has more than two decimals"))
    return amount.quantize(CENT)


def _amount_from_text(text: str) -> Decimal:
    try:
        return amount_from_text(text)
    except ValueError:
        raise _not_an_amount(text) from None


def _amount_from_number(number: int | float | Decimal) -> Decimal:
    try:
        amount = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    except InvalidOperation:
        raise _not_an_amount(number) from None
    if not amount.is_finite():
        raise _not_an_amount(number)
    return amount


def _not_an_amount(value: object) -> CellError:
    return CellError(
        _("“%(value)s” is not an amount (e.g. 58 053 534 or 1 234,50)")
        % {"value": shown(value)}
    )


def format_amount(amount: Decimal | None) -> str:
    """Kronor as the export writes them: 58053534, or 1234,50 with öre."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount.quantize(CENT)}".replace(".", ",")


def format_date(value: date | None) -> str:
    return value.isoformat() if value else ""
