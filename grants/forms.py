from django import forms

from grants.models import Organisation
from grants.services import organisation_name_clean


class OrganisationForm(forms.ModelForm):
    """The admin's organisation: its name follows accounts.text's rule for names."""

    class Meta:
        model = Organisation
        fields = ["name", "kind", "organisation_number", "vetted_on", "notes"]

    def clean_name(self) -> str:
        try:
            return organisation_name_clean(
                name=self.cleaned_data["name"], organisation=self.instance
            )
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["name"]) from error
