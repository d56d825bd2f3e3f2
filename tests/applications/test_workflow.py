import pytest

from accounts.roles import Role
from applications import workflow
from applications.models import Event, Outcome, Status
from applications.services import application_transition
from applications.workflow import (
    ACTIONS,
    TRANSITIONS,
    TransitionNotAllowed,
    can_transition,
    check_transition,
)
from tests.factories import ApplicationFactory

S = Status
# The expected table, written out: what the workflow must allow, and nothing else.
EXPECTED_MOVES = {
    (S.RECEIVED, S.IN_REVIEW),
    (S.RECEIVED, S.WITHDRAWN),
    (S.IN_REVIEW, S.COMPLETION_REQUESTED),
    (S.IN_REVIEW, S.PREPARED),
    (S.IN_REVIEW, S.WITHDRAWN),
    (S.COMPLETION_REQUESTED, S.IN_REVIEW),
    (S.COMPLETION_REQUESTED, S.WITHDRAWN),
    (S.PREPARED, S.GRANTED),
    (S.PREPARED, S.REJECTED),
    (S.PREPARED, S.IN_REVIEW),
    (S.GRANTED, S.PAID),
    (S.GRANTED, S.PARTLY_PAID),
    (S.PARTLY_PAID, S.PAID),
    (S.PARTLY_PAID, S.REPORTED),
    (S.REJECTED, S.CLOSED),
    (S.PAID, S.REPORTED),
    (S.REPORTED, S.CLOSED),
}
ALLOWED = sorted(EXPECTED_MOVES)
REFUSED = [
    (src, dst)
    for src in Status.values
    for dst in Status.values
    if (src, dst) not in EXPECTED_MOVES
]


def test_every_status_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(Status.values)


def test_the_table_holds_exactly_the_expected_moves():
    table = {(src, dst) for src, targets in TRANSITIONS.items() for dst in targets}
    assert table == EXPECTED_MOVES


@pytest.mark.parametrize(
    ("group", "statuses"),
    [
        ("ENDED", {S.CLOSED, S.WITHDRAWN}),
        ("OPEN", {S.RECEIVED, S.IN_REVIEW, S.COMPLETION_REQUESTED, S.PREPARED}),
        ("UNDER_REVIEW", {S.RECEIVED, S.IN_REVIEW, S.COMPLETION_REQUESTED}),
        ("AWAITING_DECISION", {S.PREPARED}),
        ("AWAITING_COMPLETION", {S.COMPLETION_REQUESTED}),
        (
            "DECIDED",
            {S.GRANTED, S.REJECTED, S.PARTLY_PAID, S.PAID, S.REPORTED, S.CLOSED},
        ),
        ("AFTER_GRANT", {S.GRANTED, S.PARTLY_PAID, S.PAID, S.REPORTED}),
        ("PAYABLE", {S.GRANTED, S.PARTLY_PAID}),
        ("AWAITING_FOLLOW_UP", {S.GRANTED, S.PARTLY_PAID, S.PAID}),
    ],
)
def test_status_group(group, statuses):
    assert getattr(workflow, group) == statuses


CO, DM, CRD = Role.CASE_OFFICER, Role.DECISION_MAKER, Role.COORDINATOR
EXPECTED_ACTIONS = {
    # action: (allowed from, leads to, roles)
    "start_review": ({S.RECEIVED}, S.IN_REVIEW, {CO}),
    "prepare": ({S.RECEIVED, S.IN_REVIEW, S.COMPLETION_REQUESTED}, None, {CO}),
    "add_statement": (
        {S.RECEIVED, S.IN_REVIEW, S.COMPLETION_REQUESTED},
        None,
        {CO, CRD},
    ),
    "request_completion": ({S.RECEIVED, S.IN_REVIEW}, S.COMPLETION_REQUESTED, {CO}),
    "answer_completion": ({S.COMPLETION_REQUESTED}, S.IN_REVIEW, {CO}),
    "record_no_completion": ({S.COMPLETION_REQUESTED}, S.IN_REVIEW, {CO}),
    "view_completion_letter": (set(S), None, {CO, DM}),
    "propose": ({S.RECEIVED, S.IN_REVIEW}, S.PREPARED, {CO}),
    "withdraw": (
        {S.RECEIVED, S.IN_REVIEW, S.COMPLETION_REQUESTED},
        S.WITHDRAWN,
        {CO},
    ),
    "decide": ({S.PREPARED}, None, {DM}),
    "return_proposal": ({S.PREPARED}, S.IN_REVIEW, {DM}),
    "view_decision_letter": (
        {S.GRANTED, S.REJECTED, S.PARTLY_PAID, S.PAID, S.REPORTED, S.CLOSED},
        None,
        {CO, DM},
    ),
    "register_disbursement": ({S.GRANTED, S.PARTLY_PAID}, None, {CO}),
    "register_follow_up": (
        {S.GRANTED, S.PARTLY_PAID, S.PAID, S.REPORTED},
        None,
        {CO},
    ),
    "close": ({S.REJECTED, S.REPORTED}, S.CLOSED, {CO}),
    "upload_document": (set(Status.values) - {S.CLOSED, S.WITHDRAWN}, None, {CO}),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_ACTIONS))
