"""Writes to the audit trail that the change history does not make by itself."""

from auditlog.models import LogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    """The kinds of read recorded in the audit trail."""

    VIEW = "view", _("viewed")
    VIEW_IDENTITY = "view_identity", _("viewed identity")
    DOWNLOAD = "download", _("downloaded")


def access_log_record(
    *, user, obj: models.Model, action: str, ip: str | None
) -> LogEntry:
    """Record that the user read the object: a view of a page or a download."""
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access action: {action!r}")
    actor = user if user is not None and user.is_authenticated else None
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        actor_email=getattr(actor, "email", None) or None,
        remote_addr=ip,
        additional_data={"access": str(action)},
    )
