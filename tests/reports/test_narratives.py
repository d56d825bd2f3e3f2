"""Narrative paragraphs are edited per year and section; figures stay computed."""

import pytest
from django.urls import reverse

from applications.models import ApplicationKind, Status
from reports.models import AnnualReport, Narrative, Section
from tests.factories import (
    BudgetYearFactory,
    OrganisationFactory,
)
from tests.reports.conftest import text_of
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_with_agency():
    budget_year = BudgetYearFactory(year=2023)
    agency = OrganisationFactory(name="Exempelverket")
    case_at(
        Status.GRANTED,
        budget_year=budget_year,
        kind=ApplicationKind.AGENCY,
        organisation=agency,
    )
    return agency


def test_case_officer_saves_texts_and_they_appear_as_paragraphs(
    year_with_agency, client, officer
):
    client.force_login(officer)
    url = reverse("reports:narratives", args=[2023])
    form = client.get(url)
    assert form.status_code == 200
    assert f'name="org_{year_with_agency.pk}"' in form.content.decode()
    response = client.post(
        url,
        {
            "reference_number": "A001.002/2024",
            "text_summary": "Första stycket.\n\nAndra stycket <script>x</script>.",
            f"org_{year_with_agency.pk}": "Om myndighetens arbete.",
        },
    )
    assert response.status_code == 302
    narrative = Narrative.objects.get(section=Section.SUMMARY)
    assert narrative.updated_by == officer
    page = text_of(client.get(reverse("reports:detail", args=[2023])).content)
    assert "<p>Första stycket.</p>" in page
    assert "&lt;script&gt;" in page and "<script>x" not in page
    assert "A001.002/2024" in page
    assert "Om myndighetens arbete." in page


def test_saving_again_updates_rather_than_duplicates(year_with_agency, client, officer):
    client.force_login(officer)
    url = reverse("reports:narratives", args=[2023])
    client.post(url, {"reference_number": "", "text_trend": "Ett"})
    client.post(url, {"reference_number": "", "text_trend": "Två"})
    assert Narrative.objects.get(section=Section.TREND).text == "Två"
    form = client.get(url).content.decode()
    assert "Två</textarea>" in form


def test_a_report_diarienummer_that_could_run_or_hide_is_refused(
    year_with_agency, client, officer
):
    client.force_login(officer)
    url = reverse("reports:narratives", args=[2023])
    for reference_number in ("=HYPERLINK(1)", "A001.002/2024\u200b"):
        response = client.post(url, {"reference_number": reference_number})
        assert response.status_code == 200
        assert (
            response.context["form"]
            .errors["reference_number"][0]
            .startswith("Texten får inte")
        )
    response = client.post(url, {"reference_number": " A001.002/2024 "})
    assert response.status_code == 302
    assert AnnualReport.objects.get().reference_number == "A001.002/2024"
