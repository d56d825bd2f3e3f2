"""django-import-export resources."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from applications.models import Application


class ApplicationListResource(resources.ModelResource):
    """The work list as CSV or XLSX: case facts only, never identity or free text.

    No individual's data, no purpose text and no staff names leave through here.
    """

    reference_number = fields.Field(
        attribute="reference_number", column_name=_("Reference number")
    )
    kind = fields.Field(column_name=_("Kind"))
    applicant = fields.Field(column_name=_("Applicant"))
    county = fields.Field(
        attribute="applicant_municipality__county__name", column_name=_("County")
    )
    police_region = fields.Field(
        attribute="applicant_municipality__police_region__name",
        column_name=_("Police region"),
    )
    budget_year = fields.Field(
        attribute="budget_year__year", column_name=_("Budget year")
    )
    received_on = fields.Field(
        attribute="received_on",
        column_name=_("Received on"),
        widget=widgets.DateWidget(coerce_to_string=False),
    )
    requested_amount = fields.Field(
        attribute="requested_amount",
        column_name=_("Requested amount (kr)"),
        widget=widgets.DecimalWidget(coerce_to_string=False),
    )
    granted_amount = fields.Field(
        attribute="decision__granted_amount",
        column_name=_("Granted amount (kr)"),
        widget=widgets.DecimalWidget(coerce_to_string=False),
    )
    status = fields.Field(column_name=_("Status"))

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

    def dehydrate_kind(self, application: Application) -> str:
        return str(application.get_kind_display())

    def dehydrate_applicant(self, application: Application) -> str:
        return str(application.applicant)

    def dehydrate_status(self, application: Application) -> str:
        return str(application.get_status_display())

    def dehydrate_granted_amount(self, application: Application):
        decision = getattr(application, "decision", None)
        return decision.granted_amount if decision else None
