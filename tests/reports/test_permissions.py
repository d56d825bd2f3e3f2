"""Who may open which report URL: one matrix of URL × role (and anonymous)."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from applications.models import Status
from reports import urls as report_urls
from reports.models import AnnualReport, ReportVersion
from reports.permissions import (
    can_edit_narratives,
    can_freeze_report,
    can_view_reports,
)
from tests.factories import (
    BudgetYearFactory,
    UserFactory,
)
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db

ANON = "anonymous"
HANDL, BESLUT, SAMORD, LASARE, GRANSK = (
    Role.CASE_OFFICER,
    Role.DECISION_MAKER,
    Role.COORDINATOR,
    Role.READER,
    Role.AUDITOR,
)
READERS = {HANDL, BESLUT, LASARE, GRANSK}
ROLES = [ANON, HANDL, BESLUT, SAMORD, LASARE, GRANSK]

# url name -> (method, args, query or form data, roles allowed)
MATRIX = {
    "index": ("get", [], {}, READERS),
    "detail": ("get", [2023], {}, READERS),
    "pdf": ("get", [2023], {}, READERS),
    "export": ("get", [2023, "xlsx"], {}, READERS),
    "narratives": ("get", [2023], {}, {HANDL}),
    "versions": ("get", [2023], {}, READERS),
    # Without the confirmation the form is refused after the permission check.
    "freeze": ("post", [2023], {"note": "x"}, {BESLUT}),
    "version_pdf": ("get", [2023, 1], {}, READERS),
}


def test_every_report_url_has_an_entry_in_the_matrix():
    names = {p.name for p in report_urls.urlpatterns}
    assert names == set(MATRIX)


@pytest.fixture
def report_data():
    budget_year = BudgetYearFactory(year=2023)
    case_at(
        Status.GRANTED,
        budget_year=budget_year,
        requested="120000",
        decided_on=date(2023, 4, 1),
    )
    report = AnnualReport.objects.create(budget_year=budget_year)
    ReportVersion.objects.create(
        report=report,
        number=1,
        pdf=b"%PDF-1.7 frozen",
        sha256="0" * 64,
        size=15,
        sent_by=UserFactory(username="sender"),
        sent_at="2024-04-30T10:00:00Z",
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_access_by_role(report_data, client, name, role):
    method, args, data, allowed = MATRIX[name]
    if role != ANON:
        client.force_login(UserFactory(username=f"u-{role}", roles=[role]))
    response = getattr(client, method)(reverse(f"reports:{name}", args=args), data)
    if role == ANON:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    elif role in allowed:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "view", "edit", "freeze"),
    [
        (HANDL, True, True, False),
        (BESLUT, True, False, True),
        (SAMORD, False, False, False),
        (LASARE, True, False, False),
        (GRANSK, True, False, False),
    ],
)
def test_permission_functions(role, view, edit, freeze):
    user = UserFactory(username=f"p-{role}", roles=[role])
    assert can_view_reports(user) is view
    assert can_edit_narratives(user) is edit
    assert can_freeze_report(user) is freeze


def test_inactive_user_may_do_nothing():
    user = UserFactory(username="gone", roles=[Role.CASE_OFFICER, Role.DECISION_MAKER])
    user.is_active = False
    assert not can_view_reports(user)
    assert not can_edit_narratives(user)
    assert not can_freeze_report(user)


def test_nav_shows_the_reports_entry_only_to_readers(report_data, client):
    link = reverse("reports:index")
    client.force_login(UserFactory(username="n-reader", roles=[Role.READER]))
    assert link in client.get(reverse("reports:detail", args=[2023])).content.decode()
    client.force_login(UserFactory(username="n-coord", roles=[Role.COORDINATOR]))
    page = client.get(reverse("login")).content.decode()
    assert f'href="{link}"' not in page


def test_report_page_offers_editing_only_to_case_officers(report_data, client):
    edit = reverse("reports:narratives", args=[2023])
    page = reverse("reports:detail", args=[2023])
    client.force_login(UserFactory(username="e-reader", roles=[Role.READER]))
    assert edit not in client.get(page).content.decode()
    client.force_login(UserFactory(username="e-officer", roles=[Role.CASE_OFFICER]))
    assert edit in client.get(page).content.decode()


def test_unknown_year_is_not_found(report_data, client):
    client.force_login(UserFactory(username="y-reader", roles=[Role.READER]))
    assert client.get(reverse("reports:detail", args=[1999])).status_code == 404
    assert client.get(reverse("reports:versions", args=[1999])).status_code == 404
    assert client.get(reverse("reports:version_pdf", args=[2023, 7])).status_code == 404


def test_report_charts_are_allowed_by_the_content_security_policy(client):
    """The charts are data: SVG images; the CSP's img-src must let them show."""
    from django.conf import settings

    img_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    assert "data:" in img_src
