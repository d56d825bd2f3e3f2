"""Login with password and a code from an authenticator app (TOTP); a password of
the user's own after one someone else set; the user's own change of password."""

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from accounts.forms import OwnPasswordForm, TokenForm
from accounts.middleware import SESSION_OTP_REQUIRED, SESSION_PASSWORD_CHANGE_REQUIRED
from accounts.qr import totp_qr_svg
from accounts.selectors import user_has_authenticator, user_must_change_password
from accounts.services import (
    totp_device_confirm,
    totp_device_start,
    totp_verify,
    user_password_change,
)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _second_factor_accepted(request, device) -> None:
    """Mark the session verified under a new session key and a new CSRF token.

    A session key or token known before the code was given (seen on a shared
    computer, or planted) must not become a verified session: django-otp's login
    keeps the key, so it is changed here, as Django's login does for the password.
    """
    otp_login(request, device)
    request.session.cycle_key()
    rotate_token(request)


class LoginView(auth_views.LoginView):
    """The password step. django-axes counts failures and locks out."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if user_must_change_password(user=user):
            self.request.session[SESSION_PASSWORD_CHANGE_REQUIRED] = True
        if user_has_authenticator(user=user):
            self.request.session[SESSION_OTP_REQUIRED] = True
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["two_factor_required"] = settings.REQUIRE_2FA
        return context


@never_cache
@sensitive_post_parameters("token")
@login_required
def two_factor_verify(request):
    """The second step: the code from the user's authenticator app."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not user_has_authenticator(user=request.user):
        return redirect(f"{resolve_url('two_factor_setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = totp_verify(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            _second_factor_accepted(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _("The code is wrong or has expired; wait a moment before trying again."),
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


@never_cache
@sensitive_post_parameters("token")
@login_required
def two_factor_setup(request):
    """Enrolment: scan the QR code and confirm with the first code."""
    if user_has_authenticator(user=request.user):
        return redirect(f"{resolve_url('two_factor_verify')}?{request.GET.urlencode()}")
    device = totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, token=form.cleaned_data["token"]):
            _second_factor_accepted(request, device)
            request.session[SESSION_OTP_REQUIRED] = True
            messages.success(request, _("Two-factor login is set up."))
            return redirect(_next_url(request))
        form.add_error("token", _("The code does not match. Try the next code."))
    secret = device.bin_key
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            # Drawn here from our own data; contains no user input.
            "qr_svg": mark_safe(totp_qr_svg(config_url=device.config_url)),  # noqa: S308
            "secret": _base32(secret),
        },
    )


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@login_required
def password_choose(request):
    """After a password someone else set: the user chooses their own, then enrols
    their authenticator again (the reset removed it)."""
    if not request.session.get(SESSION_PASSWORD_CHANGE_REQUIRED):
        return redirect(_next_url(request))
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_password_change(
            user=request.user, password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, request.user)
        del request.session[SESSION_PASSWORD_CHANGE_REQUIRED]
        request.session[SESSION_OTP_REQUIRED] = True
        messages.success(request, _("Your new password is saved."))
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/password_choose.html",
        {"form": form, "next": _next_url(request)},
    )


@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
def password_change(request):
    """The user changes their own password, giving the current one first."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_password_change(
            user=request.user, password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password is changed."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/password_change.html", {"form": form})


def _base32(key: bytes) -> str:
    text = b32encode(key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
