"""PDFs are parsed: hostile ones, one per kind, are refused through the upload
page and leave nothing on disk; so are images that declare a huge size."""

import pytest
from django.core.exceptions import ValidationError

from applications.uploads import (
    upload_check,
)
from tests.applications.uploads.files import png_declaring, upload
from tests.applications.uploads.hostile_pdfs import (
    CLEAN,
    HOSTILE,
    saved,
    shown_refusals,
    text_pdf,
    uri_link,
)


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
