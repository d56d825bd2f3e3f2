"""What every status change does: it leaves an event with who made it."""

from decimal import Decimal

from applications import services
from applications.models import (
    Event,
    Outcome,
    Status,
)


def test_every_status_change_leaves_an_event(in_review, officer, decider):
    services.proposal_submit(
        application=in_review,
        by=officer,
        outcome=Outcome.GRANTED,
        amount=Decimal("300000"),
        motivation="x",
    )
    services.application_decide(
        application=in_review, by=decider, outcome=Outcome.GRANTED, amount=Decimal("1")
    )
    moves = list(
        in_review.events.filter(kind=Event.Kind.STATUS).values_list(
            "from_status", "to_status", "actor"
        )
    )
    assert moves == [
        (Status.RECEIVED, Status.IN_REVIEW, officer.pk),
        (Status.IN_REVIEW, Status.PREPARED, officer.pk),
        (Status.PREPARED, Status.GRANTED, decider.pk),
    ]
