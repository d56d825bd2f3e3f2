"""The application admin: read-only, its list filtered, searched and in budget."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from applications.models import Status
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:applications_application_changelist")


@pytest.fixture
def staff_member(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="applications",
            codename__in=["view_application", "add_application", "change_application"],
        )
    )
    client.force_login(user)
    return user


def test_applications_cannot_be_added_changed_or_deleted_by_hand(client, staff_member):
    application = ApplicationFactory()
    assert client.get(reverse("admin:applications_application_add")).status_code == 403
    change = reverse("admin:applications_application_change", args=[application.pk])
    assert client.post(change, {"status": Status.GRANTED}).status_code == 403
    delete = reverse("admin:applications_application_delete", args=[application.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_the_list_filters_searches_and_stays_within_a_query_budget(
    client, staff_member, django_assert_max_num_queries
):
    for n in range(5):
        ApplicationFactory(reference_number=f"A{n}")
    earlier = ApplicationFactory(
        reference_number="A2021", budget_year=BudgetYearFactory(year=2021)
    )
    ApplicationFactory(
        agency=True,
        reference_number="SIS-1",
        applicant_organisation=OrganisationFactory(name="Statens institutionsstyrelse"),
    )
    with django_assert_max_num_queries(15):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "Malmö" in response.content.decode()

    found = client.get(LIST_URL, {"q": "institutionsstyrelse"})
    assert [a.reference_number for a in found.context["cl"].result_list] == ["SIS-1"]
    filtered = client.get(LIST_URL, {"kind__exact": "agency"})
    assert filtered.context["cl"].result_count == 1
    by_year = client.get(
        LIST_URL, {"budget_year__id__exact": str(earlier.budget_year_id)}
    )
    assert list(by_year.context["cl"].result_list) == [earlier]
    by_status = client.get(LIST_URL, {"status__exact": Status.PAID})
    assert by_status.context["cl"].result_count == 0
