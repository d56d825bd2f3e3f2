"""The roles of the system, as Django groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_OFFICER = "Handläggare", _("case officer")
    DECISION_MAKER = "Beslutsfattare", _("decision maker")
    COORDINATOR = "Avhopparsamordnare", _("defector coordinator")
    READER = "Läsare", _("reader")
    AUDITOR = "Granskare", _("auditor")


def has_role(user, role: Role) -> bool:
    """True when the user is active and a member of the role's group."""
    if not user.is_authenticated or not user.is_active:
        return False
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return role.value in names
