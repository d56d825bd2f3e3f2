"""Reads of the audit trail: the filtered entries and how a granskare sees them."""

from dataclasses import dataclass
from datetime import date, datetime

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from audit.masking import HIDDEN
from audit.services import AccessAction


class AuditAction(models.TextChoices):
    """Changes and reads, as the audit page names them."""

    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    VIEW = AccessAction.VIEW.value, AccessAction.VIEW.label
    VIEW_IDENTITY = AccessAction.VIEW_IDENTITY.value, AccessAction.VIEW_IDENTITY.label
    DOWNLOAD = AccessAction.DOWNLOAD.value, AccessAction.DOWNLOAD.label


_CHANGE_ACTIONS = {
    AuditAction.CREATE: LogEntry.Action.CREATE,
    AuditAction.UPDATE: LogEntry.Action.UPDATE,
    AuditAction.DELETE: LogEntry.Action.DELETE,
}

# Free text may hold personal data: changes of such fields are shown by name only.
_FREE_TEXT = (models.CharField, models.TextField, models.FileField, models.JSONField)


def audited_content_types() -> QuerySet:
    """The kinds of object whose changes the audit trail records."""
    types = ContentType.objects.get_for_models(*auditlog.get_models())
    return ContentType.objects.filter(pk__in=[ct.pk for ct in types.values()]).order_by(
        "app_label", "model"
    )


def hidden_repr_q() -> Q:
    """Entries about the models in AUDIT_HIDE_REPR_OF, whose stored text may name a
    person (written before their text was made neutral): never shown or searched."""
    hidden = Q(pk__in=[])
    for label in settings.AUDIT_HIDE_REPR_OF:
        app_label, model = label.lower().split(".")
        hidden |= Q(content_type__app_label=app_label, content_type__model=model)
    return hidden


def audit_entry_list(
    *,
    user=None,
    object_type: ContentType | None = None,
    object_ref: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet:
    """Audit entries, newest first, filtered by who, what, which action and when."""
    entries = LogEntry.objects.select_related("actor", "content_type")
    if user is not None:
        entries = entries.filter(actor=user)
    if object_type is not None:
        entries = entries.filter(content_type=object_type)
    if object_ref:
        entries = entries.filter(
            (Q(object_repr__iexact=object_ref) & ~hidden_repr_q())
            | Q(object_pk=object_ref)
        )
    if action in _CHANGE_ACTIONS:
        entries = entries.filter(action=_CHANGE_ACTIONS[action])
    elif action:
        read = Q(additional_data__access=action)
        if action == AuditAction.VIEW:
            read |= Q(additional_data__isnull=True)
        entries = entries.filter(read, action=LogEntry.Action.ACCESS)
    if date_from is not None:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries.order_by("-timestamp", "-pk")


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str | None = None
    new: str | None = None

    @property
    def shows_values(self) -> bool:
        return self.old is not None or self.new is not None

    def __str__(self) -> str:
        if self.shows_values:
            return f"{self.name}: {self.old} → {self.new}"
        return self.name


@dataclass(frozen=True)
class AuditRow:
    timestamp: datetime
    actor: str
    action: str
    object_type: str
    object_label: str
    changes: tuple[FieldChange, ...]
    address: str


def _action_label(entry: LogEntry) -> str:
    if entry.action == LogEntry.Action.ACCESS:
        access = (entry.additional_data or {}).get("access", AccessAction.VIEW)
        if access in AccessAction.values:
            return str(AccessAction(access).label)
        return str(AccessAction.VIEW.label)
    for audit_action, log_action in _CHANGE_ACTIONS.items():
        if entry.action == log_action:
            return str(audit_action.label)
    return str(entry.get_action_display())


def _field_change(model, name: str, values) -> FieldChange:
    field = None
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a field removed since the entry was made
            field = None
    label = str(getattr(field, "verbose_name", name))
    if isinstance(values, dict):  # many-to-many: {"operation": ..., "objects": [...]}
        operation = str(values.get("operation", ""))
        objects = ", ".join(str(o) for o in values.get("objects", []))
        return FieldChange(label, None, f"{operation} {objects}".strip())
    if (
        field is None
        or not isinstance(values, list | tuple)
        or len(values) != 2
        or HIDDEN in values
        or (isinstance(field, _FREE_TEXT) and not field.choices)
    ):
        return FieldChange(label)
    return FieldChange(label, str(values[0]), str(values[1]))


def _is_reverse_relation(model, name: str) -> bool:
    """Creations list the reverse relations too; they say nothing about the object."""
    if model is None:
        return False
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the entry was made
        return False
    return field.auto_created and not field.concrete


def audit_entry_label(entry: LogEntry) -> str:
    """The object's text, or only its id for the models in AUDIT_HIDE_REPR_OF:
    the settings name them, so that audit needs no import of the apps it watches."""
    content_type = entry.content_type
    label = f"{content_type.app_label}.{content_type.model}"
    if label in {name.lower() for name in settings.AUDIT_HIDE_REPR_OF}:
        return f"#{entry.object_pk}"
    return entry.object_repr


def audit_entry_row(entry: LogEntry) -> AuditRow:
    """One entry as the audit page and its CSV show it: never an identity value,
    never free text, only the names of such fields."""
    model = entry.content_type.model_class()
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    return AuditRow(
        timestamp=entry.timestamp,
        actor=entry.actor.get_username() if entry.actor else "",
        action=_action_label(entry),
        object_type=str(model._meta.verbose_name)
        if model
        else entry.content_type.model,
        object_label=audit_entry_label(entry),
        changes=tuple(
            _field_change(model, name, values)
            for name, values in sorted(changes.items())
            if not _is_reverse_relation(model, name)
        ),
        address=entry.remote_addr or "",
    )
