"""No personal data in the audit trail or in clear text in the database: an uploaded
file's name is neither stored readable nor findable through the audit page or the
admin, and every free-text field of an audited model is recorded by name only."""

import pytest
from auditlog.diff import get_mask_function
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.urls import reverse

from accounts.roles import Role
from applications.models import Document, IndividualCase
from audit.masking import HIDDEN
from tests.factories import IndividualCaseFactory, UserFactory
from tests.samples import PDF

pytestmark = pytest.mark.django_db

FILE_NAME = "Anna Hemlig intyg.pdf"

# Text fields of audited models that hold no prose and no personal data, recorded
# with their values: keys and codes, what a file is, and the staff's own accounts.
# Every other text field must be masked.
PLAIN_TEXT_FIELDS = {
    "applications.Application": {"reference_number", "reference_key"},  # diarienummer
    "applications.IndividualCase": {"case_code"},  # the pseudonym of the case
    "applications.Document": {"content_type", "sha256"},
    "auth.User": {"username", "first_name", "last_name", "email"},
    "auth.Group": {"name"},  # a role
    "otp_totp.TOTPDevice": {"name"},  # the authenticator's label; the key is left out
    # References to the authority's own documents, and the allocation's summary.
    "grants.BudgetYear": {"appropriation_reference"},
    "grants.BudgetAmendment": {"reference"},
    "grants.AllocationDecision": {"reference", "summary"},
    # Agencies and non-profit organisations: public names and numbers.
    "grants.Organisation": {"name", "organisation_number"},
}


def text_fields(model) -> set[str]:
    return {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.FileField)
        and not field.choices
    }


def test_every_free_text_field_of_an_audited_model_is_recorded_by_name_only():
    unmasked = {}
    for model in auditlog.get_models():
        options = auditlog.get_model_fields(model)
        hidden = set(options["mask_fields"]) | set(options["exclude_fields"])
        if options["include_fields"]:
            hidden |= text_fields(model) - set(options["include_fields"])
        plain = PLAIN_TEXT_FIELDS.get(model._meta.label, set())
        missing = text_fields(model) - hidden - plain
        if missing:
            unmasked[model._meta.label] = sorted(missing)
    assert unmasked == {}


def test_a_masked_value_is_a_fixed_marker_not_part_of_the_text():
    hide = get_mask_function(auditlog.get_model_fields(IndividualCase)["mask_callable"])
    assert hide("Anna Hemlig bor i Kiruna") == HIDDEN
    assert hide("") == HIDDEN


