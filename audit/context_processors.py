from audit.permissions import can_view_audit_log


def audit_nav(request):
    """Whether the menu shows the audit page; asked only when the menu is drawn."""
    user = getattr(request, "user", None)
    return {"can_view_audit_log": lambda: user is not None and can_view_audit_log(user)}
