"""Property tests of the import: garbage is refused cleanly, valid rows round-trip."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import tablib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.imports import applications_import
from exchange.tabular import COLUMNS, FIRST_DATA_ROW, ImportRejected, dataset_read
from tests.exchange.importfiles import (
    csv_bytes,
    export_csv,
    importer,
    rolled_back,
    stored,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KOMMUNER = {
    "0114": "Upplands Väsby",
    "0180": "Stockholm",
    "0380": "Uppsala",
    "1280": "Malmö",
    "1480": "Göteborg",
    "1880": "Örebro",
    "2584": "Kiruna",
}
ORGANISATIONS = [
    "Statens institutionsstyrelse",
    "Socialstyrelsen",
    "Fryshuset, Exit",
    'Föreningen "Nya vägar"',
]
# Values that are right in some column, so that garbage also mixes valid cells.
TOKENS = [
    "",
    "A1",
    "2022",
    "individarende",
    "myndighet",
    "verksamhetsstod",
    "inkommen",
    "beviljad",
    "avslagen",
    "ofullstandig",
    "1280",
    "0114",
    "9999",
    "2022-03-01",
    "2022-02-30",
    "1 234,50",
    "58\u00a0053\u00a0534",
    "0",
    "-1",
    "=1+1",
    "Socialstyrelsen",
]

garbage_cell = st.one_of(
    st.sampled_from(TOKENS),
    st.text(max_size=60),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(),
    st.booleans(),
    st.none(),
)
garbage_rows = st.lists(
    st.fixed_dictionaries(dict.fromkeys(COLUMNS, garbage_cell)), min_size=1, max_size=4
)


def assert_clean_refusal_or_success(dataset: tablib.Dataset) -> None:
    """Only ImportRejected may come out, with every error on a data row and column;
    a refused dataset leaves the database as it was."""
    with rolled_back():
        before = stored()
        try:
            applications_import(dataset=dataset, by=importer())
        except ImportRejected as rejected:
            assert rejected.row_errors
            for error in rejected.row_errors:
                assert error.row is not None and error.row >= FIRST_DATA_ROW, error
                assert error.column in COLUMNS, error
                assert str(error).startswith(f"Rad {error.row}, kolumn {error.column}")
            assert stored() == before


@PROPERTY_SETTINGS
@given(rows=garbage_rows)
def test_garbage_cells_are_refused_cleanly_and_store_nothing(rows):
    dataset = tablib.Dataset(headers=list(COLUMNS))
    for values in rows:
        dataset.append([values[column] for column in COLUMNS])
    assert_clean_refusal_or_success(dataset)


csv_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(TOKENS)


@PROPERTY_SETTINGS
@given(
    rows=st.lists(
        st.fixed_dictionaries(dict.fromkeys(COLUMNS, csv_text)), min_size=1, max_size=4
    ),
    delimiter=st.sampled_from([",", ";"]),
    bom=st.booleans(),
)
def test_garbage_in_a_csv_file_is_refused_cleanly(rows, delimiter, bom):
    dataset = dataset_read(csv_bytes(rows, delimiter=delimiter, bom=bom))
    assert_clean_refusal_or_success(dataset)


@PROPERTY_SETTINGS
@given(content=st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_cleanly(content):
    with rolled_back():
        before = stored()
        try:
            applications_import(dataset=dataset_read(content), by=importer())
        except ImportRejected as rejected:
            assert rejected.messages
            assert stored() == before


# --- valid rows round-trip -----------------------------------------------------------

days = st.integers(min_value=0, max_value=400)
money = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2
)


@st.composite
def amounts(draw, *, at_most: Decimal) -> Decimal:
    amount = draw(st.one_of(money, money.map(lambda d: d.to_integral_value())))
    return min(max(amount, Decimal("1")), at_most)


def written(amount: Decimal, style: str) -> str:
    """The amount as a person might type it."""
    whole, _, cents = f"{amount:.2f}".partition(".")
    if style == "plain":
        return whole if cents == "00" else f"{whole},{cents}"
    if style == "point":
        return f"{whole}.{cents}"
    separator = {"space": " ", "nbsp": "\u00a0", "narrow": "\u202f"}[style]
    groups = f"{int(whole):,}".replace(",", separator)
    return groups if cents == "00" else f"{groups},{cents}"


def exported(amount: Decimal | None) -> str:
    """The amount as the export writes it."""
    if amount is None:
        return ""
    whole, _, cents = f"{amount:.2f}".partition(".")
    return whole if cents == "00" else f"{whole},{cents}"


@st.composite
def valid_row(draw, reference: str) -> tuple[dict, list[str]]:
    """A row as typed (any formatting) and the line the export must write for it."""
    style = draw(st.sampled_from(["plain", "point", "space", "nbsp", "narrow"]))
    typ = draw(st.sampled_from(["individarende", "myndighet", "verksamhetsstod"]))
    if typ == "individarende":
        code = draw(st.sampled_from(sorted(KOMMUNER)))
        sokande = draw(st.sampled_from(["", KOMMUNER[code]]))
        applicant = (KOMMUNER[code], code)
    else:
        code, sokande = "", draw(st.sampled_from(ORGANISATIONS))
        applicant = (sokande, "")
    received = draw(st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)))
    requested = draw(amounts(at_most=Decimal("99999999.99")))
    status = draw(st.sampled_from(["inkommen", "beviljad", "avslagen"]))
    decided = received + timedelta(days=draw(days))
    granted = paid = paid_on = None
    reason = ""
    if status == "beviljad":
        granted = draw(amounts(at_most=requested))
        if draw(st.booleans()):
            paid = draw(amounts(at_most=granted))
            paid_on = decided + timedelta(days=draw(days))
    elif status == "avslagen":
        reason = draw(
            st.sampled_from(
                ["kriterier_ej_uppfyllda", "ofullstandig", "ej_kompletterad"]
            )
        )
    year = str(draw(st.integers(min_value=2015, max_value=2030)))
    decision_date = "" if status == "inkommen" else decided.isoformat()
    typed = {
        "diarienummer": reference,
        "budgetar": year,
        "typ": typ,
        "sokande": sokande,
        "kommunkod": code,
        "inkom": received.isoformat(),
        "sokt_belopp": written(requested, style),
        "status": status,
        "beslutsdatum": decision_date,
        "beviljat_belopp": written(granted, style) if granted else "",
        "avslagsgrund": reason,
        "utbetalt_belopp": written(paid, style) if paid else "",
        "utbetalningsdatum": paid_on.isoformat() if paid_on else "",
    }
    line = [
        reference,
        year,
        typ,
        *applicant,
        received.isoformat(),
        exported(requested),
        status,
        decision_date,
        exported(granted),
        reason,
        exported(paid),
        paid_on.isoformat() if paid_on else "",
    ]
    return typed, line


@st.composite
def valid_files(draw):
    references = draw(
        st.lists(
            st.from_regex(r"A[0-9]{3}\.[0-9]{3}/20[0-9]{2}", fullmatch=True),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    return [draw(valid_row(reference)) for reference in references]


def csv_lines(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@PROPERTY_SETTINGS
@given(
    rows=valid_files(),
    file_type=st.sampled_from(["comma", "semicolon+bom", "xlsx"]),
)
def test_valid_rows_round_trip(rows, file_type):
    typed = [values for values, _ in rows]
    if file_type == "xlsx":
        content = xlsx_bytes(typed)
    else:
        content = csv_bytes(
            typed,
            delimiter="," if file_type == "comma" else ";",
            bom="bom" in file_type,
        )

    with rolled_back():
        result = applications_import(dataset=dataset_read(content), by=importer())
        assert result.count("new") == len(rows)
        first = export_csv()
    header, *lines = csv_lines(first)
    assert header == list(COLUMNS)
    assert sorted(lines) == sorted(line for _, line in rows)

    with rolled_back():
        applications_import(dataset=dataset_read(first.encode()), by=importer())
        assert export_csv() == first
        assert applications_import(
            dataset=dataset_read(first.encode()), by=importer()
        ).count("unchanged") == len(rows)
