"""The audit trail: each change of an individärende and each read leaves exactly one
entry naming the right person and address; identity values never enter it; no one
can change or delete an entry."""

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.views.generic import DetailView

from accounts.roles import Role
from applications.identity import individual_identity_set
from applications.models import IndividualCase
from audit.access import AccessLogMixin, log_access
from audit.context import audit_actor
from audit.middleware import AuditActorMiddleware
from audit.services import AccessAction, access_log_record
from tests.factories import (
    ApplicationFactory,
    DecisionFactory,
    DisbursementFactory,
    IndividualCaseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return LogEntry.objects.get_for_object(obj).order_by("pk")


def as_request(user, change, ip="10.1.2.3"):
    """Run change() inside a request of user, through the audit middleware."""
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.user = user
    AuditActorMiddleware(lambda r: change())(request)


def test_each_change_of_an_individual_case_leaves_one_entry_with_its_actor():
    case = IndividualCaseFactory()
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    other = UserFactory(roles=[Role.CASE_OFFICER])
    before = entries_for(case).count()

    def first_change():
        case.is_motivated = True
        case.save(update_fields=["is_motivated"])

    def second_change():
        case.protection_need = False
        case.meets_definition = True
        case.save()

    as_request(officer, first_change, ip="10.1.2.3")
    as_request(other, second_change, ip="10.9.9.9")

    entries = list(entries_for(case))[before:]
    assert len(entries) == 2
    assert [e.actor for e in entries] == [officer, other]
    assert [e.remote_addr for e in entries] == ["10.1.2.3", "10.9.9.9"]
    assert set(entries[0].changes) == {"is_motivated"}
    assert set(entries[1].changes) == {"protection_need", "meets_definition"}


def test_saving_without_a_change_leaves_no_entry():
    case = IndividualCaseFactory()
    before = entries_for(case).count()
    as_request(UserFactory(), case.save)
    assert entries_for(case).count() == before


def test_creation_and_deletion_are_recorded():
    user = UserFactory()
    holder = {}

    def create():
        holder["case"] = IndividualCaseFactory()

    as_request(user, create)
    case = holder["case"]
    pk = case.pk
    as_request(user, lambda: IndividualCase.objects.filter(pk=pk).delete())
    actions = list(
        LogEntry.objects.filter(content_type__model="individualcase", object_pk=str(pk))
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions == [
        (LogEntry.Action.CREATE, user.pk),
        (LogEntry.Action.DELETE, user.pk),
    ]


@pytest.mark.parametrize(
    "make", [ApplicationFactory, DecisionFactory, DisbursementFactory]
)
def test_applications_decisions_and_disbursements_have_history(make):
    # A bare row of each model: the history is kept on any save, by any writer.
    obj = make()
    assert entries_for(obj).filter(action=LogEntry.Action.CREATE).count() == 1


def test_identity_changes_are_recorded_by_field_name_never_by_value():
    case = IndividualCaseFactory()
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    as_request(
        officer,
        lambda: individual_identity_set(
            case=case,
            by=officer,
            full_name="Hemlig Person",
            personal_number="19121212-1212",
        ),
    )
    as_request(
        officer,
        lambda: individual_identity_set(
            case=case,
            by=officer,
            full_name="Annat Namn",
            personal_number="19121212-1212",
        ),
    )
    entries = list(entries_for(case.identity))
    assert [e.action for e in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
    ]
    assert all(e.actor == officer for e in entries)
    assert set(entries[1].changes) == {"full_name"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM auditlog_logentry")
        dump = repr(cursor.fetchall())
    for secret in ("Hemlig", "Annat", "19121212", "191212121212", "1212-1212"):
        assert secret not in dump


def test_a_service_names_its_caller_when_no_request_did():
    case = IndividualCaseFactory()
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    individual_identity_set(case=case, by=officer, full_name="X")
    assert [e.actor for e in entries_for(case.identity)] == [officer]


def test_audit_actor_keeps_the_request_context_for_later_changes():
    case = IndividualCaseFactory()
    officer = UserFactory(roles=[Role.CASE_OFFICER])

    def two_changes():
        with audit_actor(officer):
            case.is_motivated = True
            case.save()
        case.is_motivated = False
        case.save()

    as_request(officer, two_changes, ip="10.0.0.7")
    last = entries_for(case).last()
    assert (last.actor, last.remote_addr) == (officer, "10.0.0.7")


def test_a_read_is_logged_once_with_its_reader_and_address():
    case = IndividualCaseFactory()
    reader = UserFactory(roles=[Role.CASE_OFFICER])
    entry = access_log_record(
        user=reader, obj=case, action=AccessAction.VIEW, ip="192.0.2.10"
    )
    reads = entries_for(case).filter(action=LogEntry.Action.ACCESS)
    assert list(reads) == [entry]
    assert (entry.actor, entry.remote_addr) == (reader, "192.0.2.10")
    assert entry.additional_data == {"access": "view"}


def test_an_unknown_access_action_is_refused():
    with pytest.raises(ValueError):
        access_log_record(
            user=UserFactory(), obj=IndividualCaseFactory(), action="peek", ip=None
        )


class CaseView(AccessLogMixin, DetailView):
    model = IndividualCase
    template_name = "base.html"


def test_the_view_mixin_logs_one_read_per_page_view():
    case = IndividualCaseFactory()
    reader = UserFactory(roles=[Role.DECISION_MAKER])
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.20")
    request.user = reader
    response = CaseView.as_view()(request, pk=case.pk)
    response.render()
    reads = list(entries_for(case).filter(action=LogEntry.Action.ACCESS))
    assert len(reads) == 1
    assert (reads[0].actor, reads[0].remote_addr) == (reader, "192.0.2.20")


def test_the_one_line_helper_logs_a_download():
    case = IndividualCaseFactory()
    reader = UserFactory(roles=[Role.CASE_OFFICER])
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.30")
    request.user = reader
    log_access(request, case, AccessAction.DOWNLOAD)
    entry = entries_for(case).get(action=LogEntry.Action.ACCESS)
    assert entry.additional_data == {"access": "download"}
    assert entry.actor == reader


def test_the_admin_cannot_change_or_delete_entries(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    entry = access_log_record(
        user=admin, obj=IndividualCaseFactory(), action=AccessAction.VIEW, ip=None
    )
    client.force_login(admin)
    base = f"/admin/auditlog/logentry/{entry.pk}"
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{base}/change/", {"object_repr": "x"}).status_code == 403
    response = client.post(
        "/admin/auditlog/logentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    assert client.get(f"{base}/change/").status_code == 200  # readable


@pytest.mark.postgres
def test_postgres_refuses_update_and_delete_of_entries():
    entry = access_log_record(
        user=UserFactory(),
        obj=IndividualCaseFactory(),
        action=AccessAction.VIEW,
        ip=None,
    )
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
        with transaction.atomic():
            LogEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
        with transaction.atomic():
            LogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM auditlog_logentry")
    entry.refresh_from_db()
    assert entry.object_repr != "forged"
