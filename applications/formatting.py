"""Swedish display formats shared by pages, letters and messages."""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def format_sek(amount: Decimal | int | None, *, unit: bool = True) -> str:
    """`58 053 534 kr`: space as thousands separator, öre only when present."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    sign = "−" if amount < 0 else ""
    amount = abs(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(amount, 1)
    text = f"{int(whole):,}".replace(",", NBSP)
    if cents:
        text += f",{int(cents * 100):02d}"
    return f"{sign}{text}{NBSP}kr" if unit else f"{sign}{text}"
