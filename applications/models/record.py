"""The case file: bilagor and the timeline of händelser."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from applications.encryption import EncryptedTextField
from applications.models.application import Application, Status


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("application")
    COORDINATOR_STATEMENT = "coordinator_statement", _("coordinator's statement")
    CONSENT = "consent", _("consent")
    ACTION_PLAN = "action_plan", _("action plan")
    COMPLETION = "completion", _("completion")
    FOLLOW_UP = "follow_up", _("follow-up report")
    OTHER = "other", _("other")


class Document(models.Model):
    """A bilaga, stored outside any public folder and served only through a view.

    The name the file had when it was sent may name the individual ("Anna ... intyg
    .pdf"): it is stored encrypted like identity data, shown only in the case file
    and offered only as the download's name. Everywhere else, the audit trail
    included, a document is "Bilaga <id>"; the file on disk has a random name.
    """

    application = models.ForeignKey(
        Application,
        models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    original_name = EncryptedTextField(_("file name"))
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        # The audit trail stores this as the object's name: never the file name.
        if self.pk is None:
            return gettext("Document")
        return gettext("Document %(number)s") % {"number": self.pk}


class Event(models.Model):
    """One line in an application's timeline."""

    class Kind(models.TextChoices):
        CREATED = "created", _("registered")
        STATUS = "status", _("status changed")
        COMMENT = "comment", _("comment")
        DOCUMENT = "document", _("document")
        CRITERION = "criterion", _("criterion recorded")
        COMPLETION = "completion", _("completion")
        PROPOSAL = "proposal", _("proposal")
        DECISION = "decision", _("decision")
        DISBURSEMENT = "disbursement", _("disbursement")
        FOLLOW_UP = "follow_up", _("follow-up report")

    application = models.ForeignKey(
        Application,
        models.CASCADE,
        related_name="events",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    from_status = models.CharField(
        _("from status"), max_length=30, choices=Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=30, choices=Status.choices, blank=True
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "pk"]
