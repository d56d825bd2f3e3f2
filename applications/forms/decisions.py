"""The föredragning, the beslut and sending a proposal back."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import Outcome, RejectionReason
from grants.inputs import MoneyField


class ProposalForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Proposed decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    amount = MoneyField(
        label=_("Proposed amount (kr)"),
        required=False,
        help_text=_("When granting: at most the requested amount."),
    )
    rejection_reason = forms.ChoiceField(
        label=_("Rejection reason"),
        choices=[("", "---------"), *RejectionReason.choices],
        required=False,
        help_text=_("When rejecting."),
    )
    motivation = forms.CharField(
        label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 6})
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    amount = MoneyField(
        label=_("Granted amount (kr)"),
        required=False,
        help_text=_("When granting: at most the requested amount."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Printed in the decision letter when granting."),
    )
    rejection_reason = forms.ChoiceField(
        label=_("Rejection reason"),
        choices=[("", "---------"), *RejectionReason.choices],
        required=False,
        help_text=_("When rejecting."),
    )
    rejection_details = forms.CharField(
        label=_("Rejection details"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ReturnForm(forms.Form):
    text = forms.CharField(
        label=_("What needs to be done"), widget=forms.Textarea(attrs={"rows": 3})
    )
