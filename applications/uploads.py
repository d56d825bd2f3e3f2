"""Checks of uploaded documents, and the only way documents are served back.

An upload is accepted only when its content is a PDF, PNG or JPEG (by magic bytes),
its name carries a matching extension and no path, and it is not larger than
``settings.MAX_UPLOAD_SIZE``. A PDF is parsed (pikepdf, on qpdf) and refused when any
of its objects holds something a PDF reader might run or follow by itself: scripts,
actions that launch, submit, import or open links, open and additional actions,
attached files, media or XFA forms (``pdf_active_content``). An image is decoded,
refused above ``MAX_IMAGE_PIXELS``, and searched for markup a browser might render.
It is stored under a random name; the original name is kept only for display.

    checked = upload_check(file=request.FILES["file"])
    document.file.save(checked.stored_name, file, save=False)

A download is served as ``served_content_type`` says, through the one attachment
response of the views (``applications.views.common.attachment_response``): always
an attachment, never sniffed.
A service that stores files does so inside ``stored_files_removed_on_error``, so a
file never outlives the failed transaction that was to record it.
"""

import hashlib
import json
import re
import unicodedata
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

# The accept attribute of file inputs: a hint to the browser; the server checks content.
ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"

CHUNK = 64 * 1024
MAX_NAME_LENGTH = 200
# A scanned A4 page at 600 dpi is 35 million pixels; a declared size above this is
# refused before the image is decoded (a small file can declare a huge image).
MAX_IMAGE_PIXELS = 50_000_000
# A PDF of a few hundred pages has some tens of thousands of objects; a small file
# can hold millions, each of which costs time to check.
MAX_PDF_OBJECTS = 200_000


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]
    magic: bytes
    image_format: str | None = None


ALLOWED_TYPES = (
    FileType("application/pdf", (".pdf",), b"%PDF-"),
    FileType("image/png", (".png",), b"\x89PNG\r\n\x1a\n", "PNG"),
    FileType("image/jpeg", (".jpg", ".jpeg"), b"\xff\xd8\xff", "JPEG"),
)

# Markup a browser would render or run, searched case-insensitively in images, whose
# decoders ignore what follows or hides inside them. PDFs are parsed instead.
MARKUP = re.compile(
    rb"<\s*(script|html|svg|iframe|object|embed|body|!doctype)\b|javascript:",
    re.IGNORECASE,
)

# What a PDF may not hold, by kind, in the order the refusal names them.
PDF_PROBLEMS = {
    "script": gettext_lazy("The PDF contains a script (JavaScript)."),
    "launch": gettext_lazy(
        "The PDF contains an action that starts a program or opens another file."
    ),
    "submit": gettext_lazy("The PDF contains a form that sends or fetches data."),
    "link": gettext_lazy("The PDF contains a link to a web address."),
    "automatic": gettext_lazy(
        "The PDF runs actions by itself when it is opened, or when a page, field "
        "or annotation is used."
    ),
    "attachment": gettext_lazy("The PDF contains attached files."),
    "media": gettext_lazy("The PDF contains embedded media (video, sound, 3D)."),
    "xfa": gettext_lazy("The PDF contains an XFA form."),
}
# The action type (/S) of an action dictionary.
PDF_ACTIONS = {
    "/JavaScript": "script",
    "/Launch": "launch",
    "/GoToR": "launch",
    "/GoToE": "launch",
    "/SubmitForm": "submit",
    "/ImportData": "submit",
    "/URI": "link",
    "/Rendition": "media",
    "/RichMediaExecute": "media",
    "/Movie": "media",
    "/Sound": "media",
}
# A key that may not appear in any dictionary: /JavaScript and /EmbeddedFiles are the
# name trees of the catalog's /Names, /AA the additional actions of the catalog, a
# page, an annotation or a form field, /EF the embedded file of a file specification.
PDF_KEYS = {
    "/JS": "script",
    "/JavaScript": "script",
    "/AA": "automatic",
    "/EmbeddedFiles": "attachment",
    "/EF": "attachment",
    "/RichMediaContent": "media",
    "/XFA": "xfa",
}
# The /Type or /Subtype of an object or annotation.
PDF_TYPES = {
    "/EmbeddedFile": "attachment",
    "/FileAttachment": "attachment",
    "/RichMedia": "media",
    "/Screen": "media",
    "/Movie": "media",
    "/Sound": "media",
    "/3D": "media",
}
# Where a dictionary names its action type (/S) or its kind (/Type, /Subtype).
PDF_NAMED = (("/S", PDF_ACTIONS), ("/Type", PDF_TYPES), ("/Subtype", PDF_TYPES))
# An indirect reference in qpdf's JSON.
PDF_REFERENCE = re.compile(r"\d+ \d+ R")


