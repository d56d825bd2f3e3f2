"""The workflow of an ansökan: the one place that says what a status means.

- `TRANSITIONS`: the allowed status moves. Any other move is refused.
- The status groups (open, under review, awaiting a decision, decided, after a
  grant, ended), derived from the table.
- `ACTIONS`: each action a person takes on a case, the statuses it is allowed
  from, the status it leads to and the roles that may take it. The `can_*`
  functions of `applications/permissions.py` are "has the role, and this table
  allows the action in this status", plus the rules about the object (region,
  four-eyes, delegation).
- `status_path`: the statuses a case passes through to reach a status, walked
  on the table; demo, benchmark and imported data reach their statuses with it.
"""

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.roles import Role
from applications.models import Outcome, Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset(
        {Status.COMPLETION_REQUESTED, Status.PREPARED, Status.WITHDRAWN}
    ),
    Status.COMPLETION_REQUESTED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.PREPARED: frozenset({Status.GRANTED, Status.REJECTED, Status.IN_REVIEW}),
    Status.GRANTED: frozenset({Status.PARTLY_PAID, Status.PAID}),
    Status.REJECTED: frozenset({Status.CLOSED}),
    # The återrapportering may come before the rest is paid: it is then never paid.
    Status.PARTLY_PAID: frozenset({Status.PAID, Status.REPORTED}),
    Status.PAID: frozenset({Status.REPORTED}),
    Status.REPORTED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

# Where every application starts.
INITIAL = Status.RECEIVED

# The status a decision puts the application in.
DECISION_STATUS: dict[str, str] = {
    Outcome.GRANTED: Status.GRANTED,
    Outcome.REJECTED: Status.REJECTED,
}


