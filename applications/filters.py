"""The work list's filters, search and sort (django-filter)."""

from functools import cached_property

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications import selectors
from applications.models import Application, ApplicationKind, Status
from applications.widgets import ListSelect

SORTS = (
    ("-received_on", _("Received, newest first")),
    ("received_on", _("Received, oldest first")),
    ("reference_number", _("Reference number")),
    ("-requested_amount", _("Requested amount, largest first")),
    ("requested_amount", _("Requested amount, smallest first")),
    ("status", _("Status")),
)
# Each sort with a tie-breaker in the same direction, so that one index read
# forwards or backwards gives the page without sorting every row (the indexes of
# Application.Meta; docs/performance.md).
SORT_ORDER = {
    "-received_on": ("-received_on", "-pk"),
    "received_on": ("received_on", "pk"),
    "reference_number": ("reference_number",),
    "-requested_amount": ("-requested_amount", "-pk"),
    "requested_amount": ("requested_amount", "pk"),
    "status": ("status", "pk"),
}


INVALID_ROW = forms.ModelChoiceField.default_error_messages["invalid_choice"]
ROW_FILTERS = ("budget_year", "municipality", "county", "police_region", "assigned_to")


def _row_choice(label, field_name=None) -> django_filters.ChoiceFilter:
    """A filter on a related row, chosen by id from the options of
    `selectors.work_list_choices` (set per filterset, see __init__)."""
    return django_filters.ChoiceFilter(
        label=label,
        field_name=field_name,
        empty_label=_("All"),
        widget=ListSelect,
        # The message of a model choice: it does not repeat what was typed.
        error_messages={"invalid_choice": INVALID_ROW},
    )


class ApplicationFilter(django_filters.FilterSet):
    """The filters of the work list.

    The options of year, kommun, län, polisregion and handläggare are read once per
    request in one query, and the chosen ids are checked against those options, so
    the form costs one query however many filters are chosen; the selects write
    their options without a template per option (applications/widgets.py).
    """

    q = django_filters.CharFilter(
        label=_("Search reference number or applicant"), method="search"
    )
    budget_year = _row_choice(_("Budget year"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        empty_label=_("All"),
        widget=ListSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=ApplicationKind.choices,
        empty_label=_("All"),
        widget=ListSelect,
    )
    municipality = _row_choice(_("Municipality"), "applicant_municipality")
    county = _row_choice(_("County"), "applicant_municipality__county")
    police_region = _row_choice(
        _("Police region"), "applicant_municipality__police_region"
    )
    assigned_to = _row_choice(_("Case officer"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORTS,
        method="sort_by",
        empty_label=None,
        null_label=None,
        widget=ListSelect,
    )

    class Meta:
        model = Application
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ROW_FILTERS:
            self.filters[name].extra["choices"] = self._choices_of(name)

    def _choices_of(self, name: str):
        return lambda: self._choices[name]

    @cached_property
    def _choices(self) -> dict[str, list[tuple[int, str]]]:
        return selectors.work_list_choices()

    @cached_property
    def _applicants(self) -> dict[str, tuple[list[int], list[int]]]:
        return {}

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value not in self._applicants:
            self._applicants[value] = selectors.applicants_named(text=value)
        municipalities, organisations = self._applicants[value]
        condition = Q(reference_number__icontains=value)
        if municipalities:
            condition |= Q(applicant_municipality__in=municipalities)
        if organisations:
            condition |= Q(applicant_organisation__in=organisations)
        return queryset.filter(condition)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDER[value])

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by(*SORT_ORDER["-received_on"])
        return queryset

    def queryset_without(self, name: str, queryset):
        """`queryset` filtered like the list by every filter but `name` (and the
        sort), with the form validated once for both."""
        if not self.is_bound:
            return queryset
        self.errors  # noqa: B018 - validates the form
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name not in (name, "sort"):
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset
