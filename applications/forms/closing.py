"""Återkallad and avslutad."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("How and why the applicant withdrew the application"),
        help_text=_("E.g. the date and form of the message. Shown in the timeline."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Required when an återkrav remains: how it was settled."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
