"""The upload page, posted to by the upload tests."""

import pytest
from django.urls import reverse

from applications.models import Document
from tests.applications.uploads.files import upload


@pytest.fixture
def upload_page(client, officer, in_review, settings, tmp_path):
    """Post one file to the page that attaches documents; return the response,
    the new documents and the files now on disk."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(officer)
    url = reverse("applications:document_upload", args=[in_review.pk])
    before = set(Document.objects.values_list("pk", flat=True))

    def post(name: str, content: bytes):
        response = client.post(url, {"kind": "other", "file": upload(name, content)})
        documents = Document.objects.exclude(pk__in=before)
        files = [path for path in tmp_path.rglob("*") if path.is_file()]
        return response, documents, files

    return post
