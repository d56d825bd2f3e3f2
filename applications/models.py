"""Ansökan, individärende, handlingsplan, komplettering, föredragning, beslut,
återrapportering, bilagor, händelser and delegationer."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from applications.encryption import EncryptedTextField
from grants.models import MONEY

USER = settings.AUTH_USER_MODEL

# The longest span that "at most six calendar months" can cover; the service
# checks calendar months exactly, the database refuses anything longer than this.
MAX_ACTION_PLAN_DAYS = 184


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
    PAID = "paid", _("paid out")
    REPORTED = "reported", _("reported back")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")


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


class Environment(models.TextChoices):
    CRIMINAL = "criminal", _("criminal environment")
    VIOLENT_EXTREMISM = "violent_extremism", _("violent extremism")
    HONOUR = "honour", _("honour-related context")


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
        USER,
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
        USER, models.PROTECT, related_name="+", verbose_name=_("recorded by")
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


class CompletionRequest(models.Model):
    """A komplettering: missing material asked of the applicant, with a reply-by."""

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
        USER, models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    answer_note = models.TextField(_("answer"), blank=True)

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
        ]


class Proposal(models.Model):
    """A föredragning: the case officer's proposed decision."""

    application = models.OneToOneField(
        Application,
        models.CASCADE,
        related_name="proposal",
        verbose_name=_("application"),
    )
    outcome = models.CharField(_("proposed outcome"), max_length=20, choices=Outcome)
    amount = models.DecimalField(_("proposed amount"), null=True, blank=True, **MONEY)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=30, choices=RejectionReason, blank=True
    )
    motivation = models.TextField(_("motivation"))
    prepared_by = models.ForeignKey(
        USER, models.PROTECT, related_name="+", verbose_name=_("prepared by")
    )
    prepared_at = models.DateTimeField(_("prepared"))

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        outcome=Outcome.GRANTED,
                        amount__isnull=False,
                        amount__gt=0,
                        rejection_reason="",
                    )
                    | (Q(outcome=Outcome.REJECTED) & ~Q(rejection_reason=""))
                ),
                name="proposal_outcome_consistent",
            )
        ]


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
        USER,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by"),
    )
    decided_by = models.ForeignKey(
        USER,
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
        USER,
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


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("application")
    COORDINATOR_STATEMENT = "coordinator_statement", _("coordinator's statement")
    CONSENT = "consent", _("consent")
    ACTION_PLAN = "action_plan", _("action plan")
    COMPLETION = "completion", _("completion")
    FOLLOW_UP = "follow_up", _("follow-up report")
    OTHER = "other", _("other")


class Document(models.Model):
    """A bilaga, stored outside any public folder and served only through a view."""

    application = models.ForeignKey(
        Application,
        models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        USER, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name


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
        USER,
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


class Delegation(models.Model):
    """Who may decide which application kind, up to which amount, in which period."""

    user = models.ForeignKey(
        USER, models.CASCADE, related_name="delegations", verbose_name=_("user")
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
        USER, models.CASCADE, related_name="staff_profile", verbose_name=_("user")
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
