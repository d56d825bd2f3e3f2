"""Who the change history names as the actor of a change."""

from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor


@contextmanager
def audit_actor(user):
    """Name the user as actor of the changes made inside, unless a request already
    named one (audit.middleware.AuditActorMiddleware sets actor and address).

    Unlike a bare ``auditlog.context.set_actor``, this restores the surrounding
    context on exit, so later changes in the same request keep their actor and
    address.
    """
    try:
        current = auditlog_value.get()
    except LookupError:
        current = None
    if current is not None and current.get("actor") is not None:
        yield
        return
    try:
        with set_actor(user, remote_addr=(current or {}).get("remote_addr")):
            yield
    finally:
        if current is not None:
            auditlog_value.set(current)
