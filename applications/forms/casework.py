"""The forms of the review: handlingsplan, documents, criteria, utlåtande and
komplettering."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from applications.forms.fields import UploadField
from applications.models import DocumentKind, IndividualCase, InterventionKind
from applications.services import ActionPlanData, DocumentData, InterventionData
from grants.inputs import IsoDateField, MoneyField
from grants.models import Organisation


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
    upload = UploadField(
        label=_("The supplied document"),
        required=False,
        help_text=_("PDF, PNG or JPEG. Attached to the case as a completion document."),
    )
