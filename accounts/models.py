"""What accounts keeps about a login beyond Django's user."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordChangeRequired(models.Model):
    """A password set by someone other than its user (an administrator in the
    admin, or `manage.py changepassword`).

    While the row exists, the user's next login goes from the password straight to
    choosing a password of their own; their authenticator was removed with the
    reset, so they enrol again. The row goes when they have chosen the password.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="password_change_required",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("password set"), auto_now_add=True)

    class Meta:
        verbose_name = _("required password change")
        verbose_name_plural = _("required password changes")

    def __str__(self) -> str:
        return str(self.user)
