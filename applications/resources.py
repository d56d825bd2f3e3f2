"""The work list as a spreadsheet (django-import-export).

The exchange file of applications, import and export, is the `exchange` app.
"""

from functools import cached_property

from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from accounts.text import spreadsheet_row
from applications.models import Application, ApplicationKind, Status


class ApplicationListResource(resources.ModelResource):
    """The work list as CSV or XLSX: case facts only, never identity or free text.

    No individual's data, no purpose text and no staff names leave through here,
    and no cell begins like a spreadsheet formula.
    """

    reference_number = fields.Field(
        attribute="reference_number", column_name=gettext_lazy("Reference number")
    )
    kind = fields.Field(column_name=gettext_lazy("Kind"))
    applicant = fields.Field(column_name=gettext_lazy("Applicant"))
    county = fields.Field(
        attribute="applicant_municipality__county__name",
        column_name=gettext_lazy("County"),
    )
    police_region = fields.Field(
        attribute="applicant_municipality__police_region__name",
        column_name=gettext_lazy("Police region"),
    )
    budget_year = fields.Field(
        attribute="budget_year__year", column_name=gettext_lazy("Budget year")
    )
    received_on = fields.Field(
        attribute="received_on",
        column_name=gettext_lazy("Received on"),
        widget=widgets.DateWidget(coerce_to_string=False),
    )
    requested_amount = fields.Field(
        attribute="requested_amount",
        column_name=gettext_lazy("Requested amount (kr)"),
        widget=widgets.DecimalWidget(coerce_to_string=False),
    )
    granted_amount = fields.Field(
        attribute="decision__granted_amount",
        column_name=gettext_lazy("Granted amount (kr)"),
        widget=widgets.DecimalWidget(coerce_to_string=False),
    )
    status = fields.Field(column_name=gettext_lazy("Status"))

    class Meta:
        model = Application
        fields = (
            "reference_number",
            "kind",
            "applicant",
            "county",
            "police_region",
            "budget_year",
            "received_on",
            "requested_amount",
            "granted_amount",
            "status",
        )
        export_order = fields

    # The labels in the language of the request, translated once per export, not
    # once per row: get_FOO_display() costs more than the rest of a row together.
    @cached_property
    def _kind_labels(self) -> dict[str, str]:
        return {value: str(label) for value, label in ApplicationKind.choices}

    @cached_property
    def _status_labels(self) -> dict[str, str]:
        return {value: str(label) for value, label in Status.choices}

    def export_resource(self, instance, selected_fields=None, **kwargs) -> list:
        """The row, with no text cell beginning like a spreadsheet formula."""
        return spreadsheet_row(
            super().export_resource(instance, selected_fields, **kwargs)
        )

    def dehydrate_kind(self, application: Application) -> str:
        return self._kind_labels.get(application.kind, application.kind)

    def dehydrate_applicant(self, application: Application) -> str:
        return str(application.applicant)

    def dehydrate_status(self, application: Application) -> str:
        return self._status_labels.get(application.status, application.status)

    def dehydrate_granted_amount(self, application: Application):
        decision = getattr(application, "decision", None)
        return decision.granted_amount if decision else None
