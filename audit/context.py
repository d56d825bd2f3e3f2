"""Who the change history names as the actor of a change."""

from contextlib import contextmanager
from functools import wraps

from auditlog.context import auditlog_value, set_actor


def current_context() -> dict | None:
    """What the change history records with a change made now (actor, address),
    or None outside a request and outside ``audit_actor``."""
    return auditlog_value.get(None)


@contextmanager
def audit_actor(user):
    """Name the user as actor of the changes made inside, keeping the address the
    request middleware (audit.middleware.AuditActorMiddleware) recorded.

    Unlike a bare ``auditlog.context.set_actor``, this restores the surrounding
    context on exit (or none, outside a request), so later changes keep their
    actor and address and no actor outlives the block.
    """
    current = current_context()
    address = current.get("remote_addr") if current else None
    token = auditlog_value.set(current)
    try:
        with set_actor(user, remote_addr=address):
            yield
    finally:
        auditlog_value.reset(token)


def audited_by(argument: str = "by"):
    """Decorate a service so that the user it receives as the keyword ``argument``
    is the actor of every change it makes, in a request or outside one (a command,
    the shell, a test).

    ``@audited_by("by")`` above ``def application_decide(*, application, by, ...)``.
    Without a user (None) the surrounding context is left as it is.
    """

    def decorate(service):
        @wraps(service)
        def wrapper(*args, **kwargs):
            user = kwargs.get(argument)
            if user is None:
                return service(*args, **kwargs)
            with audit_actor(user):
                return service(*args, **kwargs)

        wrapper.audit_actor_argument = argument
        return wrapper

    return decorate
