"""The registration of a received application and the bilagor that come with it."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from applications.forms.fields import UploadField
from applications.models import DocumentKind, Environment
from applications.services import DocumentData, IndividualCaseData
from grants.inputs import IsoDateField, MoneyField
from grants.models import BudgetYear, Municipality, Organisation


class ApplicationForm(forms.Form):
    """The registration of a received application (ansökan)."""

    reference_number = forms.CharField(
        label=_("Reference number (diarienummer)"),
        max_length=50,
        help_text=_("As registered in the records, e.g. A123.456/2022."),
    )
    budget_year = forms.ModelChoiceField(
        label=_("Budget year"), queryset=BudgetYear.objects.all(), empty_label=None
    )
    received_on = IsoDateField(label=_("Received on"))
    requested_amount = MoneyField(label=_("Requested amount (kr)"))
    purpose = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == "individual":
            self.fields["applicant_municipality"] = forms.ModelChoiceField(
                label=_("Applicant municipality"),
                queryset=Municipality.objects.select_related("county"),
            )
            self.fields["environment"] = forms.ChoiceField(
                label=_("Environment"), choices=Environment.choices
            )
            self.fields["protection_need"] = forms.BooleanField(
                label=_("The individual has a protection need"), required=False
            )
            self.fields["birth_year"] = forms.IntegerField(
                label=_("Birth year"),
                required=False,
                min_value=1900,
                max_value=timezone.localdate().year,
            )
        else:
            organisations = Organisation.objects.all()
            if kind == "agency":
                organisations = organisations.filter(kind=Organisation.Kind.AGENCY)
            self.fields["applicant_organisation"] = forms.ModelChoiceField(
                label=_("Applicant organisation"), queryset=organisations
            )
        self.order_fields(
            [
                "reference_number",
                "applicant_municipality",
                "applicant_organisation",
                "budget_year",
                "received_on",
                "requested_amount",
            ]
        )

    def case_data(self) -> IndividualCaseData | None:
        if self.kind != "individual":
            return None
        data = self.cleaned_data
        return IndividualCaseData(
            environment=data["environment"],
            protection_need=data["protection_need"],
            birth_year=data.get("birth_year"),
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": self.kind,
            "reference_number": data["reference_number"].strip(),
            "budget_year": data["budget_year"],
            "received_on": data["received_on"],
            "requested_amount": data["requested_amount"],
            "purpose": data["purpose"],
            "applicant_municipality": data.get("applicant_municipality"),
            "applicant_organisation": data.get("applicant_organisation"),
            "case": self.case_data(),
        }


class RegistrationDocumentsForm(forms.Form):
    """The bilagor that come with a new application."""

    KINDS = (
        DocumentKind.APPLICATION,
        DocumentKind.COORDINATOR_STATEMENT,
        DocumentKind.CONSENT,
        DocumentKind.ACTION_PLAN,
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = self.KINDS if kind == "individual" else self.KINDS[:1]
        for document_kind in kinds:
            self.fields[document_kind.value] = UploadField(
                label=capfirst(document_kind.label), required=False
            )

    def documents(self) -> list[DocumentData]:
        return [
            DocumentData(kind=name, upload=upload)
            for name, upload in self.cleaned_data.items()
            if upload
        ]
