"""The one table of allowed status moves. Any other move is refused."""

from django.utils.translation import gettext as _

from applications.models import Status

TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.IN_REVIEW, Status.WITHDRAWN},
    Status.IN_REVIEW: {
        Status.COMPLETION_REQUESTED,
        Status.PREPARED,
        Status.WITHDRAWN,
    },
    Status.COMPLETION_REQUESTED: {Status.IN_REVIEW, Status.WITHDRAWN},
    Status.PREPARED: {Status.GRANTED, Status.REJECTED, Status.IN_REVIEW},
    Status.GRANTED: {Status.PAID},
    Status.REJECTED: {Status.CLOSED},
    Status.PAID: {Status.REPORTED},
    Status.REPORTED: {Status.CLOSED},
    Status.CLOSED: set(),
    Status.WITHDRAWN: set(),
}


class TransitionNotAllowed(Exception):
    """A status move that the table does not allow."""

    def __init__(self, current: str, target: str):
        self.current = current
        self.target = target
        super().__init__(
            _("An application that is “%(current)s” cannot become “%(target)s”.")
            % {"current": Status(current).label, "target": Status(target).label}
        )


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def check_transition(current: str, target: str) -> None:
    if not can_transition(current, target):
        raise TransitionNotAllowed(current, target)
