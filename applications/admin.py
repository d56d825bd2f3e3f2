from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import ReadOnlyAdminMixin
from applications.models import Application, Delegation, Disbursement, StaffProfile
from grants.inputs import ADMIN_FORMFIELD_OVERRIDES


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Applications, read-only.

    Status and decisions change only through the workflow services, so the admin
    neither adds, changes nor deletes applications by hand. The exchange app
    registers this admin again with the import and export of its file.
    """

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


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES
    list_display = ["user", "kind", "max_amount", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["user__username"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "police_region"]
    list_filter = ["police_region"]
    search_fields = ["user__username"]


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Utbetalningar, read-only: a payment is registered, and corrected, only
    through the case handling, where the workflow and the amount rules apply."""

    list_display = ["application", "amount", "paid_on", "reference"]
    list_filter = ["paid_on"]
    search_fields = ["application__reference_number", "reference"]
    list_select_related = ["application"]
