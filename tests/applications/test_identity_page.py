"""The identity page: handläggare see and change it, beslutsfattare see it, others
get 403; every view is logged once; the same person is named by diarienummer."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from accounts.roles import Role
from applications.identity import individual_identity_set
from applications.models import IndividualIdentity
from audit.services import AccessAction
from tests.factories import ApplicationFactory, IndividualCaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(officer):
    case = IndividualCaseFactory()
    individual_identity_set(
        case=case,
        by=officer,
        full_name="Testa Testsson",
        personal_number="191212121212",
    )
    return case


def url(case):
    return reverse("application_identity", args=[case.application.pk])


def reads(case):
    return LogEntry.objects.get_for_object(case).filter(action=LogEntry.Action.ACCESS)


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.DECISION_MAKER])
def test_case_officers_and_decision_makers_see_identity(client, case, role):
    user = UserFactory(roles=[role])
    client.force_login(user)
    response = client.get(url(case), REMOTE_ADDR="10.2.3.4")
    assert response.status_code == 200
    assert "Testa Testsson" in response.content.decode()
    assert (response.context["form"] is not None) is (role == Role.CASE_OFFICER)
    entry = reads(case).get()
    assert (entry.actor, entry.remote_addr) == (user, "10.2.3.4")
    assert entry.additional_data == {"access": AccessAction.VIEW_IDENTITY}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.READER, Role.AUDITOR, None])
def test_everyone_else_is_refused_and_nothing_is_shown(client, case, role):
    client.force_login(UserFactory(roles=[role] if role else []))
    response = client.get(url(case))
    assert response.status_code == 403
    assert "Testa" not in response.content.decode()
    assert not reads(case).exists()


def test_anonymous_users_are_sent_to_login(client, case):
    assert client.get(url(case))["Location"].startswith(reverse("login"))


def test_a_decision_maker_cannot_change_identity(client, case):
    client.force_login(UserFactory(roles=[Role.DECISION_MAKER]))
    response = client.post(url(case), {"full_name": "Other"})
    assert response.status_code == 403
    assert IndividualIdentity.objects.get(case=case).full_name == "Testa Testsson"


def test_a_change_leaves_one_history_entry_with_the_actor(client, case, officer):
    client.force_login(officer)
    before = LogEntry.objects.get_for_object(case.identity).count()
    response = client.post(
        url(case),
        {"full_name": "Nytt Namn", "personal_number": "19121212-1212"},
        REMOTE_ADDR="10.7.7.7",
    )
    assert response.status_code == 302
    changes = LogEntry.objects.get_for_object(case.identity).order_by("pk")[before:]
    assert [(e.action, e.actor, e.remote_addr) for e in changes] == [
        (LogEntry.Action.UPDATE, officer, "10.7.7.7")
    ]
    assert set(changes[0].changes) == {"full_name"}


def test_invalid_input_is_refused_with_a_message_and_nothing_is_written(
    client, case, officer
):
    client.force_login(officer)
    response = client.post(
        url(case), {"full_name": "X", "personal_number": "19121212-1213"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["personal_number"]
    assert IndividualIdentity.objects.get(case=case).full_name == "Testa Testsson"


def test_the_same_person_is_named_by_reference_number_only(client, case, officer):
    other = IndividualCaseFactory()
    individual_identity_set(case=other, by=officer, personal_number="19121212-1212")
    client.force_login(officer)
    content = client.get(url(other)).content.decode()
    assert case.application.reference_number in content
    assert "Testa" not in content  # the other case's identity stays there


def erase_url(case):
    return reverse("application_identity_erase", args=[case.application.pk])


def test_erasing_identity_keeps_the_case(client, case, officer):
    client.force_login(officer)
    response = client.post(erase_url(case))
    assert response.status_code == 302
    assert response.url == url(case)
    assert not IndividualIdentity.objects.filter(case=case).exists()
    case.refresh_from_db()


def test_the_identity_page_only_links_to_a_confirmation_page_for_erasing(
    client, case, officer
):
    client.force_login(officer)
    page = client.get(url(case)).content.decode()
    assert f'<a class="button danger" href="{erase_url(case)}">' in page
    assert 'name="clear"' not in page
    # The old one-click erase on the identity page itself no longer erases.
    client.post(url(case), {"clear": "1"})
    assert IndividualIdentity.objects.filter(case=case).exists()


def test_the_confirmation_page_erases_nothing_until_confirmed(client, case, officer):
    client.force_login(officer)
    response = client.get(erase_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<button type="submit" class="danger">Ja, radera identitetsuppgifterna' in (
        page
    )
    assert f'href="{url(case)}">Avbryt' in page
    assert "Testa" not in page  # the page asks; it shows no identity
    assert IndividualIdentity.objects.filter(case=case).exists()


def test_a_decision_maker_may_not_erase_an_identity(client, case, decider):
    client.force_login(decider)
    assert client.get(erase_url(case)).status_code == 403
    assert client.post(erase_url(case)).status_code == 403
    assert IndividualIdentity.objects.filter(case=case).exists()


def test_the_identity_page_links_back_to_the_case_after_saving(client, case, officer):
    client.force_login(officer)
    response = client.post(
        url(case), {"full_name": "Testa Testsson", "personal_number": ""}, follow=True
    )
    page = response.content.decode()
    assert "Identitetsuppgifterna sparades." in page
    detail = reverse("applications:detail", args=[case.application.pk])
    assert f'<a href="{detail}">Tillbaka till ansökan' in page


def test_agency_applications_have_no_identity_page(client, officer):
    client.force_login(officer)
    application = ApplicationFactory(agency=True)
    assert (
        client.get(reverse("application_identity", args=[application.pk])).status_code
        == 404
    )
