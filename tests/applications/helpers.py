"""Small helpers shared by the case-handling tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from applications.uploads import CheckedUpload, upload_check

# A one-page PDF that a parser reads (the uploads are parsed).
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "ansokan.pdf", content: bytes = PDF) -> CheckedUpload:
    """A checked upload of the PDF, as a form hands it to a service."""
    return upload_check(file=SimpleUploadedFile(name, content, "application/pdf"))


def messages_of(response) -> list[str]:
    """The texts of the messages a page shows."""
    return [str(m) for m in response.context["messages"]]
