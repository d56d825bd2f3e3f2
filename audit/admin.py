"""The audit trail in the admin: readable by superusers, never changeable.

It shows and searches what the granskare's page does: the changes of identity and
free-text fields by name only, documents by id only (entries written before their
names were neutral carry file names), and no search in the changes' values.
"""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import ReadOnlyAdminMixin
from audit.selectors import audit_entry_label, audit_entry_row, hidden_repr_q


class ReadOnlyLogEntryAdmin(ReadOnlyAdminMixin, LogEntryAdmin):
    """django-auditlog's admin without any way to add, change or delete, and
    without the values that the trail keeps by name only."""

    # Shown beside the search box; get_search_results decides what matches.
    search_fields = [
        "object_repr",
        "object_pk",
        "actor__first_name",
        "actor__last_name",
        f"actor__{get_user_model().USERNAME_FIELD}",
    ]

    def get_actions(self, request):
        return {}

    def get_object(self, request, object_id, from_field=None):
        entry = super().get_object(request, object_id, from_field)
        if entry is not None:
            # The page's title and breadcrumbs name the entry by its object's text;
            # the admin never saves an entry, so this stays in memory.
            entry.object_repr = audit_entry_label(entry)
        return entry

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        actor = Q()
        for name in ("first_name", "last_name", get_user_model().USERNAME_FIELD):
            actor |= Q(**{f"actor__{name}__icontains": term})
        matches = (
            (Q(object_repr__icontains=term) & ~hidden_repr_q())
            | Q(object_pk=term)
            | actor
        )
        return queryset.filter(matches), False

    @admin.display(description=_("Resource"))
    def resource_url(self, obj):
        text = format_html("{} – {}", obj.content_type, audit_entry_label(obj))
        viewname = f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change"
        try:
            link = reverse(viewname, args=[obj.object_pk])
        except NoReverseMatch:
            return text
        return format_html('<a href="{}">{}</a>', link, text)

    @admin.display(description=_("Changes"))
    def msg(self, obj):
        changes = audit_entry_row(obj).changes
        if not changes:
            return ""
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((c,) for c in changes))
        )


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
