"""The registration pages: messages, redirects and bad input explained in Swedish."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import (
    Application,
)
from tests.applications.helpers import PDF, messages_of
from tests.factories import municipality


def test_register_an_agency_application(
    client, officer, budget_year, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from tests.factories import OrganisationFactory

    agency = OrganisationFactory(name="Statens institutionsstyrelse")
    client.force_login(officer)
    response = client.post(
        reverse("applications:register", args=["agency"]),
        {
            "reference_number": "A3/2022",
            "applicant_organisation": agency.pk,
            "budget_year": budget_year.pk,
            "received_on": "2022-02-01",
            "requested_amount": "905 000",
            "purpose": "Regeringsuppdrag",
            "plan-starts_on": "",
            "plan-ends_on": "",
            "insats-TOTAL_FORMS": "3",
            "insats-INITIAL_FORMS": "0",
            "doc-application": SimpleUploadedFile("a.pdf", PDF),
        },
        follow=True,
    )
    application = Application.objects.get(reference_number="A3/2022")
    assert application.requested_amount == Decimal("905000")
    assert "Ansökan A3/2022 har registrerats." in messages_of(response)
    assert response.redirect_chain[-1][0] == reverse(
        "applications:detail", args=[application.pk]
    )


def test_register_refuses_an_executable_disguised_as_pdf(client, officer, budget_year):
    from tests.factories import OrganisationFactory

    client.force_login(officer)
    response = client.post(
        reverse("applications:register", args=["operating_grant"]),
        {
            "reference_number": "A4/2022",
            "applicant_organisation": OrganisationFactory().pk,
            "budget_year": budget_year.pk,
            "received_on": "2022-02-01",
            "requested_amount": "1000",
            "insats-TOTAL_FORMS": "3",
            "insats-INITIAL_FORMS": "0",
            "doc-application": SimpleUploadedFile("a.pdf", b"MZ\x90\x00binary"),
        },
    )
    assert response.status_code == 200
    assert "Endast PDF-, PNG- och JPEG-filer tas emot." in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("requested_amount", "mycket", "Skriv beloppet i kronor"),
        ("requested_amount", "-5", "Beloppet kan inte vara negativt."),
        (
            "received_on",
            "30/06/2022",
            "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2022-06-30.",
        ),
        ("received_on", "2099-01-01", "Datumet kan inte ligga i framtiden."),
        ("reference_number", "", "Detta fält måste fyllas i."),
    ],
)
def test_registration_form_explains_bad_input_in_swedish(
    client, officer, budget_year, field, value, message
):
    data = {
        "reference_number": "A5/2022",
        "applicant_municipality": municipality("1280").pk,
        "budget_year": budget_year.pk,
        "received_on": "2022-03-01",
        "requested_amount": "1000",
        "environment": "criminal",
        "plan-starts_on": "2022-04-01",
        "plan-ends_on": "2022-05-01",
        "insats-TOTAL_FORMS": "3",
        "insats-INITIAL_FORMS": "0",
        field: value,
    }
    client.force_login(officer)
    response = client.post(reverse("applications:register", args=["individual"]), data)
    page = response.content.decode()
    assert message in page
    assert f'aria-describedby="id_{field}_error' in page or (
        f'id="id_{field}_error"' in page
    )
    assert not Application.objects.exists()
