"""Writes of the login: passwords, enrolling an authenticator, checking a code."""

from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import PasswordChangeRequired

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


@transaction.atomic
def user_password_change_require(*, user) -> None:
    """Require a password of the user's own and a new authenticator at next login.

    The authenticators go now, each deletion in the audit trail: whoever set the
    password cannot pass the second step with the user's app either.
    """
    PasswordChangeRequired.objects.get_or_create(user=user)
    TOTPDevice.objects.filter(user=user).delete()


@transaction.atomic
def user_password_set_by_other(*, user, password: str | None) -> None:
    """Set a password someone else chose (None: no password login at all)."""
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    user_password_change_require(user=user)


@transaction.atomic
def user_password_change(*, user, password: str) -> None:
    """Set the password the user chose themselves; a required change is done."""
    user.set_password(password)
    user.save(update_fields=["password"])
    PasswordChangeRequired.objects.filter(user=user).delete()
