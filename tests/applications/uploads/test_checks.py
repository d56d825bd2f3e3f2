"""Uploads are accepted by content, not by name; attacks are refused; downloads
are attachments that no browser renders."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from applications.models import Document
from applications.uploads import (
    random_file_name,
    served_content_type,
    upload_check,
    upload_clean_name,
)
from applications.views.common import attachment_response
from tests.applications.uploads.files import PDF, image_bytes, upload


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("ansökan.pdf", PDF, "application/pdf"),
        ("Utlåtande.PDF", PDF, "application/pdf"),
        ("bild.png", image_bytes("PNG"), "image/png"),
        ("foto.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("foto.jpeg", image_bytes("JPEG"), "image/jpeg"),
    ],
)
def test_pdf_png_and_jpeg_are_accepted_by_content(name, content, content_type):
    checked = upload_check(file=upload(name, content))
    assert checked.content_type == content_type
    assert checked.original_name == name
    assert checked.size == len(content)
    assert len(checked.sha256) == 64
    assert name.split(".")[0] not in checked.stored_name


def test_stored_names_are_random():
    names = {upload_check(file=upload("a.pdf", PDF)).stored_name for _ in range(20)}
    assert len(names) == 20
    assert all(len(n) == len("0" * 32 + ".pdf") for n in names)
    assert random_file_name(".png").endswith(".png")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("attack.pdf", b"<html><script>alert(1)</script></html>"),
        (
            "attack.pdf",
            b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
        ),
        ("attack.png", b"<svg onload=alert(1)>"),
        ("attack.jpg", b"#!/bin/sh\nrm -rf /\n"),
        ("attack.pdf", b"MZ\x90\x00\x03\x00 windows executable"),
        ("attack.pdf", b"PK\x03\x04 a zip or docx"),
        ("spoof.png", b"\x89PNG\r\n\x1a\n" + b"not really an image"),
        ("spoof.jpg", b"\xff\xd8\xff" + b"\x00" * 50),
        ("polyglot.pdf", b"%PDF-1.4\n<html><body><script>alert(1)</script>"),
        ("link.pdf", b"%PDF-1.4\n(javascript:alert(1))"),
        ("comment.png", image_bytes("PNG") + b"<script>alert(1)</script>"),
    ],
)
def test_disguised_or_active_content_is_refused(name, content):
    with pytest.raises(ValidationError):
        upload_check(file=upload(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("really-a-png.pdf", image_bytes("PNG")),
        ("really-a-pdf.jpg", PDF),
        ("no-extension", PDF),
        ("double.pdf.html", PDF),
        ("page.svg", PDF),
    ],
)
def test_the_name_must_match_the_content(name, content):
    with pytest.raises(ValidationError):
        upload_check(file=upload(name, content))


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\win.ini.pdf",
        "/absolute/path.pdf",
        "folder/file.pdf",
        ".hidden.pdf",
        "nul\x00byte.pdf",
        "right-to-left\u202efdp.exe",
        "",
        "a" * 300 + ".pdf",
    ],
)
def test_path_traversal_and_hidden_names_are_refused(name):
    with pytest.raises(ValidationError):
        upload_clean_name(name)


def test_a_path_traversal_name_is_refused_even_with_good_content():
    # Django's upload handling already strips folders; a File from elsewhere does not.
    file = File(BytesIO(PDF), name="../../settings.pdf")
    with pytest.raises(ValidationError):
        upload_check(file=file)


def test_oversize_and_empty_files_are_refused():
    with override_settings(MAX_UPLOAD_SIZE=len(PDF) - 1):
        with pytest.raises(ValidationError, match=r"\d"):
            upload_check(file=upload("big.pdf", PDF))
    with override_settings(MAX_UPLOAD_SIZE=len(PDF)):
        assert upload_check(file=upload("exact.pdf", PDF)).size == len(PDF)
    with pytest.raises(ValidationError):
        upload_check(file=upload("empty.pdf", b""))


def test_the_file_is_rewound_for_storing():
    file = upload("a.pdf", PDF)
    upload_check(file=file)
    assert file.read() == PDF


def test_downloads_are_attachments_that_are_never_sniffed():
    response = attachment_response(
        BytesIO(PDF),
        filename="ansökan 1.pdf",
        content_type=served_content_type("application/pdf"),
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert "ans%C3%B6kan%201.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_a_download_of_an_unknown_type_is_served_as_bytes(
    client, officer, in_review, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = Document(
        application=in_review,
        kind="application",
        original_name="x.html",
        content_type="text/html",
        size=1,
        sha256="0" * 64,
        uploaded_by=officer,
    )
    document.file.save("x.html", ContentFile(b"x"), save=False)
    document.save()
    client.force_login(officer)
    response = client.get(
        reverse("applications:document_download", args=[in_review.pk, document.pk])
    )
    assert response["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bilaga.pdf", PDF, True),
        ("bild.png", image_bytes("PNG"), True),
        ("bild.jpg", image_bytes("JPEG"), True),
        ("bild.pdf", image_bytes("PNG"), False),
        ("bilaga.pdf", b"MZ\x90\x00 not a pdf", False),
        ("bilaga.pdf", b"<html><script>alert(1)</script>", False),
    ],
)
def test_uploads_are_checked_by_content(name, content, ok):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    if ok:
        assert upload_check(file=upload).size == len(content)
    else:
        with pytest.raises(ValidationError):
            upload_check(file=upload)


def test_uploads_above_the_size_limit_are_refused(settings):
    settings.MAX_UPLOAD_SIZE = 10
    with pytest.raises(ValidationError, match="större|large"):
        upload_check(file=SimpleUploadedFile("a.pdf", PDF, "application/pdf"))
