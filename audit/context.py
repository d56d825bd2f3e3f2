"""Who the change history names as the actor of a change."""

from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor


@contextmanager
def audit_actor(user):
    """Name the user as actor of the changes made inside, keeping the address the
    request middleware (audit.middleware.AuditActorMiddleware) recorded.

    Unlike a bare ``auditlog.context.set_actor``, this restores the surrounding
    context on exit, so later changes in the same request keep their actor and
    address.
    """
    try:
        current = auditlog_value.get()
    except LookupError:
        current = None
    address = current.get("remote_addr") if current else None
    try:
        with set_actor(user, remote_addr=address):
            yield
    finally:
        if current is not None:
            auditlog_value.set(current)
