"""Utbetalning and återrapportering."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.inputs import IsoDateField, MoneyField


class DisbursementForm(forms.Form):
    amount = MoneyField(label=_("Amount (kr)"))
    paid_on = IsoDateField(label=_("Payment date"))
    reference = forms.CharField(
        label=_("Payment reference"), max_length=100, required=False
    )


class FollowUpForm(forms.Form):
    due_on = IsoDateField(
        label=_("Due on"),
        help_text=_("By default 1 February of the year after the budget year."),
    )
    received_on = IsoDateField(label=_("Received on"), required=False)
    spent_amount = MoneyField(label=_("Amount spent (kr)"), required=False)
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
