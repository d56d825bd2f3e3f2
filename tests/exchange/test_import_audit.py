"""The import writes the audit trail: one entry per row it creates, in bulk, and one
per row it changes, each naming the importing user; only a permitted user imports."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction

from applications.models import Application, Decision, Disbursement
from exchange.imports import applications_import
from exchange.tabular import dataset_read
from grants.models import BudgetYear, Organisation
from tests.exchange.importfiles import (
    agency_row,
    csv_bytes,
    import_rows,
    importer,
    received_row,
    rejected_row,
    row,
    run,
    stored,
    write,
)
from tests.exchange.test_admin import confirm, staff, upload
from tests.factories import BudgetYearFactory, UserFactory

pytestmark = pytest.mark.django_db

AUDITED = (Application, Decision, Disbursement)


def creations(model):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        action=LogEntry.Action.CREATE,
    )


def of_the_import():
    """The entries of the file's rows: not of users (creating the importer leaves
    one too), nor of the organisations and budget years a file may create, which
    are audited one by one like any other (tests/audit/test_admin_changes.py)."""
    return LogEntry.objects.exclude(
        content_type__in=[
            ContentType.objects.get_for_model(model)
            for model in (get_user_model(), Organisation, BudgetYear)
        ]
    )


def imported(rows, *, by):
    return applications_import(dataset=dataset_read(csv_bytes(rows)), by=by)


def test_each_created_row_gets_one_creation_entry_naming_the_importer():
    user = importer()
    # Granted and paid, granted, rejected, received: 4 applications, 3 decisions,
    # 1 utbetalning.
    imported([row(), agency_row(), rejected_row(), received_row()], by=user)

    for model in AUDITED:
        entries = list(creations(model))
        stored_pks = {str(pk) for pk in model.objects.values_list("pk", flat=True)}
        assert sorted(e.object_pk for e in entries) == sorted(stored_pks), model
        assert {e.actor for e in entries} == {user}, model
        assert {e.actor_email for e in entries} == {user.email or None}, model
    assert [len(creations(model)) for model in AUDITED] == [4, 3, 1]
    assert of_the_import().count() == 8, "nothing else, nothing twice"


def test_a_creation_entry_holds_the_objects_text_and_its_values():
    user = importer()
    imported([row()], by=user)
    application = Application.objects.get()
    entry = creations(Application).get()
    assert entry.object_repr == "A001.001/2022"
    assert entry.object_id == application.pk
    assert entry.changes["reference_number"] == ["None", "A001.001/2022"]
    assert entry.changes["requested_amount"] == ["None", "500000.00"]
    assert entry.changes["status"] == ["None", application.status]
    disbursement = creations(Disbursement).get()
    assert disbursement.changes["amount"] == ["None", "450000.00"]
    assert disbursement.changes["registered_by"] == ["None", str(user.pk)]


def test_importing_the_same_file_again_writes_no_entry():
    user = importer()
    rows = [row(), agency_row(), rejected_row(), received_row()]
    imported(rows, by=user)
    before = LogEntry.objects.count()

    result = imported(rows, by=user)

    assert result.count("unchanged") == 4
    assert LogEntry.objects.count() == before


def test_a_changed_row_gives_one_update_entry_naming_the_importer():
    user = importer()
    imported([received_row(), agency_row()], by=user)
    application = Application.objects.get(reference_number="A004.001/2022")
    before = set(LogEntry.objects.values_list("pk", flat=True))

    imported([received_row(sokt_belopp="600000"), agency_row()], by=user)

    new = LogEntry.objects.exclude(pk__in=before)
    entry = new.get()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.object_pk == str(application.pk)
    assert entry.actor == user
    assert entry.changes == {"requested_amount": ["500000.00", "600000.00"]}


def test_a_payment_added_by_a_later_file_is_recorded_with_its_importer():
    first, second = importer(), UserFactory(is_superuser=True)
    imported([row(utbetalt_belopp="", utbetalningsdatum="")], by=first)

    imported([row()], by=second)

    assert creations(Application).get().actor == first
    assert creations(Disbursement).get().actor == second
    update = of_the_import().get(action=LogEntry.Action.UPDATE)
    assert update.actor == second and set(update.changes) == {"status"}


def test_a_dry_run_writes_no_entry():
    applications_import(
        dataset=dataset_read(csv_bytes([row()])), by=importer(), dry_run=True
    )
    assert not of_the_import().exists()


def test_the_command_names_its_user_as_actor(tmp_path):
    out, _ = import_rows(tmp_path, [row(), received_row()])
    assert "nya: 2" in out
    entries = of_the_import()
    assert {e.actor.username for e in entries} == {"importer"}
    assert entries.count() == 2 + 1 + 1


def test_the_admin_import_names_the_staff_user_and_address(client):
    user = staff("view_application", "add_application", "change_application")
    client.force_login(user)

    confirm(client, upload(client, csv_bytes([row(), agency_row()])))

    entries = list(of_the_import().filter(action=LogEntry.Action.CREATE))
    assert len(entries) == 2 + 2 + 1
    assert {e.actor for e in entries} == {user}
    assert {e.remote_addr for e in entries} == {"127.0.0.1"}


# --- who may import -----------------------------------------------------------------


def test_the_command_requires_a_user(tmp_path):
    path = write(tmp_path, csv_bytes([row()]))
    with pytest.raises(CommandError, match="--user"):
        run("import_applications", path)
    assert not Application.objects.exists()


def test_the_command_refuses_an_unknown_or_inactive_user(tmp_path):
    path = write(tmp_path, csv_bytes([row()]))
    UserFactory(username="gone", is_active=False, is_superuser=True)
    for name in ("nobody", "gone"):
        with pytest.raises(CommandError, match=f"Ingen aktiv användare heter {name}"):
            run("import_applications", path, "--user", name)
    assert not Application.objects.exists()


def test_the_command_refuses_a_user_without_the_import_permissions(tmp_path):
    path = write(tmp_path, csv_bytes([row()]))
    UserFactory(username="reader")
    before = stored()
    with pytest.raises(CommandError, match="reader får inte importera"):
        run("import_applications", path, "--user", "reader")
    assert stored() == before


def test_the_service_refuses_a_user_without_the_import_permissions():
    dataset = dataset_read(csv_bytes([row()]))
    for user in (None, UserFactory(), UserFactory(is_superuser=True, is_active=False)):
        with pytest.raises(PermissionDenied):
            applications_import(dataset=dataset, by=user)
        with pytest.raises(PermissionDenied):
            applications_import(dataset=dataset, by=user, dry_run=True)
    assert not Application.objects.exists()


# --- PostgreSQL: the immutable table takes the bulk inserts --------------------------


@pytest.mark.postgres
def test_postgres_takes_the_imports_entries_and_keeps_them_immutable():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname = %s AND tgenabled <> 'D'",
            ["audit_entries_are_immutable"],
        )
        assert cursor.fetchone()[0] == 1
    BudgetYearFactory(year=2022)
    user = importer()

    imported([row(), agency_row(), rejected_row()], by=user)

    entries = of_the_import().filter(action=LogEntry.Action.CREATE)
    assert entries.count() == 3 + 3 + 1
    with pytest.raises(DatabaseError), transaction.atomic():
        entries.update(actor=None)
    with pytest.raises(DatabaseError), transaction.atomic():
        entries.delete()
    assert entries.filter(actor=user).count() == 7
