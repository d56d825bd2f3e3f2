from decimal import Decimal

import pytest

from reports.formatting import format_number


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
