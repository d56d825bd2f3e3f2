import pytest

from applications.models import Event, Status
from applications.services import application_transition
from applications.workflow import (
    TRANSITIONS,
    TransitionNotAllowed,
    can_transition,
    check_transition,
)
from tests.factories import ApplicationFactory

ALLOWED = [(src, dst) for src, targets in TRANSITIONS.items() for dst in targets]
REFUSED = [
    (src, dst)
    for src in Status.values
    for dst in Status.values
    if dst not in TRANSITIONS[src]
]


def test_every_status_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(Status.values)


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