def text_columns_containing(needle: str) -> list[str]:
    """Every column of every table whose text holds needle (case-insensitive)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = connection.introspection.get_table_description(cursor, table)
            for column in columns:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 - names from the schema
                    f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                    [f"%{needle.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


@pytest.fixture
def uploaded(client, settings, tmp_path):
    """A handläggare attaches "Anna Hemlig intyg.pdf" and downloads it again."""
    settings.MEDIA_ROOT = tmp_path
    officer = UserFactory(username="hl-bilaga", roles=[Role.CASE_OFFICER])
    application = IndividualCaseFactory().application
    client.force_login(officer)
    response = client.post(
        reverse("applications:document_upload", args=[application.pk]),
        {
            "kind": "other",
            "file": SimpleUploadedFile(FILE_NAME, PDF, "application/octet-stream"),
        },
    )
    assert response.status_code == 302
    document = application.documents.get()
    download = client.get(
        reverse("applications:document_download", args=[application.pk, document.pk])
    )
    assert download.status_code == 200
    return document, download


def test_the_uploaded_file_name_is_nowhere_in_the_database_in_clear_text(uploaded):
    document, _download = uploaded
    assert text_columns_containing("Hemlig") == []
    # The scan reads every table: it finds what is stored in clear text.
    assert "applications_document.sha256" in text_columns_containing(document.sha256)


def test_the_download_still_offers_the_original_file_name(uploaded, tmp_path):
    document, download = uploaded
    assert download["Content-Disposition"] == f'attachment; filename="{FILE_NAME}"'
    assert b"".join(download.streaming_content) == PDF
    stored = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert [path.relative_to(tmp_path).as_posix() for path in stored] == [
        document.file.name
    ]
    assert "Hemlig" not in document.file.name and "Anna" not in document.file.name


def test_the_trail_names_a_document_neutrally(uploaded):
    document, _download = uploaded
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Document)
    )
    assert {entry.action for entry in entries} == {
        LogEntry.Action.CREATE,
        LogEntry.Action.ACCESS,
    }
    assert {entry.object_repr for entry in entries} == {f"Bilaga {document.pk}"}
    created = entries.get(action=LogEntry.Action.CREATE)
    assert created.changes_dict["original_name"] == [HIDDEN, HIDDEN]


@pytest.mark.parametrize("term", ["Hemlig", FILE_NAME, "anna hemlig intyg.pdf"])
def test_the_audit_page_and_its_export_find_nothing_by_the_file_name(
    client, uploaded, term
):
    client.force_login(UserFactory(roles=[Role.AUDITOR]))
    page = client.get(reverse("audit:log"), {"object_ref": term})
    assert page.status_code == 200
    assert page.context["rows"] == []
    export = client.get(reverse("audit:export"), {"object_ref": term})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert body.count("\n") == 1  # the header only
    everything = b"".join(client.get(reverse("audit:export")).streaming_content)
    assert b"Hemlig" not in everything


@pytest.mark.parametrize("term", ["Hemlig", "intyg.pdf", "Kiruna"])
def test_the_admin_search_of_the_trail_finds_nothing_by_file_name_or_free_text(
    client, uploaded, term
):
    document, _download = uploaded
    case = document.application.individual_case
    case.coordinator_statement = "Anna Hemlig bor i Kiruna."
    case.save(update_fields=["coordinator_statement"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:auditlog_logentry_changelist"), {"q": term})
    assert page.status_code == 200
    assert page.context["cl"].result_count == 0


def old_entries(document) -> list[LogEntry]:
    """Entries as they were written before documents had neutral names and free
    text was masked: the trail is immutable, so such entries stay."""
    actor = UserFactory(username="hl-tidigare")
    named = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Document),
        object_pk=str(document.pk),
        object_id=document.pk,
        object_repr=FILE_NAME,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        additional_data={"access": "download"},
    )
    case = document.application.individual_case
    prose = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(IndividualCase),
        object_pk=str(case.pk),
        object_id=case.pk,
        object_repr=case.case_code,
        action=LogEntry.Action.UPDATE,
        actor=actor,
        changes={"coordinator_statement": ["", "Anna Hemlig bor i Kiruna."]},
    )
    return [named, prose]


def test_entries_written_before_are_neither_shown_nor_found_by_their_text(
    client, uploaded
):
    document, _download = uploaded
    named, prose = old_entries(document)
    client.force_login(UserFactory(roles=[Role.AUDITOR]))
    assert (
        client.get(reverse("audit:log"), {"object_ref": FILE_NAME}).context["rows"]
        == []
    )
    shown = client.get(reverse("audit:log"), {"user": named.actor_id}).content
    exported = b"".join(client.get(reverse("audit:export")).streaming_content)
    for text in (shown, exported):
        assert b"Hemlig" not in text and b"Kiruna" not in text

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = reverse("admin:auditlog_logentry_changelist")
    for term in ("Hemlig", "Kiruna"):
        assert client.get(changelist, {"q": term}).context["cl"].result_count == 0
    assert b"Hemlig" not in client.get(changelist).content
    for entry in (named, prose):
        detail = client.get(
            reverse("admin:auditlog_logentry_change", args=[entry.pk])
        ).content
        assert b"Hemlig" not in detail and b"Kiruna" not in detail
    label = str(IndividualCase._meta.get_field("coordinator_statement").verbose_name)
    assert label in detail.decode()  # the field is named: it changed
