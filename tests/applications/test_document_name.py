"""The name an uploaded file had is personal data: it is stored encrypted like
identity data, re-encrypted when the keys rotate, and given back only as the
name of the download."""

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.urls import reverse

from applications.models import Document
from tests.applications.test_disbursement_migration import application_in, migrate
from tests.samples import PDF

NAME = "Anna Hemlig intyg.pdf"
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()

BEFORE = [("applications", "0010_application_reference_key")]
AFTER = [("applications", "0011_document_name_encrypted")]


def stored_name(document) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT original_name FROM applications_document WHERE id = %s",
            [document.pk],
        )
        return cursor.fetchone()[0]


def attach(application, user, name=NAME) -> Document:
    document = Document(
        application=application,
        kind="other",
        original_name=name,
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by=user,
    )
    document.file.save("a.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_file_name_is_stored_encrypted(db, media, in_review, officer):
    document = attach(in_review, officer)
    token = stored_name(document)
    assert NAME not in token and "Hemlig" not in token
    assert Document.objects.get(pk=document.pk).original_name == NAME


def test_the_case_file_and_the_download_show_the_original_name(
    client, media, in_review, officer
):
    document = attach(in_review, officer)
    client.force_login(officer)
    page = client.get(reverse("applications:detail", args=[in_review.pk]))
    assert NAME in page.content.decode()
    download = client.get(
        reverse("applications:document_download", args=[in_review.pk, document.pk])
    )
    assert download["Content-Disposition"] == f'attachment; filename="{NAME}"'


def test_a_document_is_named_by_its_id_only(db, media, in_review, officer):
    document = attach(in_review, officer)
    assert str(document) == f"Bilaga {document.pk}"
    assert str(Document()) == "Bilaga"


def test_key_rotation_reencrypts_document_names(db, media, in_review, officer):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        document = attach(in_review, officer)
        before = stored_name(document)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        call_command("rotate_identity_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = stored_name(document)
    assert after != before
    assert Fernet(KEY_B).decrypt(after.encode()).decode() == NAME
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):  # old key dropped
        assert Document.objects.get(pk=document.pk).original_name == NAME


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_existing_names_and_drops_the_plaintext_column():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        application = application_in(old)
        user = old.get_model("auth", "User").objects.create(username="hl-migrering")
        row = old.get_model("applications", "Document").objects.create(
            application=application,
            kind="other",
            file="documents/2031/0123.pdf",
            original_name=NAME,
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            uploaded_by=user,
        )
        assert stored_name(row) == NAME

        migrate(AFTER)
        token = stored_name(row)
        assert "Hemlig" not in token
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(
                cursor, "applications_document"
            )
        assert [c.name for c in columns].count("original_name") == 1

        migrate(BEFORE)  # and back: the name is readable again
        assert stored_name(row) == NAME
    finally:
        migrate(latest)
    assert Document.objects.get(pk=row.pk).original_name == NAME
