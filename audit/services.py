"""Writes to the audit trail that the change history does not make by itself."""

from collections.abc import Sequence

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.encoding import smart_str
from django.utils.translation import gettext_lazy as _

from audit.context import current_context


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


def creation_log_record_bulk(
    *, objects: Sequence[models.Model], by=None
) -> list[LogEntry]:
    """Record the creation of rows stored with ``bulk_create``, one entry each.

    ``bulk_create`` sends no signals, so django-auditlog records nothing by itself.
    Each entry is what its signal would have written for a create: the changes
    computed by auditlog (with the model's masked and excluded fields), the object's
    text, the actor, and the address and correlation id of the request, if any.
    The actor is ``by``, or else the one the context names (a request, or a service
    decorated with ``audit.context.audited_by``). Rows of models the change
    history does not track are skipped.
    """
    tracked = [obj for obj in objects if auditlog.contains(type(obj))]
    if not tracked:
        return []
    request = current_context() or {}
    if by is None:
        by = request.get("actor")
    actor = by if by is not None and by.is_authenticated else None
    common = {
        "actor": actor,
        "actor_email": getattr(actor, "email", None) or None,
        "remote_addr": request.get("remote_addr"),
        "remote_port": request.get("remote_port"),
        "cid": get_cid(),
        "timestamp": timezone.now(),
    }
    return LogEntry.objects.bulk_create(
        _creation_entry(obj, **common) for obj in tracked
    )


def _creation_entry(obj: models.Model, **common) -> LogEntry:
    if obj.pk is None:
        raise ValueError(f"{type(obj).__name__} has no primary key yet")
    get_additional_data = getattr(obj, "get_additional_data", None)
    additional = get_additional_data() if callable(get_additional_data) else None
    return LogEntry(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=smart_str(obj.pk),
        object_id=obj.pk if isinstance(obj.pk, int) else None,
        object_repr=smart_str(obj),
        serialized_data=LogEntry.objects._get_serialized_data_or_none(obj),
        action=LogEntry.Action.CREATE,
        changes=model_instance_diff(
            None,
            obj,
            # A row just created has nothing pointing at it yet: leaving out the
            # reverse relations gives the same changes without a query for each.
            fields_to_check=[field.name for field in obj._meta.concrete_fields],
            use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
        ),
        additional_data=additional,
        **common,
    )
