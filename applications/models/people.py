"""Staff facts the rules need: delegationer and the polisregion of a user."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from applications.models.application import ApplicationKind
from grants.models import MONEY


class Delegation(models.Model):
    """Who may decide which application kind, up to which amount, in which period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="delegations",
        verbose_name=_("user"),
    )
    kind = models.CharField(
        _("application kind"), max_length=20, choices=ApplicationKind.choices
    )
    max_amount = models.DecimalField(_("up to amount"), **MONEY)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["user", "kind", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_amount__gte=0), name="delegation_max_amount_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="delegation_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} ≤ {self.max_amount}"


class StaffProfile(models.Model):
    """Per-user facts the roles need: the polisregion of an avhopparsamordnare."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    police_region = models.ForeignKey(
        "grants.PoliceRegion",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("police region"),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return str(self.user)
