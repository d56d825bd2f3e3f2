"""PDFs with active content, built one per kind, and clean ones for comparison."""

import zlib
from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from tests.applications.uploads.files import CATALOG, PAGE, PAGES, PDF, raw_pdf

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


def shown_refusals(response) -> set[str]:
    page = response.content.decode()
    return {kind for kind, text in REFUSALS.items() if text in page}
