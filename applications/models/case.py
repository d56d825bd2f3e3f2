"""The individärende: the person by pseudonym, the eligibility criteria, the
handlingsplan with its insatser, and the identity kept apart and encrypted."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from applications.encryption import EncryptedTextField
from applications.models.application import Application
from grants.models import MONEY

# The longest span that "at most six calendar months" can cover; the service
# checks calendar months exactly, the database refuses anything longer than this.
MAX_ACTION_PLAN_DAYS = 184


class Environment(models.TextChoices):
    CRIMINAL = "criminal", _("criminal environment")
    VIOLENT_EXTREMISM = "violent_extremism", _("violent extremism")
    HONOUR = "honour", _("honour-related context")


class IndividualCase(models.Model):
    """An individärende: the person the application concerns, by pseudonym only."""

    CRITERIA = (
        "meets_definition",
        "is_motivated",
        "consented_to_information_exchange",
        "signed_conditions_form",
        "not_evidence_person",
        "social_services_decided_support",
        "coordinator_statement_received",
    )

    application = models.OneToOneField(
        Application,
        models.CASCADE,
        related_name="individual_case",
        verbose_name=_("application"),
    )
    case_code = models.CharField(_("case code"), max_length=30, unique=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True
    )
    environment = models.CharField(
        _("environment"), max_length=30, choices=Environment.choices
    )
    protection_need = models.BooleanField(_("protection need"), default=False)
    meets_definition = models.BooleanField(
        _("meets the definition of a defector"), null=True, blank=True
    )
    is_motivated = models.BooleanField(_("is motivated"), null=True, blank=True)
    consented_to_information_exchange = models.BooleanField(
        _("has consented to information exchange"), null=True, blank=True
    )
    signed_conditions_form = models.BooleanField(
        _("has signed the form with conditions"), null=True, blank=True
    )
    not_evidence_person = models.BooleanField(
        _("is not an evidence person"), null=True, blank=True
    )
    social_services_decided_support = models.BooleanField(
        _("social services have decided on support"), null=True, blank=True
    )
    coordinator_statement_received = models.BooleanField(
        _("statement from the defector coordinator received"), null=True, blank=True
    )
    coordinator_statement = models.TextField(
        _("statement from the defector coordinator"), blank=True
    )

    class Meta:
        verbose_name = _("individual case")
        verbose_name_plural = _("individual cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | (Q(birth_year__gte=1900) & Q(birth_year__lte=2100)),
                name="individualcase_birth_year_plausible",
            )
        ]

    def __str__(self) -> str:
        return self.case_code


class CriterionRecord(models.Model):
    """Who recorded an eligibility criterion of an individärende, and when."""

    case = models.ForeignKey(
        IndividualCase,
        models.CASCADE,
        related_name="criterion_records",
        verbose_name=_("individual case"),
    )
    criterion = models.CharField(
        _("criterion"),
        max_length=50,
        choices=[(c, c) for c in IndividualCase.CRITERIA],
    )
    value = models.BooleanField(_("met"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("criterion record")
        verbose_name_plural = _("criterion records")
        ordering = ["case", "criterion", "-recorded_at", "-pk"]


class ActionPlan(models.Model):
    """A handlingsplan: the insatser bought for one individual, at most six months."""

    application = models.OneToOneField(
        Application,
        models.CASCADE,
        related_name="action_plan",
        verbose_name=_("application"),
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="actionplan_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(
                    ends_on__lte=F("starts_on") + timedelta(days=MAX_ACTION_PLAN_DAYS)
                ),
                name="actionplan_at_most_six_months",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"


class InterventionKind(models.TextChoices):
    TREATMENT_PROGRAMME = (
        "treatment_programme",
        _("treatment programme against criminal thinking patterns"),
    )
    ADDICTION = "addiction", _("addiction treatment")
    COACHING = "coaching", _("individual coaching")
    PSYCHOLOGY = "psychology", _("psychological assessment and treatment")
    HEALTH = "health", _("other health measures")
    EMPLOYMENT = "employment", _("employment")
    NETWORK = "network", _("support to build new networks")
    HOUSING = "housing", _("housing costs")
    OTHER = "other", _("other")


class Intervention(models.Model):
    """An insats in a handlingsplan, bought from an external provider."""

    action_plan = models.ForeignKey(
        ActionPlan,
        models.CASCADE,
        related_name="interventions",
        verbose_name=_("action plan"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=InterventionKind.choices)
    provider = models.ForeignKey(
        "grants.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("provider"),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    cost = models.DecimalField(_("cost"), **MONEY)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gte=0), name="intervention_cost_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="intervention_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class IndividualIdentity(models.Model):
    """Who an individärende concerns: kept apart from the case and encrypted at rest.

    Only handläggare and beslutsfattare see it (applications.permissions); everyone
    else knows the case by its case code. The personnummer is also kept as a keyed
    hash, so that the same person can be found in another application without the
    number itself being searched for or shown.
    """

    case = models.OneToOneField(
        IndividualCase,
        models.CASCADE,
        related_name="identity",
        verbose_name=_("individual case"),
    )
    full_name = EncryptedTextField(_("name"), blank=True)
    personal_number = EncryptedTextField(
        _("personal identity or coordination number"), blank=True
    )
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    personal_number_digest = models.CharField(
        _("keyed hash of the personal identity number"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self) -> str:
        # Never the identity itself: audit entries and logs show this.
        return str(self.case)

    @property
    def personal_number_display(self) -> str:
        """The personnummer as usually written: YYYYMMDD-NNNN."""
        number = self.personal_number
        return f"{number[:8]}-{number[8:]}" if len(number) == 12 else number
