"""On the way to a decision: komplettering, föredragning and beslut."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from applications.models.application import Application
from grants.models import MONEY


class Outcome(models.TextChoices):
    GRANTED = "granted", _("granted")
    REJECTED = "rejected", _("rejected")


class RejectionReason(models.TextChoices):
    CRITERIA_NOT_MET = "criteria_not_met", _("not all criteria met")
    INCOMPLETE = "incomplete", _("application incomplete")
    COMPLETION_NOT_SUPPLIED = (
        "completion_not_supplied",
        _("completion not supplied when requested"),
    )


class CompletionRequestQuerySet(models.QuerySet):
    def still_open(self):
        """Neither answered nor recorded as never answered."""
        return self.filter(answered_on__isnull=True, lapsed_on__isnull=True)

    def lapsed(self):
        """Recorded as not answered by the reply-by date."""
        return self.filter(lapsed_on__isnull=False)


class CompletionRequest(models.Model):
    """A komplettering: missing material asked of the applicant, with a reply-by.

    It ends answered (`answered_on`, perhaps with the file that came in) or
    lapsed (`lapsed_on`: the handläggare recorded that nothing came by the
    reply-by date, which is what a rejection "ej kompletterad" rests on).
    """

    application = models.ForeignKey(
        Application,
        models.CASCADE,
        related_name="completion_requests",
        verbose_name=_("application"),
    )
    requested_on = models.DateField(_("requested"))
    reply_by = models.DateField(_("reply by"), db_index=True)
    message = models.TextField(_("what is missing"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    answer_note = models.TextField(_("answer"), blank=True)
    answer_document = models.ForeignKey(
        "applications.Document",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document supplied"),
    )
    lapsed_on = models.DateField(_("recorded as not supplied"), null=True, blank=True)
    lapsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded as not supplied by"),
    )

    objects = CompletionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("completion request")
        verbose_name_plural = _("completion requests")
        ordering = ["-requested_on", "-pk"]
        indexes = [
            # Overdue kompletteringar: only the ones not yet answered.
            models.Index(
                fields=["reply_by"],
                condition=Q(answered_on__isnull=True),
                name="completion_open_reply_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_by__gte=F("requested_on")),
                name="completion_reply_by_after_request",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True)
                | Q(answered_on__gte=F("requested_on")),
                name="completion_answered_after_request",
            ),
            # Lapsed only after its reply-by date, and never also answered.
            models.CheckConstraint(
                condition=Q(lapsed_on__isnull=True)
                | Q(lapsed_on__gt=F("reply_by"), answered_on__isnull=True),
                name="completion_lapsed_after_reply_by",
            ),
        ]


def outcome_consistent(name: str) -> models.CheckConstraint:
    """A proposed grant has an amount above zero and no rejection reason; a proposed
    rejection has a reason."""
    return models.CheckConstraint(
        condition=(
            Q(
                outcome=Outcome.GRANTED,
                amount__isnull=False,
                amount__gt=0,
                rejection_reason="",
            )
            | (Q(outcome=Outcome.REJECTED) & ~Q(rejection_reason=""))
        ),
        name=name,
    )


class ProposedDecision(models.Model):
    """What a föredragning proposes and who wrote it: the proposal in force and
    each of its versions."""

    outcome = models.CharField(_("proposed outcome"), max_length=20, choices=Outcome)
    amount = models.DecimalField(_("proposed amount"), null=True, blank=True, **MONEY)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=30, choices=RejectionReason, blank=True
    )
    motivation = models.TextField(_("motivation"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    prepared_at = models.DateTimeField(_("prepared"))

    class Meta:
        abstract = True


class Proposal(ProposedDecision):
    """A föredragning: the case officer's proposed decision."""

    application = models.OneToOneField(
        Application,
        models.CASCADE,
        related_name="proposal",
        verbose_name=_("application"),
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [outcome_consistent("proposal_outcome_consistent")]


class ProposalVersion(ProposedDecision):
    """One submitted version of the föredragning, kept with its author.

    The Proposal row is the version in force; every submission also writes a
    version here, so a return and a resubmission never erase who proposed what
    (four-eyes: no author of any version may decide, applications/permissions.py).
    """

    application = models.ForeignKey(
        Application,
        models.CASCADE,
        related_name="proposal_versions",
        verbose_name=_("application"),
    )
    number = models.PositiveIntegerField(_("version"))

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="proposal_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="proposal_version_number_gte_1"
            ),
            outcome_consistent("proposal_version_outcome_consistent"),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.number}"


class Decision(models.Model):
    """A beslut: granted (possibly a lower amount) or rejected with a reason."""

    application = models.OneToOneField(
        Application,
        models.PROTECT,
        related_name="decision",
        verbose_name=_("application"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome)
    requested_amount = models.DecimalField(_("requested amount at decision"), **MONEY)
    granted_amount = models.DecimalField(
        _("granted amount"), null=True, blank=True, **MONEY
    )
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=30, choices=RejectionReason, blank=True
    )
    rejection_details = models.TextField(_("rejection details"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("decision date"), db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        outcome=Outcome.GRANTED,
                        granted_amount__isnull=False,
                        granted_amount__gt=0,
                        granted_amount__lte=F("requested_amount"),
                        rejection_reason="",
                    )
                    | Q(
                        outcome=Outcome.REJECTED,
                        granted_amount__isnull=True,
                    )
                    & ~Q(rejection_reason="")
                ),
                name="decision_outcome_consistent",
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0),
                name="decision_requested_gte_0",
            ),
            models.CheckConstraint(
                condition=Q(presented_by__isnull=True)
                | Q(decided_by__isnull=True)
                | ~Q(presented_by=F("decided_by")),
                name="decision_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"
