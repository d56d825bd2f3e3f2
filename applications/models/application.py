"""The ansökan: its kind, its status and the application itself."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grants.models import MONEY


class ApplicationKind(models.TextChoices):
    INDIVIDUAL = "individual", _("individual case from a municipality")
    AGENCY = "agency", _("application from an agency")
    OPERATING_GRANT = "operating_grant", _("direct operating grant")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_REVIEW = "in_review", _("under review")
    COMPLETION_REQUESTED = "completion_requested", _("completion requested")
    PREPARED = "prepared", _("prepared for decision")
    GRANTED = "granted", _("granted")
    REJECTED = "rejected", _("rejected")
    PARTLY_PAID = "partly_paid", _("partly paid out")
    PAID = "paid", _("paid out")
    REPORTED = "reported", _("reported back")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ApplicationQuerySet(models.QuerySet):
    def awaiting_decision(self):
        from applications.workflow import AWAITING_DECISION

        return self.filter(status__in=AWAITING_DECISION)


class Application(models.Model):
    """An ansökan: one request for money, identified by its diarienummer."""

    reference_number = models.CharField(
        _("reference number"), max_length=50, unique=True
    )
    # accounts.text.key_fold(reference_number): unique, so that no diarienummer
    # stands beside a look-alike of another (case, spaces, invisible characters).
    reference_key = models.CharField(
        _("reference number as compared"), max_length=1000, unique=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ApplicationKind.choices)
    applicant_municipality = models.ForeignKey(
        "grants.Municipality",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("applicant municipality"),
    )
    applicant_organisation = models.ForeignKey(
        "grants.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("applicant organisation"),
    )
    budget_year = models.ForeignKey(
        "grants.BudgetYear",
        models.PROTECT,
        related_name="applications",
        verbose_name=_("budget year"),
    )
    received_on = models.DateField(_("received"))
    requested_amount = models.DecimalField(_("requested amount"), **MONEY)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        verbose_name=_("case officer"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["budget_year", "status"], name="app_year_status_idx"),
            models.Index(fields=["kind", "budget_year"], name="app_kind_year_idx"),
            # The work list's default order, unfiltered and within a budget year,
            # and status lists such as the decision queue in date order
            # (docs/performance.md). The trigram index for searching diarienummer
            # is created by a PostgreSQL-only migration.
            models.Index(fields=["-received_on", "-id"], name="app_received_idx"),
            models.Index(
                fields=["budget_year", "-received_on", "-id"],
                name="app_year_received_idx",
            ),
            models.Index(
                fields=["status", "received_on", "id"], name="app_status_received_idx"
            ),
            # The work list sorted by requested amount (either way) and by status.
            models.Index(fields=["requested_amount", "id"], name="app_amount_idx"),
            models.Index(fields=["status", "id"], name="app_status_id_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0),
                name="application_requested_gte_0",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=ApplicationKind.INDIVIDUAL,
                        applicant_municipality__isnull=False,
                        applicant_organisation__isnull=True,
                    )
                    | (
                        ~Q(kind=ApplicationKind.INDIVIDUAL)
                        & Q(
                            applicant_municipality__isnull=True,
                            applicant_organisation__isnull=False,
                        )
                    )
                ),
                name="application_applicant_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.reference_number

    @property
    def applicant(self):
        return self.applicant_municipality or self.applicant_organisation

    @property
    def is_individual(self) -> bool:
        return self.kind == ApplicationKind.INDIVIDUAL
