"""What a person may type as an amount or a date: one rule for the forms and the import.

An amount is kronor written with digits: `58 053 534`, `1 234,50` or `1250.50`;
thousands may be separated by a space, a no-break space or a narrow no-break space,
in groups of three, and öre follow a decimal comma or point (at most two digits).
Anything else is a mistyping and is refused, not read: `1e3`, `NaN`, `Infinity`,
`1_000`, `12 34`, `1.234`, digits of other scripts.

A date lies between 1900-01-01 and 2100-12-31: a year outside that is a mistyping
(`0001-01-01`, `9999-08-01`), and date arithmetic on it could overflow.

The form fields here are used by every form and admin page that takes an amount or
a date; exchange/tabular.py reads the import file's cells with the same rule.
"""

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grants.models import MONEY

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"]) - CENT
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)

_AMOUNT = re.compile(
    r"([-\u2212] ?)?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d{1,2}))?",
    re.ASCII,
)
_UNIT = re.compile(r"\s*kr\.?$", re.IGNORECASE)


def amount_from_text(text: str) -> Decimal:
    """The amount a person wrote, with its sign; ValueError when it is not one."""
    match = _AMOUNT.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    sign, whole, cents = match.groups()
    digits = re.sub(r"[^0-9]", "", whole)
    # As written: 80000000 stays Decimal("80000000"), as Django's own field reads it.
    amount = Decimal(f"{digits}.{cents}" if cents else digits)
    return -amount if sign else amount


def amount_text(amount: Decimal) -> str:
    """An amount as a person types it, read back by amount_from_text: `1 250,50`."""
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount).quantize(CENT), 1)
    text = f"{int(whole):,}".replace(",", " ")
    if cents:
        text += f",{int(cents * 100):02d}"
    return sign + text


def date_in_range(day: date) -> bool:
    return DATE_MIN <= day <= DATE_MAX


def date_range_params() -> dict[str, str]:
    return {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}


class DateInput(forms.DateInput):
    """A date typed as the authority writes it (2022-06-30), in any browser.

    A text field rather than the browser's date picker, whose display format
    follows the browser's locale instead of the Swedish one.
    """

    def __init__(self, attrs=None):
        attrs = {
            "placeholder": _("YYYY-MM-DD"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": 10,
            "class": "date-input",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class IsoDateField(forms.DateField):
    """A date written 2022-06-30, between 1900-01-01 and 2100-12-31."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Write the date as YYYY-MM-DD, for example 2022-06-30."),
        "out_of_range": _("Write a date between %(min)s and %(max)s."),
    }

    def validate(self, value):
        super().validate(value)
        if value is not None and not date_in_range(value):
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params=date_range_params(),
            )


class MoneyField(forms.DecimalField):
    """Kronor as people write them: `58 053 534`, `1 250,50`, `1250.50 kr`."""

    default_error_messages = {
        "invalid": _(
            "Write the amount in kronor with digits and at most two decimals, "
            "for example 125 000 or 1 234,50."
        ),
        "min_value": _("The amount cannot be negative."),
        "max_digits": _("The amount is too large."),
        "max_whole_digits": _("The amount is too large."),
        "max_decimal_places": _(
            "Write the amount in kronor with digits and at most two decimals, "
            "for example 125 000 or 1 234,50."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", MONEY["max_digits"])
        kwargs.setdefault("decimal_places", MONEY["decimal_places"])
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 14})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return amount_text(value)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = _UNIT.sub("", value.strip())
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                return amount_from_text(value)
            except ValueError:
                raise self._invalid() from None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            amount = Decimal(value)
            if amount.is_finite():
                return amount
        raise self._invalid()

    def _invalid(self) -> ValidationError:
        return ValidationError(self.error_messages["invalid"], code="invalid")


# The admin's date and amount fields follow the same rule (its calendar kept).
ADMIN_FORMFIELD_OVERRIDES = {
    models.DateField: {
        "form_class": IsoDateField,
        "widget": admin_widgets.AdminDateWidget,
    },
    models.DecimalField: {"form_class": MoneyField},
}
