"""Users and their authenticators in the admin.

Users can be deactivated, never deleted, because the audit trail names them (on
PostgreSQL a trigger would refuse the change anyway). A password an administrator
sets is the user's only until their next login: then they choose their own and
enrol their authenticator again. An authenticator's key is never shown: an
administrator can only delete the authenticator, which makes its user enrol anew.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core.exceptions import PermissionDenied

# django-otp's own admin registers TOTPDevice with its key and QR code; it is
# imported here so that the registration below always replaces it.
from django_otp.plugins.otp_totp import admin as otp_totp_admin  # noqa: F401
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import user_password_change_require, user_password_set_by_other

User = get_user_model()


class PasswordSetByAdminForm(AdminPasswordChangeForm):
    """The admin's password form: the user must choose their own password and
    enrol their authenticator again at their next login."""

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        usable = self.cleaned_data["set_usable_password"]
        user_password_set_by_other(
            user=self.user, password=self.cleaned_data["password1"] if usable else None
        )
        return self.user


class UndeletableUserAdmin(UserAdmin):
    change_password_form = PasswordSetByAdminForm

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new user's first password is the administrator's
            user_password_change_require(user=obj)


class AuthenticatorAdmin(admin.ModelAdmin):
    """Authenticator apps, listed and deleted only: no page shows a key or a QR
    code, none is added or changed here (django-otp's config and QR views are not
    routed at all)."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_display_links = None
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    exclude = ["key"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        raise PermissionDenied


admin.site.unregister(User)
admin.site.register(User, UndeletableUserAdmin)
admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, AuthenticatorAdmin)
