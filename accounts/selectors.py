from django_otp.plugins.otp_totp.models import TOTPDevice


def user_has_authenticator(*, user) -> bool:
    """True when the user has enrolled an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
