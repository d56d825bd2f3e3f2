from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ImportForm

from accounts.admin_mixins import ReadOnlyAdminMixin
from applications.imports import NEW, UNCHANGED, UPDATE
from applications.models import (
    Application,
    Delegation,
    Disbursement,
    StaffProfile,
)
from applications.resources import (
    ApplicationCSV,
    ApplicationResource,
    ApplicationXLSX,
)
from applications.tabular import ImportRejected


class ApplicationImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = _("File to import")
        self.fields["import_file"].help_text = _(
            "CSV (comma or semicolon, UTF-8) or XLSX"
        )
        self.fields["format"].label = _("Format")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, ImportExportModelAdmin):
    """Applications, read-only; staff import and export the exchange file here.

    Status and decisions change only through the workflow services, so the admin
    neither adds, changes nor deletes applications by hand.
    """

    resource_classes = [ApplicationResource]
    import_formats = [ApplicationCSV, ApplicationXLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = ApplicationImportForm
    import_template_name = "admin/applications/application/import.html"
    list_display = [
        "reference_number",
        "budget_year",
        "kind",
        "applicant",
        "received_on",
        "requested_amount",
        "status",
    ]
    list_filter = ["budget_year", "applicant_municipality__county", "status", "kind"]
    search_fields = [
        "reference_number",
        "applicant_organisation__name",
        "applicant_municipality__name",
    ]
    list_select_related = [
        "budget_year",
        "applicant_organisation",
        "applicant_municipality",
    ]

    @admin.display(description=_("applicant"))
    def applicant(self, obj: Application) -> str:
        return str(obj.applicant or "")

    def has_import_permission(self, request):
        return request.user.has_perms(
            ["applications.add_application", "applications.change_application"]
        )

    def has_export_permission(self, request):
        return request.user.has_perm("applications.view_application")

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportRejected):
            for message in e.messages:
                form.add_error("import_file", message)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The database changed between preview and confirm: nothing was stored.
            messages.error(request, gettext("Nothing was imported."))
            for line in result.rejection.messages:
                messages.error(request, line)
            url = reverse("admin:applications_application_import")
            return HttpResponseRedirect(url)
        for warning in result.warnings:
            messages.warning(request, warning)
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        outcome = result.import_result
        counts = gettext(
            "new: %(new)s, updated: %(updated)s, unchanged: %(unchanged)s"
        ) % {
            "new": outcome.count(NEW),
            "updated": outcome.count(UPDATE),
            "unchanged": outcome.count(UNCHANGED),
        }
        finished = gettext("Import finished.")
        messages.success(request, f"{finished} {counts}")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "max_amount", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["user__username"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "police_region"]
    list_filter = ["police_region"]
    search_fields = ["user__username"]


@admin.register(Disbursement)
class DisbursementAdmin(admin.ModelAdmin):
    list_display = ["application", "amount", "paid_on", "reference"]
    list_filter = ["paid_on"]
    search_fields = ["application__reference_number", "reference"]
    list_select_related = ["application"]
    raw_id_fields = ["application"]
