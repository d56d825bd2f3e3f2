"""Forms only parse and validate input; the rules live in services, whose
ValidationErrors the views put on the fields they name."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from applications.identity import personal_number_normalise
from applications.models import (
    DocumentKind,
    Environment,
    IndividualCase,
    InterventionKind,
    Outcome,
    RejectionReason,
)
from applications.services import (
    ActionPlanData,
    DocumentData,
    IndividualCaseData,
    InterventionData,
)
from applications.uploads import ACCEPT, upload_check
from grants.formatting import format_sek
from grants.models import BudgetYear, Municipality, Organisation


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


def case_officers():
    return (
        get_user_model()
        .objects.filter(groups__name=Role.CASE_OFFICER.value, is_active=True)
        .order_by("username")
    )


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


class ActionPlanForm(forms.Form):
    """The handlingsplan's period; its insatser come from InterventionFormSet."""

    starts_on = IsoDateField(label=_("Action plan starts"))
    ends_on = IsoDateField(
        label=_("Action plan ends"),
        help_text=_("At most six calendar months after the start."),
    )
    summary = forms.CharField(
        label=_("Summary of the action plan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_required = required
        if not required:
            for field in self.fields.values():
                field.required = False

    def is_filled(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("starts_on") or data.get("ends_on"))

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if bool(starts_on) != bool(ends_on) and not self.errors:
            raise ValidationError(_("Give both the start and the end of the plan."))
        return data


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Intervention"),
        choices=[("", "---------"), *InterventionKind.choices],
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.all(),
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), max_length=300, required=False
    )
    cost = MoneyField(label=_("Cost (kr)"))
    starts_on = IsoDateField(label=_("From"))
    ends_on = IsoDateField(label=_("To"))

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on", _("The intervention cannot end before it starts.")
            )
        return data


class BaseInterventionFormSet(forms.BaseFormSet):
    def interventions(self) -> list[InterventionData]:
        return [
            InterventionData(
                kind=form.cleaned_data["kind"],
                cost=form.cleaned_data["cost"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                description=form.cleaned_data["description"],
                provider=form.cleaned_data["provider"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


InterventionFormSet = forms.formset_factory(
    InterventionForm,
    formset=BaseInterventionFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=30,
    validate_max=True,
)


def action_plan_data(
    plan_form: ActionPlanForm, formset: BaseInterventionFormSet
) -> ActionPlanData | None:
    """The plan as service data, or None when no plan was given."""
    interventions = formset.interventions()
    if not plan_form.is_filled() and not interventions:
        return None
    data = plan_form.cleaned_data
    return ActionPlanData(
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        summary=data.get("summary", ""),
        interventions=interventions,
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


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    file = UploadField(label=_("File"))

    def document(self) -> DocumentData:
        return DocumentData(
            kind=self.cleaned_data["kind"], upload=self.cleaned_data["file"]
        )


CRITERION_CHOICES = [
    ("", _("not recorded")),
    ("yes", _("yes")),
    ("no", _("no")),
]


class CriteriaForm(forms.Form):
    """One yes/no answer per eligibility criterion; unchanged ones are ignored."""

    note = forms.CharField(
        label=_("Note (saved with every criterion you change)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, case: IndividualCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        fields = {}
        for name in IndividualCase.CRITERIA:
            current = getattr(case, name)
            fields[name] = forms.ChoiceField(
                label=capfirst(IndividualCase._meta.get_field(name).verbose_name),
                choices=CRITERION_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial="" if current is None else ("yes" if current else "no"),
            )
        fields["note"] = self.fields.pop("note")
        self.fields = fields

    def changes(self) -> dict[str, bool]:
        """The criteria whose answer differs from what is recorded."""
        changed = {}
        for name in IndividualCase.CRITERIA:
            answer = self.cleaned_data.get(name)
            if not answer:
                continue
            value = answer == "yes"
            if getattr(self.case, name) is not value:
                changed[name] = value
        return changed


class StatementForm(forms.Form):
    statement = forms.CharField(
        label=_("Statement from the defector coordinator"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CompletionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 4})
    )
    reply_by = IsoDateField(label=_("Reply by"))


class CompletionAnswerForm(forms.Form):
    answered_on = IsoDateField(label=_("Answer received on"))
    note = forms.CharField(
        label=_("What was supplied"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


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
