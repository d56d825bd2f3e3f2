"""Template filters of the report: Swedish numbers and the report permissions."""

from django import template

from grants.formatting import format_number
from reports import permissions

register = template.Library()


@register.filter
def sv_number(value) -> str:
    """58053534 → 58 053 534; 1234.5 → 1 234,50 (no-break spaces)."""
    return format_number(value)


@register.filter
def can_view_reports(user) -> bool:
    return permissions.can_view_reports(user)


@register.filter
def can_edit_narratives(user) -> bool:
    return permissions.can_edit_narratives(user)


@register.filter
def can_freeze_report(user) -> bool:
    return permissions.can_freeze_report(user)
