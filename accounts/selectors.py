from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import PasswordChangeRequired


def user_has_authenticator(*, user) -> bool:
    """True when the user has enrolled an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def user_must_change_password(*, user) -> bool:
    """True when someone else set the user's password since they last chose one."""
    return PasswordChangeRequired.objects.filter(user=user).exists()
