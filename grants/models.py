"""Money and reference data: län, polisregioner, kommuner, organisations,
anslag per budget year with its amendments and fördelningsbeslut."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2}


class PoliceRegion(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("police region")
        verbose_name_plural = _("police regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class County(models.Model):
    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(
        County, models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    police_region = models.ForeignKey(
        PoliceRegion,
        models.PROTECT,
        related_name="municipalities",
        verbose_name=_("police region"),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{4}$"),
                name="municipality_code_4_digits",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", _("government agency")
        NON_PROFIT = "non_profit", _("non-profit organisation")
        PRIVATE = "private", _("private company")
        PROVIDER = "provider", _("external provider of interventions")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation_number = models.CharField(
        _("organisation number"), max_length=20, blank=True
    )
    vetted_on = models.DateField(
        _("background check (vandelsprövning) done on"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BudgetYear(models.Model):
    """The anslag for one budget year, as set by the regleringsbrev and amended."""

    year = models.PositiveSmallIntegerField(_("budget year"), unique=True)
    initial_ceiling = models.DecimalField(
        _("ceiling in the appropriation directions"), **MONEY
    )
    ceiling = models.DecimalField(_("current ceiling"), **MONEY)
    operating_grant_ceiling = models.DecimalField(
        _("ceiling for direct operating grants"), null=True, blank=True, **MONEY
    )
    appropriation_reference = models.CharField(
        _("appropriation directions reference"), max_length=100, blank=True
    )
    report_deadline = models.DateField(_("report deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(initial_ceiling__gte=0), name="budgetyear_initial_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(ceiling__gte=0), name="budgetyear_ceiling_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(operating_grant_ceiling__isnull=True)
                | (
                    Q(operating_grant_ceiling__gte=0)
                    & Q(operating_grant_ceiling__lte=F("ceiling"))
                ),
                name="budgetyear_operating_ceiling_within_ceiling",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="budgetyear_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class BudgetAmendment(models.Model):
    """An ändringsbeslut: a new ceiling for the budget year from a given date."""

    budget_year = models.ForeignKey(
        BudgetYear,
        models.CASCADE,
        related_name="amendments",
        verbose_name=_("budget year"),
    )
    decided_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=200)
    new_ceiling = models.DecimalField(_("new ceiling"), **MONEY)
    new_operating_grant_ceiling = models.DecimalField(
        _("new ceiling for direct operating grants"), null=True, blank=True, **MONEY
    )

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["budget_year", "decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_ceiling__gte=0), name="amendment_ceiling_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(new_operating_grant_ceiling__isnull=True)
                | (
                    Q(new_operating_grant_ceiling__gte=0)
                    & Q(new_operating_grant_ceiling__lte=F("new_ceiling"))
                ),
                name="amendment_operating_ceiling_within_ceiling",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_year} {self.decided_on}: {self.reference}"


class AllocationDecision(models.Model):
    """A fördelningsbeslut: how the budget year's money is split by kind."""

    budget_year = models.ForeignKey(
        BudgetYear,
        models.CASCADE,
        related_name="allocation_decisions",
        verbose_name=_("budget year"),
    )
    decided_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("allocation decision")
        verbose_name_plural = _("allocation decisions")
        ordering = ["budget_year", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.budget_year}: {self.reference}"


class AllocationShare(models.Model):
    """The share of an allocation decision for one application kind."""

    decision = models.ForeignKey(
        AllocationDecision,
        models.CASCADE,
        related_name="shares",
        verbose_name=_("allocation decision"),
    )
    kind = models.CharField(
        _("application kind"),
        max_length=20,
        choices=[
            ("individual", _("individual case from a municipality")),
            ("agency", _("application from an agency")),
            ("operating_grant", _("direct operating grant")),
        ],
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("allocation share")
        verbose_name_plural = _("allocation shares")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind"], name="allocationshare_one_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="allocationshare_amount_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount}"
