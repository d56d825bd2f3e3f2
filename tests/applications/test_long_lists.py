"""What the case pages do so that they stay fast with many applications: the work
list's filter options and chosen values cost one query, its total comes from the
counts per status, applicants are searched through their ids, the decision queue
is paged, and the dashboard shows the oldest overdue items and how many there are.
The work list reads only what its table shows, sorts from an index in both
directions and reads a deep page's skipped rows as ids only; its export writes
every column in a fixed number of queries."""

import csv
import io
from datetime import timedelta

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.filters import ApplicationFilter
from applications.models import Application, ApplicationKind, Status
from applications.selectors import OVERDUE_SHOWN, application_list
from applications.services import follow_up_register
from applications.views.pagination import PAGE_SIZE
from applications.widgets import ListSelect
from grants.models import BudgetYear, County, Municipality, PoliceRegion
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    OrganisationFactory,
    municipality,
)
from tests.scenarios import case_at, registered


def options(response, name: str) -> list[tuple[str, str]]:
    field = response.context["filter"].form[name]
    return [(str(value), str(label)) for value, label in field.field.choices]


def test_filter_options_are_the_rows_in_their_order(client, officer, budget_year):
    BudgetYearFactory(year=2021)
    client.force_login(officer)
    response = client.get(reverse("applications:list"))
    all_ = [("", "Alla")]
    assert options(response, "budget_year") == all_ + [
        (str(y.pk), str(y.year)) for y in BudgetYear.objects.order_by("-year")
    ]
    assert options(response, "county") == all_ + [
        (str(c.pk), c.name) for c in County.objects.order_by("code")
    ]
    assert options(response, "municipality") == all_ + [
        (str(m.pk), m.name) for m in Municipality.objects.order_by("name")
    ]
    assert options(response, "police_region") == all_ + [
        (str(r.pk), r.name) for r in PoliceRegion.objects.order_by("name")
    ]
    assert options(response, "assigned_to") == all_ + [
        (str(officer.pk), officer.username)
    ]


def test_the_filter_form_costs_one_query_however_many_filters_are_chosen(
    officer, budget_year, django_assert_num_queries
):
    stockholm = municipality("0180")
    data = {
        "budget_year": budget_year.pk,
        "county": stockholm.county_id,
        "municipality": stockholm.pk,
        "police_region": stockholm.police_region_id,
        "assigned_to": officer.pk,
    }
    filterset = ApplicationFilter(data, queryset=Application.objects.all())
    with django_assert_num_queries(1):
        assert filterset.is_valid()
        html = str(filterset.form)
    assert f'<option value="{stockholm.pk}" selected>Stockholm</option>' in html


def test_unknown_ids_are_refused_as_a_model_choice_is(client, officer, budget_year):
    ApplicationFactory(budget_year=budget_year)
    client.force_login(officer)
    response = client.get(reverse("applications:list"), {"county": "999999"})
    errors = response.context["filter"].form.errors["county"]
    assert errors == [
        "Välj ett giltigt alternativ. Det valet finns inte bland tillgängliga "
        "alternativ."
    ]
    assert response.context["total"] == 1  # the unknown filter is not applied


def test_the_total_is_the_sum_of_the_counts_it_stands_for(client, officer, budget_year):
    for status in (Status.RECEIVED, Status.RECEIVED, Status.IN_REVIEW):
        case_at(status, budget_year=budget_year)
    registered(budget_year=BudgetYearFactory(year=2023))
    client.force_login(officer)
    url = reverse("applications:list")
    assert client.get(url).context["total"] == 4
    assert client.get(url, {"budget_year": budget_year.pk}).context["total"] == 3
    response = client.get(url, {"budget_year": budget_year.pk, "status": "received"})
    assert response.context["total"] == 2
    assert response.context["page"].paginator.num_pages == 1
    assert client.get(url, {"status": "nonsense"}).context["total"] == 4


def test_search_finds_applicants_by_name_and_applications_by_number(
    client, officer, budget_year
):
    verket = OrganisationFactory(name="Statens institutionsstyrelse")
    agency = ApplicationFactory(
        budget_year=budget_year,
        agency=True,
        applicant_organisation=verket,
        reference_number="A10/2022",
    )
    sala = ApplicationFactory(
        budget_year=budget_year,
        applicant_municipality=municipality("1981"),
        reference_number="A11/2022",
    )
    other = ApplicationFactory(
        budget_year=budget_year,
        applicant_municipality=municipality("0180"),
        reference_number="B12/2022",
    )
    client.force_login(officer)

    def found(text: str) -> set[Application]:
        response = client.get(reverse("applications:list"), {"q": text})
        return set(response.context["page"].object_list)

    assert found("institutions") == {agency}
    assert found("SALA") == {sala}
    assert found("a1") == {agency, sala}
    assert found("b12/") == {other}
    assert found("ingenting") == set()


def test_pending_completion_is_marked_in_the_list(officer, budget_year):
    waiting = case_at(Status.COMPLETION_REQUESTED, budget_year=budget_year)
    answered = case_at(Status.IN_REVIEW, budget_year=budget_year, completion=True)
    assert answered.completion_requests.get().answered_on is not None
    rows = {a.pk: a.completion_pending for a in application_list(user=officer)}
    assert rows == {waiting.pk: True, answered.pk: False}


