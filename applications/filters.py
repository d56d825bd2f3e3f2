"""The work list's filters, search and sort (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications.forms import case_officers
from applications.models import Application, ApplicationKind, Status
from grants.models import BudgetYear, County, Municipality, PoliceRegion

SORTS = (
    ("-received_on", _("Received, newest first")),
    ("received_on", _("Received, oldest first")),
    ("reference_number", _("Reference number")),
    ("-requested_amount", _("Requested amount, largest first")),
    ("requested_amount", _("Requested amount, smallest first")),
    ("status", _("Status")),
)


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search reference number or applicant"), method="search"
    )
    budget_year = django_filters.ModelChoiceFilter(
        label=_("Budget year"),
        queryset=BudgetYear.objects.all(),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ApplicationKind.choices, empty_label=_("All")
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="applicant_municipality",
        queryset=Municipality.objects.all(),
        empty_label=_("All"),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        field_name="applicant_municipality__county",
        queryset=County.objects.all(),
        empty_label=_("All"),
    )
    police_region = django_filters.ModelChoiceFilter(
        label=_("Police region"),
        field_name="applicant_municipality__police_region",
        queryset=PoliceRegion.objects.all(),
        empty_label=_("All"),
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Case officer"),
        queryset=case_officers(),
        empty_label=_("All"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORTS,
        method="sort_by",
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Application
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference_number__icontains=value)
            | Q(applicant_municipality__name__icontains=value)
            | Q(applicant_organisation__name__icontains=value)
        )

    def sort_by(self, queryset, name, value):
        return queryset.order_by(value, "-pk")

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by("-received_on", "-pk")
        return queryset
