"""The work list: start pages, filters, search, counts, paging, the coordinator's
view, the export and how amounts and dates are written."""

import csv
import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from applications.models import (
    Application,
    IndividualCase,
    Status,
)
from applications.services import application_start_review
from tests.factories import ApplicationFactory, municipality
from tests.scenarios import registered


def test_home_sends_each_role_to_its_start_page(client, officer, auditor):
    client.force_login(officer)
    assert client.get("/")["Location"] == reverse("applications:list")
    client.force_login(auditor)
    assert client.get("/")["Location"] == reverse("applications:dashboard")


def test_work_list_filters_searches_and_counts(client, officer, budget_year):
    stockholm = registered(
        budget_year=budget_year, reference_number="A1/2022", municipality_code="0180"
    )
    malmo = registered(
        budget_year=budget_year, reference_number="A2/2022", municipality_code="1280"
    )
    application_start_review(application=malmo, by=officer)
    client.force_login(officer)
    url = reverse("applications:list")

    response = client.get(url, {"q": "malm"})
    assert list(response.context["page"].object_list) == [malmo]

    response = client.get(url, {"county": stockholm.applicant_municipality.county_id})
    assert list(response.context["page"].object_list) == [stockholm]

    response = client.get(url, {"status": Status.IN_REVIEW})
    assert list(response.context["page"].object_list) == [malmo]
    counts = {row["status"]: row["count"] for row in response.context["counts"]}
    assert counts[Status.RECEIVED] == 1 and counts[Status.IN_REVIEW] == 1

    response = client.get(url, {"sort": "reference_number"})
    assert list(response.context["page"].object_list) == [stockholm, malmo]


def test_work_list_paginates(client, officer, budget_year):
    ApplicationFactory.create_batch(30, budget_year=budget_year)
    client.force_login(officer)
    response = client.get(reverse("applications:list"), {"page": 2})
    assert len(response.context["page"].object_list) == 5
    assert "Sida 2 av 2" in response.content.decode()


def test_coordinator_sees_only_individual_cases_of_own_region(
    client, coordinator, budget_year
):
    own = ApplicationFactory(
        budget_year=budget_year, applicant_municipality=municipality("1280")
    )
    ApplicationFactory(
        budget_year=budget_year, applicant_municipality=municipality("0180")
    )
    ApplicationFactory(agency=True, budget_year=budget_year)
    client.force_login(coordinator)
    response = client.get(reverse("applications:list"))
    assert list(response.context["page"].object_list) == [own]
    other = Application.objects.exclude(pk=own.pk).first()
    assert (
        client.get(reverse("applications:detail", args=[other.pk])).status_code == 403
    )


def test_export_is_filtered_and_has_no_identity_or_free_text(
    client, reader, budget_year
):
    application = registered(
        budget_year=budget_year,
        reference_number="A9/2022",
        purpose="Hemlig text om individen",
    )
    case_code = application.individual_case.case_code
    registered(budget_year=budget_year, reference_number="B1/2022")
    client.force_login(reader)
    response = client.get(reverse("applications:export", args=["csv"]), {"q": "A9"})
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Diarienummer"
    assert [row[0] for row in rows[1:]] == ["A9/2022"]
    text = response.content.decode("utf-8-sig")
    assert "Hemlig" not in text and case_code not in text

    response = client.get(reverse("applications:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3


def test_amount_and_date_formats(client, officer, budget_year):
    ApplicationFactory(budget_year=budget_year, requested_amount=Decimal("58053534"))
    client.force_login(officer)
    page = client.get(reverse("applications:list")).content.decode()
    assert "58\u00a0053\u00a0534\u00a0kr" in page
    assert "2022-03-01" in page
    assert IndividualCase.CRITERIA
