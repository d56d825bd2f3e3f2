"""Reading the exchange file and its cells (exchange/tabular.py)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from exchange.tabular import (
    COLUMNS,
    CellError,
    ImportRejected,
    dataset_read,
    format_amount,
    parse_amount,
    parse_code,
    parse_date,
    parse_municipality_code,
    parse_text,
    parse_year,
)
from tests.exchange.importfiles import csv_bytes, row, xlsx_bytes


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("58053534", "58053534"),
        ("58 053 534", "58053534"),
        ("58\u00a0053\u00a0534", "58053534"),
        ("58\u202f053\u202f534", "58053534"),
        ("1 234,50", "1234.50"),
        ("1234,5", "1234.50"),
        ("1234.50", "1234.50"),
        ("0", "0"),
        (" 905 000 ", "905000"),
    ],
)
def test_swedish_amount_formats_are_read(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("value", "amount"),
    [(905000, "905000"), (1234.5, "1234.50"), (Decimal("1.20"), "1.20")],
)
def test_spreadsheet_numbers_are_read_as_amounts(value, amount):
    assert parse_amount(value) == Decimal(amount)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12 34", "inte ett belopp"),
        ("1.234", "inte ett belopp"),
        ("1,234", "inte ett belopp"),
        ("500 kr", "inte ett belopp"),
        ("tusen", "inte ett belopp"),
        ("-5 000", "får inte vara negativt"),
        (-1, "får inte vara negativt"),
        (1.005, "fler än två decimaler"),
        ("1000000000000", "för stort"),
        (float("nan"), "inte ett belopp"),
        (True, "inte ett belopp"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(value, message):
    with pytest.raises(CellError, match=message):
        parse_amount(value)


@pytest.mark.parametrize(
    "value", ["1e3", "1E3", "NaN", "Infinity", "1_000", "\u0661\u0662", "+5"]
)
def test_amounts_in_exponent_or_other_notations_are_refused(value):
    with pytest.raises(CellError, match="inte ett belopp"):
        parse_amount(value)


def test_amounts_are_written_without_separators_and_with_a_decimal_comma():
    assert format_amount(Decimal("58053534.00")) == "58053534"
    assert format_amount(Decimal("1234.50")) == "1234,50"
    assert format_amount(None) == ""


def test_dates_are_iso_text_or_spreadsheet_dates():
    assert parse_date("2022-06-30") == date(2022, 6, 30)
    assert parse_date(datetime(2022, 6, 30)) == date(2022, 6, 30)
    with pytest.raises(CellError, match="inte ett giltigt datum"):
        parse_date("2022-02-30")
    with pytest.raises(CellError, match="ÅÅÅÅ-MM-DD"):
        parse_date("30/6/2022")
    with pytest.raises(CellError, match="ÅÅÅÅ-MM-DD"):
        parse_date(datetime(2022, 6, 30, 12, 0))


@pytest.mark.parametrize(
    "value",
    ["1899-12-31", "2101-01-01", "0001-01-01", "9999-08-01", datetime(9999, 8, 1)],
)
def test_dates_outside_1900_to_2100_are_refused(value):
    with pytest.raises(CellError, match="ligger inte mellan 1900-01-01 och 2100-12-31"):
        parse_date(value)


def test_dates_at_the_ends_of_the_range_are_read():
    assert parse_date("1900-01-01") == date(1900, 1, 1)
    assert parse_date(date(2100, 12, 31)) == date(2100, 12, 31)


def test_codes_ignore_case_and_swedish_letters():
    codes = {"ofullstandig": "incomplete"}
    assert parse_code("Ofullständig", codes) == "incomplete"
    with pytest.raises(CellError, match="inte något av: ofullstandig"):
        parse_code("ofullst", codes)


def test_kommunkod_keeps_or_restores_its_leading_zero():
    assert parse_municipality_code("0114") == "0114"
    assert parse_municipality_code("114") == "0114"
    assert parse_municipality_code(114) == "0114"
    with pytest.raises(CellError, match="fyrsiffrig"):
        parse_municipality_code("12")


def test_years_are_four_digits_within_the_budget_year_range():
    assert parse_year("2022") == 2022
    assert parse_year(2022.0) == 2022
    with pytest.raises(CellError, match="mellan 2000 och 2100"):
        parse_year("1999")
    with pytest.raises(CellError, match="inte ett årtal"):
        parse_year("22")


def test_text_refuses_control_characters_and_formulas():
    assert parse_text("  Statens   institutionsstyrelse ", max_length=200) == (
        "Statens institutionsstyrelse"
    )
    with pytest.raises(CellError, match="styrtecken"):
        parse_text("a\x00b", max_length=200)
    with pytest.raises(CellError, match="får inte börja med"):
        parse_text("=HYPERLINK(1)", max_length=200, key=True)
    with pytest.raises(CellError, match="längre än 5 tecken"):
        parse_text("abcdef", max_length=5)


def test_csv_separator_and_bom_are_detected():
    for delimiter in (",", ";"):
        for bom in (False, True):
            dataset = dataset_read(csv_bytes([row()], delimiter=delimiter, bom=bom))
            assert dataset.headers == list(COLUMNS)
            assert dataset[0][0] == "A001.001/2022"


def test_xlsx_is_read_from_the_first_sheet():
    dataset = dataset_read(xlsx_bytes([row()]))
    assert dataset.headers == list(COLUMNS)
    assert dataset[0][0] == "A001.001/2022"


def test_a_row_with_the_wrong_number_of_values_is_named():
    content = csv_bytes([row()]) + b"A9,2022,individarende\r\n"
    with pytest.raises(ImportRejected) as caught:
        dataset_read(content)
    assert caught.value.messages == [
        "Rad 3: raden har 3 värden men rubrikraden har 13 kolumner"
    ]


def test_blank_lines_keep_the_row_numbers():
    content = csv_bytes([row()]) + b"\r\n" + csv_bytes([row()]).split(b"\r\n", 1)[1]
    dataset = dataset_read(content)
    assert len(dataset) == 3
    assert dataset[1] == ("",) * len(COLUMNS)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen är tom"),
        ("diarienummer\nå".encode("latin-1"), "varken UTF-8"),
        (b"PK\x03\x04broken", "XLSX-filen kan inte läsas"),
        (b'diarienummer\n"open quote', "CSV-filen kan inte läsas"),
    ],
)
def test_unreadable_files_get_a_clear_message(content, message):
    with pytest.raises(ImportRejected) as caught:
        dataset_read(content)
    assert message in caught.value.messages[0]
