"""Template filters: Swedish money format and the permission functions."""

from django import template

from applications import permissions
from grants.formatting import format_sek

register = template.Library()


@register.filter
def sek(amount) -> str:
    """`58 053 534 kr`."""
    return format_sek(amount)


@register.filter
def may(user, action: str) -> bool:
    """`{% if user|may:"view_dashboard" %}`: a user-level permission function."""
    check = getattr(permissions, f"can_{action}", None)
    if check is None:
        raise template.TemplateSyntaxError(f"No permission function can_{action}")
    return check(user)
