"""Identity data of individärenden: the services that write it and the selectors
that read it. Callers check applications.permissions.can_view_identity and log the
read (audit.services.access_log_record) before showing anything returned here.
"""

from datetime import date
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from personnummer import personnummer

from applications.encryption import personal_number_digest
from applications.models import Application, IndividualCase, IndividualIdentity
from applications.permissions import can_edit_identity, can_view_identity
from audit.context import audited_by


def personal_number_normalise(value: str, *, today: date | None = None) -> str:
    """The 12 digits YYYYMMDDNNNC of a personnummer or samordningsnummer, or ''.

    Accepts the usual written forms (with or without century, hyphen or plus) and
    refuses a number whose date or check digit is wrong, or that lies in the future.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > 20 or not value.isascii():
        raise ValidationError(_("Enter a valid personal identity number."))
    try:
        number = personnummer.Personnummer(value)
    except personnummer.PersonnummerException:
        raise ValidationError(
            _("Enter a valid personal identity number (YYYYMMDD-NNNN).")
        ) from None
    today = today or timezone.localdate()
    if number.get_date() > today:
        raise ValidationError(_("The date of birth lies in the future."))
    return number.format(long_format=True)


@audited_by("by")
@transaction.atomic
def individual_identity_set(
    *,
    case: IndividualCase,
    by,
    full_name: str = "",
    personal_number: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
) -> IndividualIdentity:
    """Record, encrypted, who the individärende concerns."""
    if not can_edit_identity(by, case.application):
        raise PermissionDenied
    number = personal_number_normalise(personal_number)
    identity = IndividualIdentity.objects.select_for_update().filter(
        case=case
    ).first() or IndividualIdentity(case=case)
    identity.full_name = full_name.strip()
    identity.personal_number = number
    identity.phone = phone.strip()
    identity.email = email.strip()
    identity.address = address.strip()
    identity.personal_number_digest = personal_number_digest(number) if number else ""
    identity.save()
    return identity


@audited_by("by")
@transaction.atomic
def individual_identity_clear(*, case: IndividualCase, by) -> None:
    """Erase who the individärende concerns; the case keeps its case code."""
    if not can_edit_identity(by, case.application):
        raise PermissionDenied
    identity = IndividualIdentity.objects.select_for_update().filter(case=case).first()
    if identity is not None:
        identity.delete()


def individual_identity_get(*, case: IndividualCase) -> IndividualIdentity | None:
    """The identity of the individärende, decrypted, or None."""
    return IndividualIdentity.objects.filter(case=case).first()


class SamePersonMatch(NamedTuple):
    """Another application about the same person: its key and diarienummer."""

    pk: int
    reference_number: str


def individual_identity_same_person(*, case: IndividualCase) -> list[SamePersonMatch]:
    """The other applications about the same person, by diarienummer, in one query.

    Matches the keyed hash of the personnummer, so the number itself is neither
    searched for nor returned.
    """
    digest = (
        IndividualIdentity.objects.filter(case=case)
        .exclude(personal_number_digest="")
        .values("personal_number_digest")[:1]
    )
    rows = (
        Application.objects.filter(
            individual_case__identity__personal_number_digest=Subquery(digest)
        )
        .exclude(individual_case=case)
        .order_by("reference_number")
        .values_list("pk", "reference_number")
    )
    return [SamePersonMatch(*row) for row in rows]


def same_person_for(*, user, application: Application) -> list[SamePersonMatch]:
    """The same-person matches of an individärende for a user who may see its
    identity (handläggare, beslutsfattare); nothing for anyone else."""
    case = getattr(application, "individual_case", None)
    if case is None or not can_view_identity(user, application):
        return []
    return individual_identity_same_person(case=case)
