"""A backup made with pg_dump restores into a new database with the same rows, the
audit trigger in place and identity data readable with the same key
(docs/security.md describes the same commands)."""

import os
import shutil
import subprocess

import psycopg
import pytest
from django.db import connection

from accounts.roles import Role
from applications.encryption import decrypt_text
from applications.identity import individual_identity_set
from audit.services import AccessAction, access_log_record
from tests.factories import IndividualCaseFactory, UserFactory, load_reference_rows

# No serialized_rollback: restoring the serialized rows inserts the content types
# under their original ids, and an earlier transactional test's flush has already
# recreated them under new ids, so the restore fails on their unique name. Only
# transactional tests run after this one (pytest-django orders them last), and
# each loads the reference rows it needs, as this one does.
pytestmark = pytest.mark.django_db(transaction=True)


def pg_args(settings_dict, name):
    args = ["-h", settings_dict.get("HOST") or "127.0.0.1", "-d", name]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", settings_dict["USER"]]
    return args


def pg_env(settings_dict):
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def connect(settings_dict, name):
    return psycopg.connect(
        host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        dbname=name,
        autocommit=True,
    )


def row_counts(conn) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "ORDER BY tablename"
        )
    ]
    return {
        table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in tables
    }


@pytest.mark.postgres
def test_backup_and_restore_round_trip(tmp_path):
    if not shutil.which("pg_dump") or not shutil.which("psql"):
        pytest.fail("pg_dump and psql (PostgreSQL client) are needed for this test")
    load_reference_rows()  # an earlier transactional test may have emptied them
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    case = IndividualCaseFactory()
    individual_identity_set(
        case=case,
        by=officer,
        full_name="Återställd Person",
        personal_number="19121212-1212",
    )
    access_log_record(user=officer, obj=case, action=AccessAction.VIEW, ip="10.0.0.1")

    settings_dict = connection.settings_dict
    source = settings_dict["NAME"]
    target = f"{source}_restored"
    env = pg_env(settings_dict)
    dump = tmp_path / "avhopp.sql"
    admin = connect(settings_dict, "postgres")
    try:
        subprocess.run(  # noqa: S603
            ["pg_dump", "--no-owner", "--no-privileges", "-f", str(dump)]
            + pg_args(settings_dict, source),
            check=True,
            env=env,
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
        subprocess.run(  # noqa: S603
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump)]
            + pg_args(settings_dict, target),
            check=True,
            env=env,
            capture_output=True,
        )
        with (
            connect(settings_dict, source) as original,
            connect(settings_dict, target) as restored,
        ):
            assert row_counts(restored) == row_counts(original)
            token = restored.execute(
                "SELECT full_name FROM applications_individualidentity "
                "WHERE case_id = %s",
                [case.pk],
            ).fetchone()[0]
            assert decrypt_text(token) == "Återställd Person"
            triggers = restored.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname = "
                "'audit_entries_are_immutable'"
            ).fetchall()
            assert len(triggers) == 1
            with pytest.raises(psycopg.Error):
                restored.execute("DELETE FROM auditlog_logentry")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        admin.close()
