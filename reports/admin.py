from django.contrib import admin

from accounts.admin_mixins import ReadOnlyAdminMixin
from reports.models import AnnualReport, Narrative, ReportVersion


class NarrativeInline(admin.StackedInline):
    model = Narrative
    extra = 0
    fields = ["section", "organisation", "text"]
    autocomplete_fields = ["organisation"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["budget_year", "reference_number"]
    search_fields = ["reference_number", "budget_year__year"]
    inlines = [NarrativeInline]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a sent version is never changed or removed."""

    list_display = ["report", "number", "sent_at", "sent_by", "sha256"]
    list_filter = ["report"]
    fields = ["report", "number", "sent_at", "sent_by", "sha256", "size", "note"]
    readonly_fields = fields
