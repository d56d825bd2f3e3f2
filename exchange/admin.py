"""The import and export of the exchange file in the admin's list of applications.

The applications app registers a read-only admin for Application; this module
registers it again with django-import-export's import and export, so the case app
does not depend on the exchange file.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm

from applications.admin import ApplicationAdmin
from applications.models import Application
from exchange.permissions import can_import_applications
from exchange.records import NEW, UNCHANGED, UPDATE
from exchange.resources import ApplicationCSV, ApplicationResource, ApplicationXLSX
from exchange.tabular import ImportRejected


class ApplicationImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = _("File to import")
        self.fields["import_file"].help_text = _(
            "CSV (comma or semicolon, UTF-8) or XLSX"
        )
        self.fields["format"].label = _("Format")


admin.site.unregister(Application)


@admin.register(Application)
class ApplicationExchangeAdmin(ImportExportMixin, ApplicationAdmin):
    """The read-only applications admin; staff import and export the exchange file."""

    resource_classes = [ApplicationResource]
    import_formats = [ApplicationCSV, ApplicationXLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = ApplicationImportForm
    import_template_name = "admin/applications/application/import.html"

    def has_import_permission(self, request):
        return can_import_applications(request.user)

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
