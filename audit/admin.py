"""The audit trail in the admin: readable by superusers, never changeable."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from accounts.admin_mixins import ReadOnlyAdminMixin


class ReadOnlyLogEntryAdmin(ReadOnlyAdminMixin, LogEntryAdmin):
    """django-auditlog's admin without any way to add, change or delete."""

    def get_actions(self, request):
        return {}


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
