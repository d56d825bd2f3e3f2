"""Swedish number formats for the report: `58 053 534`, `1 234,50`."""

from decimal import ROUND_HALF_UP, Decimal

# A no-break space keeps a figure on one line; pdftotext prints it as a space.
THOUSANDS_SEPARATOR = "\u00a0"


def format_number(value, *, separator: str = THOUSANDS_SEPARATOR) -> str:
    """Group the digits in threes; show öre (two decimals) only when there are any.

    >>> format_number(Decimal("58053534"), separator=" ")
    '58 053 534'
    >>> format_number(Decimal("1234.5"), separator=" ")
    '1 234,50'
    """
    if value is None or value == "":
        return "–"
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "−" if amount < 0 else ""
    amount = abs(amount)
    whole = int(amount)
    ore = int((amount - whole) * 100)
    text = f"{whole:,}".replace(",", separator)
    if ore:
        text += f",{ore:02d}"
    return sign + text
