"""Writes of the two-factor login: enrol an authenticator, check a code."""

from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """Begin enrolment: the user's unconfirmed authenticator, made if missing."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the authenticator when the first code from it matches."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def totp_verify(*, user, token: str) -> TOTPDevice | None:
    """The user's confirmed authenticator that accepts the code, or None.

    django-otp slows down repeated wrong codes (growing wait per device).
    """
    return match_token(user, token)
