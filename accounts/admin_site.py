"""The admin site behind the same two-factor login as the rest of the system."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect, resolve_url


class TwoFactorAdminSite(admin.AdminSite):
    """Like django-otp's OTPAdminSite, but following REQUIRE_2FA and our login page."""

    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        if settings.REQUIRE_2FA or request.session.get("otp_required"):
            return request.user.is_verified()
        return True

    def login(self, request, extra_context=None):
        """Send everyone to the one login page, which knows two-factor login."""
        target = request.GET.get("next") or resolve_url("admin:index")
        return redirect(
            f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': target})}"
        )

    def password_change(self, request, extra_context=None):
        """Administrators change their own password on the same page as everyone."""
        return redirect("password_change")


class TwoFactorAdminConfig(AdminConfig):
    """The Django admin, served by the admin site that requires two-factor login."""

    default = False
    default_site = "accounts.admin_site.TwoFactorAdminSite"