def test_action_table(name):
    sources, target, roles = EXPECTED_ACTIONS[name]
    action = ACTIONS[name]
    assert (action.sources, action.target, action.roles) == (sources, target, roles)


def test_every_action_is_expected():
    assert set(ACTIONS) == set(EXPECTED_ACTIONS)


@pytest.mark.parametrize("name", sorted(EXPECTED_ACTIONS))
def test_an_action_with_a_target_reaches_it_by_the_table(name):
    """From every status an action is allowed in, its target is one move away,
    or two when the action first starts the review."""
    action = ACTIONS[name]
    if action.target is None:
        return
    for source in action.sources:
        path = workflow.status_path(action.target, start=source)
        assert len(path) - 1 <= 2, (name, source, path)
        if len(path) == 3:
            assert path[1] == S.IN_REVIEW


@pytest.mark.parametrize(
    ("final", "outcome", "completion", "expected"),
    [
        (S.RECEIVED, None, False, [S.RECEIVED]),
        (S.PREPARED, None, False, [S.RECEIVED, S.IN_REVIEW, S.PREPARED]),
        (
            S.PREPARED,
            None,
            True,
            [S.RECEIVED, S.IN_REVIEW, S.COMPLETION_REQUESTED, S.IN_REVIEW, S.PREPARED],
        ),
        (
            S.CLOSED,
            Outcome.GRANTED,
            False,
            [S.RECEIVED, S.IN_REVIEW, S.PREPARED, S.GRANTED, S.PAID, S.REPORTED]
            + [S.CLOSED],
        ),
        (
            S.CLOSED,
            Outcome.REJECTED,
            False,
            [S.RECEIVED, S.IN_REVIEW, S.PREPARED, S.REJECTED, S.CLOSED],
        ),
    ],
)
def test_decision_path_walks_the_table(final, outcome, completion, expected):
    path = workflow.decision_path(final, outcome=outcome, completion=completion)
    assert path == expected
    for current, target in zip(path, path[1:], strict=False):
        assert can_transition(current, target)


def test_a_path_the_table_does_not_allow_is_refused():
    with pytest.raises(TransitionNotAllowed):
        workflow.status_path(S.RECEIVED, start=S.CLOSED)


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_move(current, target):
    assert can_transition(current, target)
    check_transition(current, target)


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_refused_move(current, target):
    assert not can_transition(current, target)
    with pytest.raises(TransitionNotAllowed):
        check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.RECEIVED, Status.GRANTED),
        (Status.IN_REVIEW, Status.GRANTED),
        (Status.REJECTED, Status.PAID),
        (Status.CLOSED, Status.RECEIVED),
        (Status.GRANTED, Status.REJECTED),
    ],
)
def test_shortcuts_past_review_and_decision_are_refused(current, target):
    assert not can_transition(current, target)


def test_refusal_message_names_both_states_in_swedish():
    from django.utils import translation

    with translation.override("sv"):
        error = TransitionNotAllowed(Status.RECEIVED, Status.GRANTED)
    assert "inkommen" in str(error)
    assert "beviljad" in str(error)


@pytest.mark.django_db
def test_transition_service_saves_status_and_records_an_event():
    app = ApplicationFactory()
    application_transition(application=app, to=Status.IN_REVIEW)
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW
    event = Event.objects.get(application=app)
    assert (event.from_status, event.to_status) == (Status.RECEIVED, Status.IN_REVIEW)


@pytest.mark.django_db
def test_transition_service_refuses_a_move_and_writes_nothing():
    app = ApplicationFactory()
    with pytest.raises(TransitionNotAllowed):
        application_transition(application=app, to=Status.GRANTED)
    app.refresh_from_db()
    assert app.status == Status.RECEIVED
    assert not Event.objects.exists()
