"""Who may read the audit trail."""

from accounts.roles import Role, has_role


def can_view_audit_log(user) -> bool:
    """Only granskare read the audit trail in the application."""
    return has_role(user, Role.AUDITOR)
