"""The filter of the audit page."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from audit.selectors import AuditAction, audited_content_types


class AuditFilterForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("All users"),
    )
    object_type = forms.ModelChoiceField(
        label=_("Kind of object"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("All kinds"),
    )
    object_ref = forms.CharField(
        label=_("Object"),
        required=False,
        max_length=100,
        help_text=_("Reference number, case code or id."),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("All actions")), *AuditAction.choices],
        required=False,
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.order_by("username")
        self.fields["object_type"].queryset = audited_content_types()
        self.fields["object_type"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name
        ).capitalize()

    def clean_object_ref(self):
        value = self.cleaned_data["object_ref"].strip()
        if "\x00" in value:
            raise forms.ValidationError(_("Enter a valid reference."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned
