"""Uploads are accepted by content, not by name; attacks are refused; downloads are
attachments that no browser renders. PDFs are parsed: hostile ones, built here one
per kind, are refused through the upload page and leave nothing on disk."""

import struct
import zlib
from io import BytesIO

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

from applications.models import Document
from applications.uploads import (
    random_file_name,
    served_content_type,
    upload_check,
    upload_clean_name,
)
from applications.views.common import attachment_response


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written by hand: object 1 is the catalog; a correct cross-reference
    table, so that nothing is repaired before it is read."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>"
PDF = raw_pdf(CATALOG, PAGES, PAGE)


def image_bytes(fmt: str) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


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


# --- PDFs are parsed: hostile ones, one per kind, through the upload page ---------

# The Swedish refusal for each kind of active content.
REFUSALS = {
    "script": "PDF-filen innehåller skript (JavaScript).",
    "launch": "PDF-filen innehåller en åtgärd som startar ett program eller öppnar "
    "en annan fil.",
    "submit": "PDF-filen innehåller ett formulär som skickar eller hämtar uppgifter.",
    "link": "PDF-filen innehåller en länk till en webbadress.",
    "automatic": "PDF-filen utför åtgärder av sig själv",
    "attachment": "PDF-filen innehåller bifogade filer.",
    "media": "PDF-filen innehåller inbäddad media",
    "xfa": "PDF-filen innehåller ett XFA-formulär.",
    "unreadable": "PDF-filen kan inte läsas",
    "encrypted": "PDF-filen är krypterad eller lösenordsskyddad.",
    "not_pdf": "Endast PDF-, PNG- och JPEG-filer tas emot.",
    "image_too_large": "Bilden är för stor: högst 50 miljoner bildpunkter tas emot.",
    "too_many_objects": "PDF-filen har fler än 3 objekt och kan inte kontrolleras.",
}


def saved(pdf: pikepdf.Pdf, **options) -> bytes:
    buffer = BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def text_pdf(text: bytes = b"Ansokan om medel") -> pikepdf.Pdf:
    """One A4 page with a line of text in Helvetica."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0].obj
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    page.Resources = Dictionary(Font=Dictionary(F1=pdf.make_indirect(font)))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 770 Td (" + text + b") Tj ET")
    return pdf


def annotate(pdf: pikepdf.Pdf, **entries) -> Dictionary:
    """Put an annotation on the first page; a link unless a Subtype is given."""
    annotation = pdf.make_indirect(
        Dictionary(
            {
                "/Type": Name.Annot,
                "/Subtype": Name.Link,
                "/Rect": Array([72, 700, 300, 720]),
                "/P": pdf.pages[0].obj,
            }
            | {f"/{key}": value for key, value in entries.items()}
        )
    )
    pdf.pages[0].obj.Annots = Array([annotation])
    return annotation


def to_first_page(pdf: pikepdf.Pdf) -> Dictionary:
    return Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]))


def open_action_script() -> bytes:
    pdf = text_pdf()
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    return saved(pdf)


def open_action_of_any_kind() -> bytes:
    pdf = text_pdf()
    pdf.Root.OpenAction = to_first_page(pdf)
    return saved(pdf)


def escaped_script_names() -> bytes:
    # /J#61vaScript is /JavaScript and /J#53 is /JS once the names are parsed.
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        PAGES,
        PAGE,
        b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
    )


def escaped_launch() -> bytes:
    return raw_pdf(
        CATALOG,
        PAGES,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >>"
        b" /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720]"
        b" /A << /S /L#61unch /F (cmd.exe) >> >>",
    )


def launch_named_by_reference() -> bytes:
    # The action type is an indirect object: /S 5 0 R, and object 5 is /Launch.
    return raw_pdf(
        CATALOG,
        PAGES,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >>"
        b" /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720]"
        b" /A << /S 5 0 R /F (cmd.exe) >> >>",
        b"/Launch",
    )


def script_in_object_stream() -> bytes:
    # Document-level script in the catalog's /Names, its code a compressed stream,
    # every dictionary inside a compressed object stream: none of it in the bytes.
    pdf = text_pdf()
    code = pdf.make_stream(b"app.alert(1)")
    action = Dictionary(S=Name.JavaScript, JS=code)
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("init"), pdf.make_indirect(action)]))
    )
    content = saved(
        pdf,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
    )
    assert b"JavaScript" not in content and b"app.alert" not in content
    return content


def script_in_compressed_stream_of_a_field() -> bytes:
    # A text field whose keystroke action runs code kept in a Flate stream.
    pdf = text_pdf()
    code = pdf.make_stream(zlib.compress(b"app.alert(1)"), Filter=Name.FlateDecode)
    field = annotate(
        pdf,
        Subtype=Name.Widget,
        FT=Name.Tx,
        T=String("namn"),
        AA=Dictionary(K=Dictionary(S=Name.JavaScript, JS=code)),
    )
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    content = saved(pdf)
    assert b"app.alert" not in content
    return content


def launch() -> bytes:
    pdf = text_pdf()
    annotate(pdf, A=Dictionary(S=Name.Launch, F=String("cmd.exe")))
    return saved(pdf)


def go_to_another_file() -> bytes:
    pdf = text_pdf()
    annotate(
        pdf,
        A=Dictionary(S=Name.GoToR, F=String("annan.pdf"), D=Array([0, Name.Fit])),
    )
    return saved(pdf)


def submit_form() -> bytes:
    pdf = text_pdf()
    target = Dictionary(FS=Name.URL, F=String("https://example.invalid/in"))
    button = annotate(
        pdf,
        Subtype=Name.Widget,
        FT=Name.Btn,
        Ff=65536,
        T=String("skicka"),
        A=Dictionary(S=Name.SubmitForm, F=target),
    )
    pdf.Root.AcroForm = Dictionary(Fields=Array([button]))
    return saved(pdf)


def import_data() -> bytes:
    pdf = text_pdf()
    annotate(pdf, A=Dictionary(S=Name.ImportData, F=String("uppgifter.fdf")))
    return saved(pdf)


def uri_link() -> bytes:
    pdf = text_pdf()
    annotate(pdf, A=Dictionary(S=Name.URI, URI=String("https://example.invalid/")))
    return saved(pdf)


def page_additional_action() -> bytes:
    # Harmless in itself (go to page 1 when the page opens): refused as automatic.
    pdf = text_pdf()
    pdf.pages[0].obj.AA = Dictionary(O=to_first_page(pdf))
    return saved(pdf)


def catalog_additional_action() -> bytes:
    pdf = text_pdf()
    pdf.Root.AA = Dictionary(WC=to_first_page(pdf))
    return saved(pdf)


def annotation_additional_action() -> bytes:
    pdf = text_pdf()
    annotate(pdf, AA=Dictionary(E=to_first_page(pdf)))
    return saved(pdf)


def embedded_file_in_names() -> bytes:
    pdf = text_pdf()
    pdf.attachments["bilaga.txt"] = pikepdf.AttachedFileSpec(pdf, b"hidden")
    return saved(pdf)


def associated_file() -> bytes:
    # PDF/A-3's associated files: a file specification with an embedded stream that
    # leaves out its optional /Type, hung on the catalog's /AF.
    pdf = text_pdf()
    stream = pdf.make_stream(b"hidden")
    spec = Dictionary(Type=Name.Filespec, F=String("data.xml"), EF=Dictionary(F=stream))
    pdf.Root.AF = Array([pdf.make_indirect(spec)])
    return saved(pdf)


def file_attachment_annotation() -> bytes:
    # Only the annotation, pointing to a file by name: no embedded stream.
    pdf = text_pdf()
    annotate(pdf, Subtype=Name.FileAttachment, FS=String("bilaga.exe"))
    return saved(pdf)


def rich_media() -> bytes:
    pdf = text_pdf()
    annotate(pdf, Subtype=Name.RichMedia)
    return saved(pdf)


def xfa_form() -> bytes:
    pdf = text_pdf()
    pdf.Root.AcroForm = Dictionary(
        Fields=Array(), XFA=pdf.make_stream(b"<xdp:xdp xmlns:xdp='x'/>")
    )
    return saved(pdf)


def encrypted(user: str) -> bytes:
    return saved(text_pdf(), encryption=pikepdf.Encryption(user=user, owner="ägare"))


HOSTILE = {
    "open-action-javascript": (open_action_script, {"script", "automatic"}),
    "open-action-of-any-kind": (open_action_of_any_kind, {"automatic"}),
    "escaped-J#61vaScript": (escaped_script_names, {"script", "automatic"}),
    "escaped-L#61unch": (escaped_launch, {"launch"}),
    "launch-named-by-reference": (launch_named_by_reference, {"launch"}),
    "script-in-object-stream": (script_in_object_stream, {"script"}),
    "script-in-compressed-stream": (
        script_in_compressed_stream_of_a_field,
        {"script", "automatic"},
    ),
    "launch": (launch, {"launch"}),
    "go-to-another-file": (go_to_another_file, {"launch"}),
    "submit-form": (submit_form, {"submit"}),
    "import-data": (import_data, {"submit"}),
    "uri-link": (uri_link, {"link"}),
    "page-additional-action": (page_additional_action, {"automatic"}),
    "catalog-additional-action": (catalog_additional_action, {"automatic"}),
    "annotation-additional-action": (annotation_additional_action, {"automatic"}),
    "embedded-file-in-names": (embedded_file_in_names, {"attachment"}),
    "associated-file": (associated_file, {"attachment"}),
    "file-attachment-annotation": (file_attachment_annotation, {"attachment"}),
    "rich-media": (rich_media, {"media"}),
    "xfa-form": (xfa_form, {"xfa"}),
    "encrypted-with-password": (lambda: encrypted("hemligt"), {"encrypted"}),
    "encrypted-without-password": (lambda: encrypted(""), {"encrypted"}),
    "truncated": (lambda: saved(text_pdf())[:-40], {"unreadable"}),
    "cut-in-half": (lambda: PDF[: len(PDF) // 2], {"unreadable"}),
    "garbage-after-header": (
        lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n",
        {"unreadable"},
    ),
    "not-a-pdf": (lambda: b"MZ\x90\x00 a program named .pdf", {"not_pdf"}),
}


def object_streams(pdf: pikepdf.Pdf) -> bytes:
    return saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def like_an_office_export() -> bytes:
    # Open at the first page (a destination, not an action) and a link inside it.
    pdf = text_pdf()
    pdf.Root.OpenAction = Array([pdf.pages[0].obj, Name.XYZ, None, None, 0])
    annotate(pdf, A=to_first_page(pdf))
    return saved(pdf)


CLEAN = {
    "text": lambda: saved(text_pdf()),
    "text-in-object-streams": lambda: object_streams(text_pdf()),
    # Page text is not an action: a byte scan refused these words.
    "text-naming-actions": lambda: saved(
        text_pdf(b"Se /JavaScript, /Launch och /URI i handboken"),
        compress_streams=False,
    ),
    "destination-and-internal-link": like_an_office_export,
    "written-by-hand": lambda: PDF,
}


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


def shown_refusals(response) -> set[str]:
    page = response.content.decode()
    return {kind for kind, text in REFUSALS.items() if text in page}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_pdfs_are_refused_by_kind_and_nothing_is_stored(upload_page, case):
    build, kinds = HOSTILE[case]
    response, documents, files = upload_page("bilaga.pdf", build())
    assert response.status_code == 200
    assert shown_refusals(response) == kinds
    assert not documents.exists()
    assert files == []


@pytest.mark.parametrize("case", CLEAN, ids=list(CLEAN))
def test_clean_pdfs_are_stored(upload_page, case):
    content = CLEAN[case]()
    response, documents, files = upload_page("bilaga.pdf", content)
    assert response.status_code == 302
    assert documents.count() == 1
    assert [path.read_bytes() for path in files] == [content]


def test_a_pdf_with_more_objects_than_can_be_checked_is_refused(
    upload_page, monkeypatch
):
    monkeypatch.setattr("applications.uploads.MAX_PDF_OBJECTS", 3)
    response, documents, files = upload_page("bilaga.pdf", saved(text_pdf()))
    assert shown_refusals(response) == {"too_many_objects"}
    assert not documents.exists()
    assert files == []


def test_a_pdf_refusal_names_the_problem_not_the_content():
    content = uri_link()
    with pytest.raises(ValidationError) as refused:
        upload_check(file=upload("bilaga.pdf", content))
    text = " ".join(refused.value.messages)
    assert "example.invalid" not in text
    assert "printing it to PDF" in text or "skriva ut" in text


# --- images that declare a huge size ------------------------------------------


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares the size, with a few bytes of image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (100_000, 100_000),  # beyond Pillow's own limit: DecompressionBombError
        (10_000, 10_000),  # within Pillow's warning range: DecompressionBombWarning
        (8_000, 7_000),  # below Pillow's limits, above MAX_IMAGE_PIXELS
    ],
)
def test_an_image_declaring_a_huge_size_is_refused_not_a_500(
    upload_page, width, height
):
    response, documents, files = upload_page(
        "skanning.png", png_declaring(width, height)
    )
    assert response.status_code == 200
    assert shown_refusals(response) == {"image_too_large"}
    assert not documents.exists()
    assert files == []
