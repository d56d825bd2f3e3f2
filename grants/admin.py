from django.contrib import admin

from grants.forms import OrganisationForm
from grants.inputs import ADMIN_FORMFIELD_OVERRIDES
from grants.models import (
    AllocationDecision,
    AllocationShare,
    BudgetAmendment,
    BudgetYear,
    County,
    Municipality,
    Organisation,
    PoliceRegion,
)


@admin.register(PoliceRegion)
class PoliceRegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "police_region"]
    list_filter = ["county", "police_region"]
    search_fields = ["code", "name"]
    list_select_related = ["county", "police_region"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES
    list_display = ["name", "kind", "organisation_number", "vetted_on"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number"]


class BudgetAmendmentInline(admin.TabularInline):
    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES
    model = BudgetAmendment
    extra = 0


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES
    list_display = [
        "year",
        "initial_ceiling",
        "ceiling",
        "operating_grant_ceiling",
        "report_deadline",
    ]
    search_fields = ["year", "appropriation_reference"]
    inlines = [BudgetAmendmentInline]


class AllocationShareInline(admin.TabularInline):
    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES
    model = AllocationShare
    extra = 0


@admin.register(AllocationDecision)
class AllocationDecisionAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES
    list_display = ["budget_year", "decided_on", "reference"]
    list_filter = ["budget_year"]
    search_fields = ["reference", "summary"]
    inlines = [AllocationShareInline]