def _reachable(start: str) -> frozenset[str]:
    """Every status reachable from `start` (itself included)."""
    seen, todo = {start}, [start]
    while todo:
        for target in TRANSITIONS[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return frozenset(seen)


def _moving_to(target: str) -> frozenset[str]:
    """The statuses with a move to `target`."""
    return frozenset(s for s, targets in TRANSITIONS.items() if target in targets)


# --- the status groups -----------------------------------------------------------

# No way out: the case has ended (closed, or withdrawn before its decision).
ENDED = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# Prepared and waiting for the beslutsfattare: the statuses a decision leaves.
AWAITING_DECISION = frozenset(
    s for s in Status if set(DECISION_STATUS.values()) <= TRANSITIONS[s]
)
# Before any decision: the statuses from which a decision can still be reached.
OPEN = frozenset(
    s
    for s in Status
    if s not in DECISION_STATUS.values()
    and _reachable(s) & set(DECISION_STATUS.values())
)
# The handläggare still works on it: open and not yet sent to decision.
UNDER_REVIEW = OPEN - AWAITING_DECISION
# Waiting for the applicant's komplettering.
AWAITING_COMPLETION = frozenset({Status.COMPLETION_REQUESTED})
# A decision exists (beviljad or avslagen, and every status after it).
DECIDED = _reachable(Status.GRANTED) | _reachable(Status.REJECTED)
# Granted and not yet ended: payments and återrapportering belong here.
AFTER_GRANT = _reachable(Status.GRANTED) - ENDED
# Money may still be paid out: granted, and not yet paid in full.
PAYABLE = _moving_to(Status.PAID)
# Where payments put a case (payment_status).
PAYMENT_STATUSES = frozenset({Status.PARTLY_PAID, Status.PAID})
# The återrapportering is still awaited: granted, not ended, not reported.
AWAITING_FOLLOW_UP = AFTER_GRANT - _reachable(Status.REPORTED)


# --- the actions ------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One thing a person does on a case."""

    sources: frozenset[str]  # the statuses it may be taken from
    target: str | None  # the status it leads to; None when the status stays
    roles: frozenset[Role]  # the roles that may take it
    label: str = ""


CASE_OFFICER = frozenset({Role.CASE_OFFICER})
DECIDERS = frozenset({Role.DECISION_MAKER})

ACTIONS: dict[str, Action] = {
    # Review: the first working step moves a received application into review.
    "start_review": Action(
        frozenset({Status.RECEIVED}), Status.IN_REVIEW, CASE_OFFICER
    ),
    # Criteria, handlingsplan and the other parts of the review.
    "prepare": Action(UNDER_REVIEW, None, CASE_OFFICER),
    "add_statement": Action(
        UNDER_REVIEW, None, frozenset({Role.CASE_OFFICER, Role.COORDINATOR})
    ),
    "request_completion": Action(
        frozenset({Status.RECEIVED, Status.IN_REVIEW}),
        Status.COMPLETION_REQUESTED,
        CASE_OFFICER,
    ),
    "answer_completion": Action(AWAITING_COMPLETION, Status.IN_REVIEW, CASE_OFFICER),
    # No answer came by the reply-by date: the review resumes without it.
    "record_no_completion": Action(AWAITING_COMPLETION, Status.IN_REVIEW, CASE_OFFICER),
    # The letter to the applicant that asks for the komplettering.
    "view_completion_letter": Action(
        frozenset(Status.values),
        None,
        frozenset({Role.CASE_OFFICER, Role.DECISION_MAKER}),
    ),
    "propose": Action(
        frozenset({Status.RECEIVED, Status.IN_REVIEW}), Status.PREPARED, CASE_OFFICER
    ),
    "withdraw": Action(UNDER_REVIEW, Status.WITHDRAWN, CASE_OFFICER),
    # The decision; its target depends on the outcome (DECISION_STATUS).
    "decide": Action(AWAITING_DECISION, None, DECIDERS),
    "return_proposal": Action(AWAITING_DECISION, Status.IN_REVIEW, DECIDERS),
    # After the decision.
    "view_decision_letter": Action(
        DECIDED, None, frozenset({Role.CASE_OFFICER, Role.DECISION_MAKER})
    ),
    # Its status is the payment_status of what has been paid.
    "register_disbursement": Action(PAYABLE, None, CASE_OFFICER),
    "register_follow_up": Action(AFTER_GRANT, None, CASE_OFFICER),
    "close": Action(_moving_to(Status.CLOSED), Status.CLOSED, CASE_OFFICER),
    # Any time before the case has ended.
    "upload_document": Action(frozenset(Status.values) - ENDED, None, CASE_OFFICER),
}


def payment_status(*, paid: Decimal, granted: Decimal) -> str:
    """The status of a granted case after its payments: utbetald when the grant
    is paid in full, delvis utbetald when part of it is, beviljad before."""
    if paid <= 0:
        return Status.GRANTED
    if paid < granted:
        return Status.PARTLY_PAID
    return Status.PAID


def action_allowed(action: str, status: str) -> bool:
    """True when the workflow allows the action in the status."""
    return status in ACTIONS[action].sources


def action_roles(action: str) -> frozenset[Role]:
    return ACTIONS[action].roles


# --- moves ------------------------------------------------------------------------


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
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    if not can_transition(current, target):
        raise TransitionNotAllowed(current, target)


def _shortest(start: str, end: str) -> list[str]:
    """The shortest path of allowed moves from `start` to `end` (both included)."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        status = queue.popleft()
        if status == end:
            path = [end]
            while previous[path[-1]] is not None:
                path.append(previous[path[-1]])
            return path[::-1]
        for target in sorted(TRANSITIONS[status]):
            if target not in previous:
                previous[target] = status
                queue.append(target)
    raise TransitionNotAllowed(start, end)


def status_path(
    final: str, *, via: Iterable[str] = (), start: str = INITIAL
) -> list[str]:
    """The statuses a case passes through from `start` to `final`, by way of each
    status in `via` in order, each leg the shortest the table allows."""
    path = [start]
    for waypoint in [*via, final]:
        if waypoint == path[-1]:
            continue
        path += _shortest(path[-1], waypoint)[1:]
    return path


def decision_path(final: str, *, outcome: str | None, completion: bool = False):
    """The path to `final` of a case with the given decision outcome (or none),
    through a komplettering first when `completion` is true."""
    via = []
    if completion:
        via.append(Status.COMPLETION_REQUESTED)
    if outcome:
        via.append(DECISION_STATUS[outcome])
    return status_path(final, via=via)
