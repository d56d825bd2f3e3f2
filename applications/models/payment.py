"""After a grant: utbetalningar and the återrapportering."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications.models.application import Application
from grants.models import MONEY


class Disbursement(models.Model):
    """An utbetalning of granted money."""

    application = models.ForeignKey(
        Application,
        models.PROTECT,
        related_name="disbursements",
        verbose_name=_("application"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("payment date"), db_index=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")), name="disbursement_amount_gt_0"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} kr {self.paid_on}"


class FollowUpReport(models.Model):
    """An återrapportering: what the recipient spent and achieved."""

    application = models.OneToOneField(
        Application,
        models.CASCADE,
        related_name="follow_up",
        verbose_name=_("application"),
    )
    due_on = models.DateField(_("due"), db_index=True)
    received_on = models.DateField(_("received"), null=True, blank=True)
    spent_amount = models.DecimalField(
        _("spent amount"), null=True, blank=True, **MONEY
    )
    results = models.TextField(_("results"), blank=True)
    reclaim_amount = models.DecimalField(
        _("amount to reclaim"), default=Decimal("0"), **MONEY
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        indexes = [
            # Overdue återrapporteringar: only the ones not yet received.
            models.Index(
                fields=["due_on"],
                condition=Q(received_on__isnull=True),
                name="followup_open_due_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(spent_amount__isnull=True) | Q(spent_amount__gte=0),
                name="followup_spent_gte_0",
            ),
            models.CheckConstraint(
                condition=Q(reclaim_amount__gte=0), name="followup_reclaim_gte_0"
            ),
        ]
