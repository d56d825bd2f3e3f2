"""Nothing but the login pages until a password of the user's own is set and the
second factor is given."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.selectors import user_has_authenticator

# Set at login for a user with an authenticator, so that it is asked for even when
# REQUIRE_2FA is off (development) without a query on every request.
SESSION_OTP_REQUIRED = "otp_required"
# Set at login for a user whose password someone else set (an administrator):
# they choose their own before anything else.
SESSION_PASSWORD_CHANGE_REQUIRED = "password_change_required"  # noqa: S105

_ALWAYS_OPEN = ("login", "logout", "set_language", "accessibility_statement")
_OPEN_URL_NAMES = (*_ALWAYS_OPEN, "two_factor_verify", "two_factor_setup")
_OPEN_FOR_PASSWORD_CHANGE = (*_ALWAYS_OPEN, "password_choose")


class RequireTwoFactorMiddleware:
    """Sends a logged-in user whose password someone else set to the page where
    they choose their own; then a user who has not given the code from the
    authenticator app to the verification page (or to enrolment when they have no
    app yet).

    Runs after django-otp's OTPMiddleware, which sets ``user.is_verified()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = {}

    def _is_open(self, path: str, names: tuple[str, ...]) -> bool:
        if names not in self._paths:
            self._paths[names] = {reverse(name) for name in names}
        static = (
            settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else "/" + settings.STATIC_URL
        )
        return path in self._paths[names] or path.startswith(static)

    def _target(self, request, user) -> str | None:
        """The URL name of the step the user must take first, or None."""
        path = request.path_info
        if request.session.get(SESSION_PASSWORD_CHANGE_REQUIRED):
            if self._is_open(path, _OPEN_FOR_PASSWORD_CHANGE):
                return None
            return "password_choose"
        if (
            user.is_verified()
            or not (settings.REQUIRE_2FA or request.session.get(SESSION_OTP_REQUIRED))
            or self._is_open(path, _OPEN_URL_NAMES)
        ):
            return None
        if user_has_authenticator(user=user):
            return "two_factor_verify"
        return "two_factor_setup"

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            target = self._target(request, user)
            if target is not None:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
