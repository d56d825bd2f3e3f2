"""The timeline of a demo case: the events a case handled in the system would have
left, one for each move of its path through the statuses, dated in order.

The path is walked on the workflow table (`applications.workflow.decision_path`);
`STEPS` says for each move only when it happened, who made it and what the
timeline line says.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from applications import workflow
from applications.models import Application, Event, Status
from demo.cases import AppSpec

OFFICER = "handlaggare"
DECIDER = "beslutsfattare"


@dataclass(frozen=True)
class Step:
    """One move of the path as the timeline shows it."""

    kind: str
    by: str  # OFFICER (the case's handläggare) or DECIDER
    on: Callable[[AppSpec], date]
    text: str | Callable[[AppSpec], str] = ""


def _completion_closed_on(spec: AppSpec) -> date:
    _, reply_by, answered = spec.completion
    return answered or reply_by


def _completion_closed_text(spec: AppSpec) -> str:
    if spec.completion[2]:
        return "Kompletteringen har kommit in."
    return "Ingen komplettering kom in i tid."


STEPS: dict[tuple[str, str], Step] = {
    (Status.RECEIVED, Status.IN_REVIEW): Step(
        Event.Kind.STATUS, OFFICER, lambda spec: spec.received_on + timedelta(days=2)
    ),
    (Status.IN_REVIEW, Status.COMPLETION_REQUESTED): Step(
        Event.Kind.STATUS,
        OFFICER,
        lambda spec: spec.completion[0],
        "Komplettering begärd.",
    ),
    (Status.COMPLETION_REQUESTED, Status.IN_REVIEW): Step(
        Event.Kind.STATUS, OFFICER, _completion_closed_on, _completion_closed_text
    ),
    (Status.IN_REVIEW, Status.PREPARED): Step(
        Event.Kind.STATUS,
        OFFICER,
        lambda spec: spec.proposal.decided_on,
        "Föredragen för beslut.",
    ),
    (Status.PREPARED, Status.GRANTED): Step(
        Event.Kind.DECISION, DECIDER, lambda spec: spec.decision.decided_on
    ),
    (Status.PREPARED, Status.REJECTED): Step(
        Event.Kind.DECISION, DECIDER, lambda spec: spec.decision.decided_on
    ),
    (Status.GRANTED, Status.PAID): Step(
        Event.Kind.DISBURSEMENT, OFFICER, lambda spec: spec.paid_on
    ),
    (Status.GRANTED, Status.PARTLY_PAID): Step(
        Event.Kind.DISBURSEMENT, OFFICER, lambda spec: spec.paid_on
    ),
    (Status.PAID, Status.REPORTED): Step(
        Event.Kind.FOLLOW_UP, OFFICER, lambda spec: spec.follow_up[1]
    ),
    (Status.REJECTED, Status.CLOSED): Step(
        Event.Kind.STATUS,
        OFFICER,
        lambda spec: spec.decision.decided_on + timedelta(days=30),
        "Ärendet avslutat efter beslut om avslag.",
    ),
}


def spec_path(spec: AppSpec) -> list[str]:
    """The statuses the case passed through, walked on the workflow table."""
    outcome = spec.decision.outcome if spec.decision else None
    return workflow.decision_path(
        spec.status, outcome=outcome, completion=bool(spec.completion)
    )


def timeline_write(application: Application, spec: AppSpec, *, users: dict) -> None:
    """Write the case's events: registered, then one per move of its path."""
    actors = {
        OFFICER: users.get(spec.assigned_to) or users[OFFICER],
        DECIDER: users[DECIDER],
    }
    path = spec_path(spec)
    rows = [(spec.received_on, Event.Kind.CREATED, actors[OFFICER], "", "", "")]
    for before, after in zip(path, path[1:], strict=False):
        step = STEPS[before, after]
        text = step.text(spec) if callable(step.text) else step.text
        rows.append((step.on(spec), step.kind, actors[step.by], before, after, text))
    for number, (day, kind, actor, before, after, text) in enumerate(rows):
        event = Event.objects.create(
            application=application,
            kind=kind,
            actor=actor,
            from_status=before,
            to_status=after,
            text=text,
        )
        moment = timezone.make_aware(datetime.combine(day, time(9, number)))
        Event.objects.filter(pk=event.pk).update(created_at=moment)
