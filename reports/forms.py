"""Forms of the reports app; they only validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import Section

# Sections with one text each (organisations get one text per organisation).
TEXT_SECTIONS = [s for s in Section if s != Section.ORGANISATION]


class NarrativeForm(forms.Form):
    """The report's diarienummer and one plain-text field per section."""

    reference_number = forms.CharField(
        label=_("Reference number of the report"), max_length=50, required=False
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_fields = {}
        for section in TEXT_SECTIONS:
            self.fields[f"text_{section.value}"] = forms.CharField(
                label=section.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                max_length=20_000,
            )
        for organisation_id, name in organisations:
            key = f"org_{organisation_id}"
            self.fields[key] = forms.CharField(
                label=name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                max_length=20_000,
            )
            self.organisation_fields[key] = organisation_id

    def texts(self) -> dict[tuple[str, int | None], str]:
        texts = {
            (section.value, None): self.cleaned_data[f"text_{section.value}"]
            for section in TEXT_SECTIONS
        }
        for key, organisation_id in self.organisation_fields.items():
            texts[(Section.ORGANISATION.value, organisation_id)] = self.cleaned_data[
                key
            ]
        return texts


class FreezeForm(forms.Form):
    note = forms.CharField(
        label=_("Note (e.g. why a new version is sent)"),
        max_length=300,
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I confirm that this version is sent to the Ministry of Justice"),
        required=True,
    )
