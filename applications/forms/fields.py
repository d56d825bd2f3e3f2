"""The fields the forms share: dates, kronor and checked uploads."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications.uploads import ACCEPT, upload_check
from grants.formatting import format_sek


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
    """A date written 2022-06-30, with a message that shows the format."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Write the date as YYYY-MM-DD, for example 2022-06-30."),
    }


class MoneyField(forms.DecimalField):
    """Kronor as people write them: `58 053 534`, `1 250,50` or `1250.50`."""

    default_error_messages = {
        "invalid": _("Write an amount in kronor, for example 125 000."),
        "min_value": _("The amount cannot be negative."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 14})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_sek(value, unit=False).replace("\u00a0", " ")
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = (
                value.replace("\u00a0", "")
                .replace("\u202f", "")
                .replace(" ", "")
                .replace("kr", "")
                .replace(",", ".")
            )
        try:
            return super().to_python(value)
        except (InvalidOperation, ValidationError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from (
                error
            )


class UploadField(forms.FileField):
    """A PDF or image attachment, checked by content and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("help_text", _("PDF, PNG or JPEG."))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            return upload_check(file=file)
        return file