def test_list_select_writes_what_djangos_select_writes():
    choices = [("", "Alla"), (1, "Å & Ö"), (2, "Uppsala"), (20, "Ystad")]
    for value in (None, "", "2", "20", "3"):
        ours, django = ListSelect(), forms.Select()
        ours.choices = django.choices = choices
        attrs = {"id": "id_x"}
        assert ours.render("x", value, attrs) == django.render("x", value, attrs)


def test_the_decision_queue_is_paged(client, officer, decider, budget_year):
    for _ in range(PAGE_SIZE + 2):
        case_at(Status.PREPARED, budget_year=budget_year, officer=officer)
    client.force_login(decider)
    url = reverse("applications:decision_queue")
    first = client.get(url)
    assert len(first.context["queue"]) == PAGE_SIZE
    assert f"{PAGE_SIZE + 2} ansökningar väntar" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["queue"]) == 2
    shown = {a.pk for a in first.context["queue"]} | {
        a.pk for a in second.context["queue"]
    }
    assert len(shown) == PAGE_SIZE + 2
    past_the_end = client.get(url, {"page": 99})
    assert past_the_end.context["page"].number == 2
    assert len(past_the_end.context["queue"]) == 2
    assert client.get(url, {"page": "x"}).context["page"].number == 1


def test_an_empty_decision_queue_says_so(client, decider):
    client.force_login(decider)
    response = client.get(reverse("applications:decision_queue"))
    assert list(response.context["queue"]) == []
    assert "Inget väntar på ditt beslut" in response.content.decode()


def test_the_dashboard_lists_the_oldest_overdue_items_and_counts_all(
    client, officer, reader, budget_year
):
    due = timezone.localdate() - timedelta(days=40)
    year = {"budget_year": budget_year, "officer": officer}
    for n in range(OVERDUE_SHOWN + 2):
        paid = case_at(Status.PAID, reference_number=f"F{n:02d}", **year)
        follow_up_register(application=paid, by=officer, due_on=due + timedelta(n))
        waiting = case_at(
            Status.COMPLETION_REQUESTED, reference_number=f"K{n:02d}", **year
        )
        # Time passes: the komplettering was asked for on `due` and is now late.
        waiting.completion_requests.update(
            requested_on=due, reply_by=due + timedelta(n)
        )
    client.force_login(reader)
    response = client.get(reverse("applications:dashboard_year", args=[2022]))
    summary = response.context["summary"]
    assert [r.application.reference_number for r in summary.overdue_follow_ups] == [
        f"F{n:02d}" for n in range(OVERDUE_SHOWN)
    ]
    assert summary.overdue_follow_ups_total == OVERDUE_SHOWN + 2
    assert len(summary.overdue_completions) == OVERDUE_SHOWN
    assert summary.overdue_completions_total == OVERDUE_SHOWN + 2
    page = response.content.decode()
    assert page.count(f"De {OVERDUE_SHOWN} äldsta av {OVERDUE_SHOWN + 2}.") == 2
    assert reverse("applications:follow_up_overdue") in page


def test_the_dashboard_figures_are_those_of_the_year(client, officer, budget_year):
    year = {"budget_year": budget_year, "officer": officer}
    case_at(Status.GRANTED, amount="1000", **year)
    case_at(Status.REJECTED, **year)
    case_at(Status.GRANTED, amount="500", kind=ApplicationKind.OPERATING_GRANT, **year)
    registered(budget_year=budget_year)
    case_at(Status.GRANTED, budget_year=BudgetYearFactory(year=2023), amount="7000")
    client.force_login(officer)
    summary = client.get(reverse("applications:dashboard_year", args=[2022])).context[
        "summary"
    ]
    assert summary.granted == 1500 and summary.granted_operating == 500
    counts = {row["status"]: row["count"] for row in summary.status_counts}
    assert counts[Status.GRANTED] == 2 and counts[Status.REJECTED] == 1
    assert counts[Status.RECEIVED] == 1 and sum(counts.values()) == 4


def test_the_work_list_reads_no_free_text_and_no_unshown_joins(officer, budget_year):
    ApplicationFactory(budget_year=budget_year, purpose="Lång fritext om individen")
    row = application_list(user=officer).get()
    assert {"purpose", "budget_year_id", "created_at"} <= row.get_deferred_fields()
    assert "budget_year" not in row._state.fields_cache


def test_the_work_list_export_writes_every_column_in_a_fixed_number_of_queries(
    client, reader, budget_year, django_assert_num_queries
):
    case_at(
        Status.GRANTED,
        budget_year=budget_year,
        reference_number="A1/2022",
        municipality_code="1280",
        requested="400000",
    )
    ApplicationFactory(budget_year=budget_year, reference_number="A2/2022", agency=True)
    client.force_login(reader)
    url = reverse("applications:export", args=["csv"])
    rows = list(
        csv.DictReader(io.StringIO(client.get(url).content.decode("utf-8-sig")))
    )
    by_number = {row["Diarienummer"]: row for row in rows}
    malmo = by_number["A1/2022"]
    assert malmo["Typ"] == "individärende från kommun"
    assert malmo["Sökande"] == "Malmö"
    assert malmo["Län"] == "Skåne län"
    assert malmo["Polisregion"] == "Region Syd"
    assert malmo["Budgetår"] == "2022"
    assert malmo["Beviljat belopp (kr)"] == "400000.00"
    assert malmo["Status"] == "beviljad"
    assert by_number["A2/2022"]["Typ"] == "ansökan från myndighet"
    assert by_number["A2/2022"]["Län"] == ""

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ApplicationFactory.create_batch(5, budget_year=budget_year, agency=True)
    with django_assert_num_queries(len(few)):
        client.get(url)
