"""Who may do what with an application: plain functions that return bool."""

from applications.roles import Role, has_role


def can_view_identity(user, application) -> bool:
    """Only handläggare and beslutsfattare see who an individärende concerns."""
    if not application.is_individual:
        return False
    return has_role(user, Role.CASE_OFFICER) or has_role(user, Role.DECISION_MAKER)


def can_edit_identity(user, application) -> bool:
    """Only handläggare record or erase who an individärende concerns."""
    return application.is_individual and has_role(user, Role.CASE_OFFICER)
