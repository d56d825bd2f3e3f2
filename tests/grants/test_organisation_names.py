"""An organisation's name typed in the admin follows the rule for names:
no formula, no invisible characters, no look-alike of another organisation."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from grants.models import Organisation
from grants.services import organisation_name_clean
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_member(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="grants",
            codename__in=["add_organisation", "change_organisation"],
        )
    )
    client.force_login(user)
    return user


def add(client, name: str):
    return client.post(
        reverse("admin:grants_organisation_add"),
        {"name": name, "kind": Organisation.Kind.NON_PROFIT},
    )


def test_the_admin_refuses_a_formula_as_organisation_name(client, staff_member):
    response = add(client, "=HYPERLINK(1)")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "Texten får inte börja med =, +, - eller @: ett kalkylprogram skulle "
        "läsa den som en formel."
    ]
    assert not Organisation.objects.exists()


def test_the_admin_refuses_a_look_alike_of_another_organisation(client, staff_member):
    OrganisationFactory(name="Fryshuset")
    response = add(client, "FRYSHUSET\u00a0")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "FRYSHUSET liknar den befintliga organisationen Fryshuset: de skiljer sig "
        "bara i stora och små bokstäver, mellanslag eller osynliga tecken."
    ]
    assert Organisation.objects.count() == 1


def test_the_admin_stores_a_clean_name(client, staff_member):
    response = add(client, " Nya  vägar ")
    assert response.status_code == 302
    assert Organisation.objects.get().name == "Nya vägar"


def test_an_organisation_keeps_its_own_name_when_changed():
    organisation = OrganisationFactory(name="Fryshuset")
    assert organisation_name_clean(name="Fryshuset", organisation=organisation) == (
        "Fryshuset"
    )
    with pytest.raises(ValidationError):
        organisation_name_clean(name="Fryshuset\u200b", organisation=organisation)
