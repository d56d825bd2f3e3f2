from django.contrib import admin

from applications.models import Delegation, StaffProfile


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
