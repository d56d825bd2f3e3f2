"""Every write to applications goes through a function here."""

from django.db import transaction

from applications.models import Application, Event
from applications.workflow import check_transition


@transaction.atomic
def application_transition(
    *, application: Application, to: str, by=None, text: str = ""
) -> Application:
    """Move the application to a new status if the workflow table allows it."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    check_transition(locked.status, to)
    previous = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    Event.objects.create(
        application=locked,
        kind=Event.Kind.STATUS,
        actor=by,
        from_status=previous,
        to_status=to,
        text=text,
    )
    application.status = to
    return application
