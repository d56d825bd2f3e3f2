"""Users in the admin: they can be deactivated, never deleted, because the audit
trail names them (on PostgreSQL a trigger would refuse the change anyway)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

User = get_user_model()


class UndeletableUserAdmin(UserAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(User)
admin.site.register(User, UndeletableUserAdmin)
