"""Stored documents are readable by the application's system user only."""

import os
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import ApplicationKind, Document
from tests.applications.helpers import PDF
from tests.scenarios import registered

# --- Stored documents: for the application's system user only --------------------


@pytest.fixture
def usual_umask():
    """The umask most servers run with (0o022), under which files are world-readable
    unless the storage sets their mode."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.django_db
def test_an_uploaded_document_is_readable_by_the_application_user_only(
    client, settings, tmp_path, usual_umask, officer, budget_year
):
    settings.MEDIA_ROOT = tmp_path / "documents"
    application = registered(budget_year=budget_year, kind=ApplicationKind.AGENCY)
    client.force_login(officer)
    response = client.post(
        reverse("applications:document_upload", args=[application.pk]),
        {
            "kind": "application",
            "file": SimpleUploadedFile("intyg.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    stored = Path(Document.objects.get(application=application).file.path)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    # The folders the storage made for it (documents/, documents/<year>/).
    folder = stored.parent
    while folder != tmp_path:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        folder = folder.parent
