"""Checks on uploaded attachments (bilagor), in one place.

A file is accepted only when its content is a PDF, PNG or JPEG (checked by its
first bytes, not by the name or the browser's content type) and it is no larger
than settings.MAX_UPLOAD_SIZE. Stored files get a random name; the original name
is kept only as data for the download.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Content type and stored extension by leading bytes.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)
ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    content_type: str
    extension: str
    size: int
    sha256: str
    original_name: str

    def stored_name(self) -> str:
        """A random file name that says nothing about the content."""
        return f"{secrets.token_hex(16)}.{self.extension}"


def sniff_content_type(head: bytes) -> tuple[str, str] | None:
    """The content type and extension that the leading bytes show, or None."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def upload_check(file: UploadedFile) -> CheckedUpload:
    """Refuse a file that is too large or is not a PDF, PNG or JPEG."""
    limit = settings.MAX_UPLOAD_SIZE
    if file.size is None or file.size > limit:
        raise ValidationError(
            _("The file is too large. The largest allowed size is %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    file.seek(0)
    sniffed = sniff_content_type(file.read(16))
    if sniffed is None:
        raise ValidationError(
            _("Only PDF files and images (PNG or JPEG) can be attached."),
            code="content_type",
        )
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    content_type, extension = sniffed
    return CheckedUpload(
        file=file,
        content_type=content_type,
        extension=extension,
        size=file.size,
        sha256=digest.hexdigest(),
        original_name=(file.name or "bilaga")[-255:],
    )
