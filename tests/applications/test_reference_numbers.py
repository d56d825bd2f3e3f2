"""A diarienummer typed at registration is a key: no formula, no invisible
characters, no look-alike of one that exists (application_register)."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.text import key_fold
from applications.models import Application, ApplicationKind
from applications.services import application_register
from tests.factories import ApplicationFactory, OrganisationFactory
from tests.samples import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(client, officer, budget_year, settings, tmp_path):
    """Post the agency registration form with a diarienummer; the response."""
    settings.MEDIA_ROOT = tmp_path
    agency = OrganisationFactory(name="Statens institutionsstyrelse")
    client.force_login(officer)

    def post(reference_number: str):
        return client.post(
            reverse("applications:register", args=["agency"]),
            {
                "reference_number": reference_number,
                "applicant_organisation": agency.pk,
                "budget_year": budget_year.pk,
                "received_on": "2022-02-01",
                "requested_amount": "905 000",
                "insats-TOTAL_FORMS": "3",
                "insats-INITIAL_FORMS": "0",
                "doc-application": SimpleUploadedFile("a.pdf", PDF),
            },
        )

    return post


def field_errors(response) -> list[str]:
    return response.context["form"].errors.get("reference_number", [])


def test_a_formula_as_diarienummer_is_refused_in_swedish(register):
    response = register('=HYPERLINK("http://x")')
    assert response.status_code == 200
    assert field_errors(response) == [
        "Texten får inte börja med =, +, - eller @: ett kalkylprogram skulle "
        "läsa den som en formel."
    ]
    assert not Application.objects.exists()


def test_a_diarienummer_with_a_zero_width_space_beside_the_real_one_is_refused(
    register,
):
    ApplicationFactory(reference_number="A100.000/2026")
    response = register("A100.000/2026\u200b")
    assert field_errors(response) == [
        "Texten får inte innehålla styrtecken eller osynliga formateringstecken "
        "(till exempel ett nollbreddsmellanslag)."
    ]
    assert Application.objects.count() == 1


def test_a_look_alike_of_an_existing_diarienummer_is_refused_naming_it(register):
    ApplicationFactory(reference_number="A100.000/2026")
    response = register("a100.000 /2026")
    assert field_errors(response) == [
        "a100.000 /2026 liknar det befintliga diarienumret A100.000/2026: de "
        "skiljer sig bara i stora och små bokstäver, mellanslag eller osynliga "
        "tecken."
    ]
    assert Application.objects.count() == 1


def test_the_same_diarienummer_again_is_refused(register):
    ApplicationFactory(reference_number="A100.000/2026")
    response = register("A100.000/2026")
    assert field_errors(response) == [
        "Det finns redan en ansökan med detta diarienummer."
    ]


def test_a_registered_diarienummer_is_stored_clean_with_its_key(register):
    register("  A100.000\u00a0/2026 ")
    application = Application.objects.get()
    assert application.reference_number == "A100.000 /2026"
    assert application.reference_key == key_fold("A100.000/2026")


@pytest.mark.parametrize("reference_number", ["+1", "-1", "@A1", "\u202eA1"])
def test_the_service_refuses_a_diarienummer_that_could_run_or_hide(
    officer, budget_year, reference_number
):
    with pytest.raises(ValidationError) as caught:
        application_register(
            by=officer,
            kind=ApplicationKind.AGENCY,
            reference_number=reference_number,
            budget_year=budget_year,
            received_on=date(2022, 2, 1),
            requested_amount=Decimal("1000"),
            applicant_organisation=OrganisationFactory(),
        )
    assert list(caught.value.message_dict) == ["reference_number"]
    assert not Application.objects.exists()


def test_the_migration_fills_the_key_of_stored_applications_and_stops_on_look_alikes():
    migration = importlib.import_module(
        "applications.migrations.0010_application_reference_key"
    )
    first = ApplicationFactory(reference_number="A1/2022")
    second = ApplicationFactory(reference_number="Ｂ2 /2022")
    Application.objects.filter(pk=first.pk).update(reference_key="x1")
    Application.objects.filter(pk=second.pk).update(reference_key="x2")

    migration.fill_reference_keys(django_apps, None)

    assert dict(Application.objects.values_list("pk", "reference_key")) == {
        first.pk: "a1/2022",
        second.pk: "b2/2022",
    }
    ApplicationFactory(reference_number="a1/2022", reference_key="x3")
    with pytest.raises(RuntimeError, match="'A1/2022' and 'a1/2022' look alike"):
        migration.fill_reference_keys(django_apps, None)
