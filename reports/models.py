"""Stored parts of the annual redovisning: editable narrative paragraphs per year
and section, and the frozen PDF versions that were sent to the ministry.

Every figure in the report is computed by reports.selectors; nothing here holds a
figure except inside a frozen PDF.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The report's sections that carry editable narrative paragraphs."""

    SUMMARY = "summary", _("Summary")
    ASSIGNMENT = "assignment", _("Government assignment")
    ALLOCATION = "allocation", _("Decision on the allocation of funds")
    CRITERIA = "criteria", _("Conditions for being granted funds")
    MUNICIPALITY_APPLICATIONS = (
        "municipality_applications",
        _("Applications from municipalities"),
    )
    AGENCY_APPLICATIONS = "agency_applications", _("Applications from agencies")
    PAYMENTS = "payments", _("Summary of payments")
    INDIVIDUAL_CASES = "individual_cases", _("Individual cases")
    ORGANISATION = "organisation", _("Recipient organisation")
    TREND = "trend", _("Development over the years")


class AnnualReport(models.Model):
    """The redovisning of one budget year: its diarienummer and narrative texts."""

    budget_year = models.OneToOneField(
        "grants.BudgetYear",
        models.PROTECT,
        related_name="annual_report",
        verbose_name=_("budget year"),
    )
    reference_number = models.CharField(
        _("reference number of the report"), max_length=50, blank=True
    )

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-budget_year__year"]

    def __str__(self) -> str:
        return str(self.budget_year)


class Narrative(models.Model):
    """Plain-text paragraphs (separated by blank lines) for one section of a report."""

    report = models.ForeignKey(
        AnnualReport,
        models.CASCADE,
        related_name="narratives",
        verbose_name=_("annual report"),
    )
    section = models.CharField(_("section"), max_length=40, choices=Section.choices)
    organisation = models.ForeignKey(
        "grants.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        ordering = ["report", "section", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "section"],
                condition=Q(organisation__isnull=True),
                name="narrative_one_per_section",
            ),
            models.UniqueConstraint(
                fields=["report", "section", "organisation"],
                condition=Q(organisation__isnull=False),
                name="narrative_one_per_organisation",
            ),
            models.CheckConstraint(
                condition=(
                    Q(section=Section.ORGANISATION, organisation__isnull=False)
                    | (~Q(section=Section.ORGANISATION) & Q(organisation__isnull=True))
                ),
                name="narrative_organisation_only_for_its_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_section_display()}"


class ReportVersion(models.Model):
    """A frozen report: the exact PDF that was sent, kept byte for byte."""

    report = models.ForeignKey(
        AnnualReport,
        models.PROTECT,
        related_name="versions",
        verbose_name=_("annual report"),
    )
    number = models.PositiveIntegerField(_("version"))
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="reportversion_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="reportversion_number_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"
