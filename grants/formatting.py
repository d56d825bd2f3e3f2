"""Swedish figures: `58 053 534 kr` on pages, letters and messages, `1 234,50` in
the report. The one place where an amount is written out."""

from decimal import ROUND_HALF_UP, Decimal

# A no-break space keeps a figure on one line; pdftotext prints it as a space.
NBSP = "\u00a0"
NOTHING = "–"


def format_number(value, *, separator: str = NBSP) -> str:
    """Group the digits in threes; show öre (two decimals) only when there are any.

    >>> format_number(Decimal("58053534"), separator=" ")
    '58 053 534'
    >>> format_number(Decimal("1234.5"), separator=" ")
    '1 234,50'
    """
    if value is None or value == "":
        return NOTHING
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "−" if amount < 0 else ""
    amount = abs(amount)
    whole = int(amount)
    ore = int((amount - whole) * 100)
    text = f"{whole:,}".replace(",", separator)
    if ore:
        text += f",{ore:02d}"
    return sign + text


def format_sek(amount: Decimal | int | None, *, unit: bool = True) -> str:
    """`58 053 534 kr`; an empty string when there is no amount."""
    if amount is None or amount == "":
        return ""
    text = format_number(amount)
    return f"{text}{NBSP}kr" if unit else text
