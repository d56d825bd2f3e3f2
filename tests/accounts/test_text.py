"""The rule for text that becomes a key or a name, and the spreadsheet writer's
neutraliser (accounts/text.py)."""

import re
import unicodedata

import pytest
import tablib
from django.core.exceptions import ValidationError

from accounts.text import (
    clean_key_text,
    key_fold,
    spreadsheet_dataset,
    spreadsheet_row,
    spreadsheet_safe,
)

FORMULA = re.escape("Texten får inte börja med =, +, - eller @")
HIDDEN = "Texten får inte innehålla styrtecken eller osynliga formateringstecken"


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "+46 1",
        "-1+2",
        "@SUM(A1)",
        "  =1+1",
        "\t=1+1",
        "\r\n=1+1",
        "\uff1d1+1",  # full-width equals sign
        "\ufe631",  # small hyphen-minus
    ],
)
def test_a_key_may_not_begin_like_a_formula(text):
    with pytest.raises(ValidationError, match=FORMULA) as caught:
        clean_key_text(text)
    assert caught.value.code == "formula"


@pytest.mark.parametrize(
    "text",
    [
        "A100.000/2026\u200b",  # zero-width space
        "A100\u200d.000/2026",  # zero-width joiner
        "\u202eA100.000/2026",  # right-to-left override
        "A100.000/2026\u200e",  # left-to-right mark
        "A100\u00ad.000/2026",  # soft hyphen
        "\ufeffA100.000/2026",  # byte order mark inside
        "A100\x00.000/2026",
        "A100\t.000/2026",
        "A100\n.000/2026",
        "A100\u3164.000/2026",  # Hangul filler: invisible, a letter
        "A100.000/2026\ufe0f",  # variation selector
    ],
)
def test_a_key_may_not_hold_control_or_invisible_characters(text):
    with pytest.raises(ValidationError, match=HIDDEN) as caught:
        clean_key_text(text)
    assert caught.value.code == "hidden_characters"


def test_a_key_is_nfc_trimmed_and_single_spaced():
    decomposed = unicodedata.normalize("NFD", "Ångermanlands   förening ")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    cleaned = clean_key_text("  " + decomposed)
    assert cleaned == "Ångermanlands förening"
    assert cleaned == unicodedata.normalize("NFC", cleaned)
    assert clean_key_text("A100\u00a0000/2026") == "A100 000/2026"
    assert clean_key_text("A077.218/2023") == "A077.218/2023"
    assert clean_key_text("Malmö stad - socialtjänsten") == (
        "Malmö stad - socialtjänsten"
    )


def test_look_alikes_fold_alike_and_different_keys_do_not():
    real = key_fold("A100.000/2026")
    assert key_fold("A100.000/2026\u200b") == real
    assert key_fold("a100.000/2026") == real
    assert key_fold("A100.000 / 2026") == real
    assert key_fold("Ａ１００.０００/２０２６") == real  # full-width
    assert key_fold(unicodedata.normalize("NFD", "Å1")) == key_fold("å1")
    assert key_fold("A100.001/2026") != real
    assert key_fold("Å1") != key_fold("A1")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1", "' =1"),
        ("\uff1d1", "'\uff1d1"),
        ("A1-2", "A1-2"),
        ("Malmö", "Malmö"),
        ("", ""),
        ("a\x00b\x1fc", "a\ufffdb\ufffdc"),  # not writable to XLSX
    ],
)
def test_spreadsheet_text_cells_never_start_a_formula(cell, written):
    assert spreadsheet_safe(cell) == written


def test_spreadsheet_cells_that_are_not_text_are_kept():
    from datetime import date
    from decimal import Decimal

    row = [-5, Decimal("-1.50"), date(2022, 1, 1), None, 2022]
    assert spreadsheet_row(row) == row


def test_a_spreadsheet_dataset_is_neutralised_headers_and_cells():
    data = tablib.Dataset(headers=["=h", "ok"], title="t")
    data.append(["-1", 5])
    safe = spreadsheet_dataset(data)
    assert safe.headers == ["'=h", "ok"]
    assert safe.title == "t"
    assert list(safe) == [("'-1", 5)]
