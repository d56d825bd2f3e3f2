"""Who an individärende concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.identity import personal_number_normalise


class IdentityForm(forms.Form):
    """Who an individärende concerns. Every field is optional."""

    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    personal_number = forms.CharField(
        label=_("Personal identity or coordination number"),
        max_length=20,
        required=False,
        help_text=_("YYYYMMDD-NNNN. A coordination number is accepted."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_personal_number(self) -> str:
        return personal_number_normalise(self.cleaned_data["personal_number"])

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(
                    name, _("The text holds a character that is not allowed.")
                )
        return cleaned
