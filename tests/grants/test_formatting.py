from decimal import Decimal

import pytest

from grants.formatting import format_number, format_sek


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("58053534"), "58 053 534"),
        (Decimal("905000.00"), "905 000"),
        (Decimal("0"), "0"),
        (Decimal("999"), "999"),
        (Decimal("1234.5"), "1 234,50"),
        (Decimal("0.07"), "0,07"),
        (Decimal("1234567.891"), "1 234 567,89"),
        (113, "113"),
        (Decimal("-1500"), "−1 500"),
        (None, "–"),
    ],
)
def test_swedish_number_format(value, expected):
    assert format_number(value, separator=" ") == expected


def test_default_separator_is_a_no_break_space():
    assert format_number(Decimal("58053534")) == "58\u00a0053\u00a0534"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("58053534"), "58\u00a0053\u00a0534\u00a0kr"),
        (Decimal("1234.5"), "1\u00a0234,50\u00a0kr"),
        (Decimal("0.005"), "0,01\u00a0kr"),
        (Decimal("-1500"), "−1\u00a0500\u00a0kr"),
        (250000, "250\u00a0000\u00a0kr"),
        (None, ""),
    ],
)
def test_amount_in_kronor(amount, expected):
    assert format_sek(amount) == expected


def test_amount_without_unit_is_the_report_figure():
    assert format_sek(Decimal("905000.00"), unit=False) == format_number(
        Decimal("905000")
    )
