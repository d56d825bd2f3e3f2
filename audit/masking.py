"""How django-auditlog records a change of a sensitive field: by name only."""

HIDDEN = "***"


def hide_value(value: str) -> str:
    """Replace the old or new value of a sensitive field by a fixed marker."""
    return HIDDEN
