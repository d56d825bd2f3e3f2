"""Checks of uploaded documents, and the only way documents are served back.

An upload is accepted only when its content is a PDF, PNG or JPEG (by magic bytes,
and for images by decoding it), its name carries a matching extension and no path,
it is not larger than ``settings.MAX_UPLOAD_SIZE``, and it carries no markup or
script that a browser or PDF reader might run (HTML, SVG, PDF JavaScript). It is
stored under a random name; the original name is kept only for display.

    checked = upload_check(file=request.FILES["file"])
    document.file.save(checked.stored_name, file, save=False)

Downloads go through ``upload_file_response``: always an attachment, never sniffed.
A service that stores files does so inside ``stored_files_removed_on_error``, so a
file never outlives the failed transaction that was to record it.
"""

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# The accept attribute of file inputs: a hint to the browser; the server checks content.
ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"

CHUNK = 64 * 1024
MAX_NAME_LENGTH = 200


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

# Byte patterns of active content: markup a browser would render or run, and PDF
# actions that run code. Searched case-insensitively in the whole file.
ACTIVE_CONTENT = re.compile(
    rb"<\s*(script|html|svg|iframe|object|embed|body|!doctype)\b"
    rb"|javascript:"
    rb"|/(javascript|js|launch|richmedia)\b",
    re.IGNORECASE,
)


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


def _scan(file) -> tuple[bytes, int, str]:
    """The first bytes, the size and the SHA-256 of the file; refuses active content
    and stops reading as soon as the size limit is passed."""
    limit = settings.MAX_UPLOAD_SIZE
    digest = hashlib.sha256()
    head = b""
    tail = b""
    size = 0
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        size += len(chunk)
        if size > limit:
            raise ValidationError(
                _("The file is larger than %(max)s.") % {"max": filesizeformat(limit)}
            )
        if len(head) < 16:
            head = (head + chunk)[:16]
        window = tail + chunk
        if ACTIVE_CONTENT.search(window):
            raise ValidationError(
                _("The file contains script or web content and cannot be accepted.")
            )
        tail = window[-32:]
        digest.update(chunk)
    file.seek(0)
    return head, size, digest.hexdigest()


def _image_is_sound(file, image_format: str) -> bool:
    file.seek(0)
    try:
        with Image.open(BytesIO(file.read())) as image:
            if image.format != image_format:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        file.seek(0)
    return True


def upload_check(*, file) -> CheckedUpload:
    """Check an uploaded file and name where to store it; ValidationError when the
    file is not accepted. The file is left at position 0."""
    name = upload_clean_name(getattr(file, "name", ""))
    extension = _extension(name)
    head, size, sha256 = _scan(file)
    if size == 0:
        raise ValidationError(_("The file is empty."))
    kind = next((t for t in ALLOWED_TYPES if head.startswith(t.magic)), None)
    if kind is None:
        raise ValidationError(_("Only PDF, PNG and JPEG files are accepted."))
    if extension not in kind.extensions:
        raise ValidationError(
            _("The file name does not match its content (%(type)s).")
            % {"type": kind.content_type}
        )
    if kind.image_format and not _image_is_sound(file, kind.image_format):
        raise ValidationError(_("The image is damaged or not what it claims to be."))
    return CheckedUpload(
        file=file,
        original_name=name,
        stored_name=random_file_name(kind.extensions[0]),
        content_type=kind.content_type,
        size=size,
        sha256=sha256,
    )


def validate_upload(file) -> None:
    """The same check as a form field validator."""
    upload_check(file=file)


def upload_file_response(
    *, file, download_name: str, content_type: str
) -> FileResponse:
    """Serve a stored document as a download that no browser renders or sniffs."""
    allowed = {t.content_type for t in ALLOWED_TYPES}
    response = FileResponse(
        file,
        as_attachment=True,
        filename=download_name,
        content_type=content_type
        if content_type in allowed
        else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


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