@dataclass(frozen=True)
class CheckedUpload:
    file: object
    original_name: str
    stored_name: str
    content_type: str
    size: int
    sha256: str


def random_file_name(extension: str) -> str:
    """A stored name that says nothing about the document: 32 hex digits."""
    return f"{uuid.uuid4().hex}{extension}"


def upload_clean_name(name: str) -> str:
    """The display name of an upload, or ValidationError for a name that tries to
    reach another folder or hides characters."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise ValidationError(_("The file has no name."))
    if (
        "/" in name
        or "\\" in name
        or ".." in name
        or name.startswith(".")
        or any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in name)
    ):
        raise ValidationError(
            _("The file name may not contain folders, '..' or control characters.")
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The file name is longer than %(max)d characters.")
            % {"max": MAX_NAME_LENGTH}
        )
    return name


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _read(file) -> tuple[bytes, str]:
    """The content and its SHA-256; stops reading as soon as the size limit is
    passed. The file is left at position 0."""
    limit = settings.MAX_UPLOAD_SIZE
    digest = hashlib.sha256()
    chunks = []
    size = 0
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        size += len(chunk)
        if size > limit:
            raise ValidationError(
                _("The file is larger than %(max)s.") % {"max": filesizeformat(limit)}
            )
        chunks.append(chunk)
        digest.update(chunk)
    file.seek(0)
    return b"".join(chunks), digest.hexdigest()


def _pdf_objects(pdf: pikepdf.Pdf) -> dict:
    """Every object of the document as qpdf writes it in JSON: the trailer and each
    indirect object, also those inside object streams, keyed "obj:N G R". Names are
    written as parsed, so ``/J#61vaScript`` is ``/JavaScript`` here; stream data is
    left out. One pass in qpdf is far faster than visiting objects from Python."""
    out = BytesIO()
    pdf.write_qpdf_json(
        out,
        decode_level=pikepdf.StreamDecodeLevel.none,
        json_stream_data=pikepdf.JSONStreamData.none,
    )
    return json.loads(out.getvalue())["qpdf"][1]


def _pdf_value(entry: dict):
    """An object's value; a stream's dictionary."""
    return entry["stream"]["dict"] if "stream" in entry else entry.get("value")


def _pdf_dictionaries(objects: dict) -> Iterator[dict]:
    """Every dictionary, stream dictionaries and nested direct ones included."""
    stack = [_pdf_value(entry) for entry in objects.values()]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _pdf_resolved(value, objects: dict):
    """The value itself, or the object that an indirect reference ("N G R") names."""
    for _hop in range(8):
        if not (isinstance(value, str) and PDF_REFERENCE.fullmatch(value)):
            break
        value = _pdf_value(objects.get(f"obj:{value}", {}))
    return value


def _pdf_dictionary_problems(dictionary: dict, objects: dict) -> set[str]:
    problems = {PDF_KEYS[key] for key in dictionary.keys() & PDF_KEYS.keys()}
    for key, table in PDF_NAMED:
        value = _pdf_resolved(dictionary.get(key), objects)
        if isinstance(value, str) and value in table:
            problems.add(table[value])
    # An open action that is a destination (a page to show) does nothing else; an
    # action dictionary there runs by itself, whatever its kind.
    if isinstance(_pdf_resolved(dictionary.get("/OpenAction"), objects), dict):
        problems.add("automatic")
    return problems


def pdf_active_content(content: bytes) -> list[str]:
    """The kinds of active content (keys of ``PDF_PROBLEMS``) in a PDF, in that
    order; ValidationError when the PDF is incomplete, cannot be parsed, is
    encrypted or has more than ``MAX_PDF_OBJECTS`` objects."""
    unreadable = ValidationError(
        _(
            "The PDF cannot be read; it may be damaged or incomplete. Save it again "
            "as PDF and upload it again."
        )
    )
    encrypted = ValidationError(
        _("The PDF is encrypted or password-protected. Upload it without a password.")
    )
    # A complete PDF ends with %%EOF (readers look in the last 1024 bytes); without
    # it the upload was cut off, and qpdf would repair what is left without a word.
    if b"%%EOF" not in content[-1024:]:
        raise unreadable
    try:
        with pikepdf.open(BytesIO(content)) as pdf:
            if pdf.is_encrypted:
                raise encrypted
            if len(pdf.get_xref_table()) > MAX_PDF_OBJECTS:
                raise ValidationError(
                    _(
                        "The PDF has more than %(max)d objects and cannot be "
                        "checked. Save it again as PDF, or split it."
                    )
                    % {"max": MAX_PDF_OBJECTS}
                )
            objects = _pdf_objects(pdf)
    except pikepdf.PasswordError:
        raise encrypted from None
    except pikepdf.PdfError:
        raise unreadable from None
    found = set()
    for dictionary in _pdf_dictionaries(objects):
        found |= _pdf_dictionary_problems(dictionary, objects)
    return [kind for kind in PDF_PROBLEMS if kind in found]


def _pdf_check(content: bytes) -> None:
    found = pdf_active_content(content)
    if found:
        raise ValidationError(
            [PDF_PROBLEMS[kind] for kind in found]
            + [
                _(
                    "Such PDFs are not accepted. Save the document without this "
                    "content, for example by printing it to PDF, and upload it again."
                )
            ]
        )


def _image_check(content: bytes, image_format: str) -> None:
    if MARKUP.search(content):
        raise ValidationError(
            _("The file contains script or web content and cannot be accepted.")
        )
    damaged = ValidationError(_("The image is damaged or not what it claims to be."))
    too_large = ValidationError(
        _(
            "The image is too large: at most %(max)d million pixels are accepted. "
            "Reduce its resolution and upload it again."
        )
        % {"max": MAX_IMAGE_PIXELS // 1_000_000}
    )
    try:
        # Pillow warns about, then refuses, a declared size beyond its own limit
        # while opening; both are refusals here.
        with warnings.catch_warnings(
            action="error", category=Image.DecompressionBombWarning
        ):
            with Image.open(BytesIO(content)) as image:
                if image.format != image_format:
                    raise damaged
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise too_large
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise damaged from None


def upload_check(*, file) -> CheckedUpload:
    """Check an uploaded file and name where to store it; ValidationError when the
    file is not accepted. The file is left at position 0."""
    name = upload_clean_name(getattr(file, "name", ""))
    extension = _extension(name)
    content, sha256 = _read(file)
    if not content:
        raise ValidationError(_("The file is empty."))
    kind = next((t for t in ALLOWED_TYPES if content.startswith(t.magic)), None)
    if kind is None:
        raise ValidationError(_("Only PDF, PNG and JPEG files are accepted."))
    if extension not in kind.extensions:
        raise ValidationError(
            _("The file name does not match its content (%(type)s).")
            % {"type": kind.content_type}
        )
    if kind.image_format:
        _image_check(content, kind.image_format)
    else:
        _pdf_check(content)
    return CheckedUpload(
        file=file,
        original_name=name,
        stored_name=random_file_name(kind.extensions[0]),
        content_type=kind.content_type,
        size=len(content),
        sha256=sha256,
    )


def validate_upload(file) -> None:
    """The same check as a form field validator."""
    upload_check(file=file)


def served_content_type(content_type: str) -> str:
    """The type a stored document is served as: its own when it is one of the
    accepted ones, else bytes that no browser interprets."""
    allowed = {t.content_type for t in ALLOWED_TYPES}
    return content_type if content_type in allowed else "application/octet-stream"


@contextmanager
def stored_files_removed_on_error() -> Iterator[list]:
    """Collect the files stored inside the block; if the block raises, delete them.

    Put it around a service's whole transaction (commit included): then a file
    whose row was rolled back, or whose commit failed, is not left on disk, where
    it would hold an individual's document that no page shows, no permission
    guards and no retention rule reaches. Inside an outer transaction that is
    rolled back later the files stay; the services are called outermost.
    """
    stored: list = []
    try:
        yield stored
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise
