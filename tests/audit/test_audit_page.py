"""The audit page: only granskare read it; it filters, pages and exports to CSV
without identity values or free text."""

import csv
import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from applications.identity import individual_identity_set
from applications.models import Document, DocumentKind, IndividualCase
from audit.services import AccessAction, access_log_record
from tests.factories import IndividualCaseFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("audit:log")
EXPORT = reverse("audit:export")


@pytest.mark.parametrize(
    "role",
    [Role.CASE_OFFICER, Role.DECISION_MAKER, Role.COORDINATOR, Role.READER, None],
)
@pytest.mark.parametrize("url", [URL, EXPORT])
def test_only_auditors_open_the_audit_page(client, role, url):
    client.force_login(UserFactory(roles=[role] if role else []))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [URL, EXPORT])
def test_anonymous_users_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_menu_shows_the_audit_page_to_auditors_only(client, auditor):
    client.force_login(auditor)
    assert f'href="{URL}"' in client.get(URL).content.decode()
    client.force_login(UserFactory(roles=[Role.CASE_OFFICER]))
    assert f'href="{URL}"' not in client.get(reverse("admin:index")).content.decode()


def test_filters_by_user_action_object_and_period(client, auditor):
    client.force_login(auditor)
    officer = UserFactory(username="hl1", roles=[Role.CASE_OFFICER])
    decider = UserFactory(username="bf1", roles=[Role.DECISION_MAKER])
    first = IndividualCaseFactory(case_code="AVH-1")
    second = IndividualCaseFactory(case_code="AVH-2")
    access_log_record(user=officer, obj=first, action=AccessAction.VIEW, ip="10.0.0.1")
    access_log_record(user=decider, obj=second, action=AccessAction.DOWNLOAD, ip=None)
    case_type = ContentType.objects.get_for_model(IndividualCase)
    viewed, downloaded = str(AccessAction.VIEW.label), str(AccessAction.DOWNLOAD.label)

    def codes(**params):
        response = client.get(URL, params)
        assert response.status_code == 200
        return [(r.actor, r.action, r.object_label) for r in response.context["rows"]]

    assert codes(user=officer.pk) == [("hl1", viewed, "AVH-1")]
    assert codes(action="download") == [("bf1", downloaded, "AVH-2")]
    assert codes(action="view", object_type=case_type.pk) == [("hl1", viewed, "AVH-1")]
    assert [c[2] for c in codes(object_ref="avh-2")] == ["AVH-2", "AVH-2"]
    today = timezone.localdate()
    assert codes(date_from=today + timedelta(days=1)) == []
    assert len(codes(date_from=today, date_to=today, action="view")) == 1


def test_a_bad_filter_shows_errors_not_a_server_error(client, auditor):
    client.force_login(auditor)
    response = client.get(URL, {"date_from": "2024-02-30", "user": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["rows"] == []
    response = client.get(URL, {"date_from": "2024-05-01", "date_to": "2024-01-01"})
    assert "date_to" in response.context["form"].errors
    assert client.get(EXPORT, {"date_from": "nonsense"}).status_code == 400


def test_pages_through_many_entries(client, auditor, django_assert_max_num_queries):
    client.force_login(auditor)
    case = IndividualCaseFactory()
    for _ in range(60):
        access_log_record(user=auditor, obj=case, action=AccessAction.VIEW, ip=None)
    with django_assert_max_num_queries(12):
        first = client.get(URL, {"action": "view"})
    assert len(first.context["rows"]) == 50
    second = client.get(URL, {"action": "view", "page": 2})
    assert len(second.context["rows"]) == 10
    assert client.get(URL, {"page": "999"}).status_code == 200
    assert client.get(URL, {"page": "x"}).status_code == 200


def test_changes_show_field_names_and_safe_values_only(client, auditor):
    client.force_login(auditor)
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    case = IndividualCaseFactory()
    individual_identity_set(
        case=case, by=officer, full_name="Hemlig Person", email="hemlig@example.org"
    )
    case.birth_year = 2001
    case.coordinator_statement = "Fritext med namn"
    case.save()
    content = client.get(URL).content.decode()
    assert "Hemlig" not in content and "hemlig@" not in content
    assert "Fritext" not in content
    assert "1999 → 2001" in content
    response = client.get(EXPORT)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Hemlig" not in body and "hemlig@" not in body and "Fritext" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == LogEntry.objects.count() + 1


def test_csv_cells_cannot_start_a_formula(client, auditor):
    client.force_login(auditor)
    evil = UserFactory(username="=HYPERLINK(1)", roles=[Role.CASE_OFFICER])
    access_log_record(
        user=evil, obj=IndividualCaseFactory(), action=AccessAction.VIEW, ip=None
    )
    body = b"".join(client.get(EXPORT).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert any(row[1] == "'=HYPERLINK(1)" for row in rows[1:])


def test_a_creation_lists_the_fields_of_the_object_only(client, auditor):
    client.force_login(auditor)
    UserFactory(username="ny-anvandare")
    rows = client.get(URL, {"object_ref": "ny-anvandare"}).context["rows"]
    names = {change.name for change in rows[0].changes}
    assert "assigned_applications" not in names and "delegations" not in names


def test_documents_are_named_by_id_only_as_the_settings_say(client, auditor):
    client.force_login(auditor)
    case = IndividualCaseFactory()
    document = Document.objects.create(
        application=case.application,
        kind=DocumentKind.OTHER,
        file="documents/2024/intyg.pdf",
        original_name="Intyg Anna Andersson.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=auditor,
    )
    access_log_record(user=auditor, obj=document, action=AccessAction.DOWNLOAD, ip=None)
    document_type = ContentType.objects.get_for_model(Document)
    rows = client.get(URL, {"object_type": document_type.pk}).context["rows"]
    assert [row.object_label for row in rows] == [f"#{document.pk}"] * 2
    exported = b"".join(client.get(EXPORT).streaming_content).decode("utf-8-sig")
    assert f"#{document.pk}" in exported
    assert "Anna" not in exported
    with override_settings(AUDIT_HIDE_REPR_OF=()):
        rows = client.get(URL, {"object_type": document_type.pk}).context["rows"]
    # The stored text is neutral too; the setting hides what older entries hold.
    assert {row.object_label for row in rows} == {f"Bilaga {document.pk}"}
