"""Delegations and the decision queue."""

from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from applications.models import Application, Delegation


def delegation_covering(
    *, user, kind: str, amount: Decimal, on: date
) -> Delegation | None:
    """The user's delegation that covers the kind, amount and day, if any."""
    return (
        Delegation.objects.filter(
            user=user, kind=kind, max_amount__gte=amount, valid_from__lte=on
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .first()
    )


def decision_queue(*, user, on: date | None = None) -> QuerySet[Application]:
    """Prepared applications that the user's delegation covers, oldest first.

    The amount at stake is the proposed amount, or the requested amount when
    the proposal is a rejection. Applications whose proposal the user wrote in
    any version are left out (four-eyes).
    """
    on = on or timezone.localdate()
    covering = Delegation.objects.filter(
        user=user,
        kind=OuterRef("kind"),
        max_amount__gte=OuterRef("amount_at_stake"),
        valid_from__lte=on,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return (
        Application.objects.awaiting_decision()
        # What the queue shows: applicant, proposal and who prepared it.
        .select_related(
            "applicant_municipality", "applicant_organisation", "proposal__prepared_by"
        )
        .annotate(amount_at_stake=Coalesce("proposal__amount", "requested_amount"))
        .filter(Exists(covering))
        .exclude(proposal__prepared_by=user)
        .exclude(proposal_versions__prepared_by=user)
        .order_by("proposal__prepared_at", "pk")
    )
