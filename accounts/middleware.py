"""Nothing but the login pages until the second factor is given."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.selectors import user_has_authenticator

# Set at login for a user with an authenticator, so that it is asked for even when
# REQUIRE_2FA is off (development) without a query on every request.
SESSION_OTP_REQUIRED = "otp_required"

_OPEN_URL_NAMES = (
    "login",
    "logout",
    "set_language",
    "two_factor_verify",
    "two_factor_setup",
)


class RequireTwoFactorMiddleware:
    """Sends a logged-in user who has not given the code from the authenticator
    app to the verification page (or to enrolment when they have no app yet).

    Runs after django-otp's OTPMiddleware, which sets ``user.is_verified()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def _is_open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in _OPEN_URL_NAMES}
        static = (
            settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else "/" + settings.STATIC_URL
        )
        return path in self._open_paths or path.startswith(static)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and (settings.REQUIRE_2FA or request.session.get(SESSION_OTP_REQUIRED))
            and not self._is_open(request.path_info)
        ):
            target = (
                "two_factor_verify"
                if user_has_authenticator(user=user)
                else "two_factor_setup"
            )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
