"""The decision letter leaves the authority and is archived: a tagged PDF/A-2a in
Swedish with its title and bookmarks, every font embedded, the same bytes each time."""

import hashlib

import pytest
from django.urls import reverse

from tests.pdfcheck import (
    accessibility_entries,
    bookmarks,
    fonts,
    identification,
    open_pdf,
    page_texts,
    pdffonts_embedded,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(client, officer, granted) -> bytes:
    client.force_login(officer)
    response = client.get(reverse("applications:decision_letter", args=[granted.pk]))
    assert response.status_code == 200
    return response.content


def test_decision_letter_is_pdf_a_2a_tagged_in_swedish_with_its_title(letter, granted):
    pdf = open_pdf(letter)
    assert identification(pdf) == {"pdfaid:part": "2", "pdfaid:conformance": "A"}
    title = f"Beslut {granted.reference_number}"
    assert accessibility_entries(pdf) == {
        "marked": True,
        "structure": True,
        "lang": "sv",
        "display_title": True,
        "title": title,
        "xmp_title": title,
    }
    # Dated the day of the decision, in the information dictionary and the XMP.
    assert str(pdf.docinfo.CreationDate).startswith("D:20220502")


def test_decision_letter_bookmarks_follow_its_headings(letter):
    assert bookmarks(open_pdf(letter)) == [
        (1, "Beslut om statliga medel till avhopparverksamhet"),
        (2, "Beslut"),
        (2, "Återrapportering"),
    ]


def test_decision_letter_embeds_every_font(letter, tmp_path):
    found = fonts(open_pdf(letter))
    assert found
    assert [name for name, embedded in found if not embedded] == []
    path = tmp_path / "beslut.pdf"
    path.write_bytes(letter)
    assert set(pdffonts_embedded(path)) == {"yes"}


def test_decision_letter_is_in_swedish_when_the_user_chose_english(
    client, officer, granted, tmp_path
):
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("applications:decision_letter", args=[granted.pk]))
    path = tmp_path / "beslut.pdf"
    path.write_bytes(response.content)
    text = " ".join(" ".join(page_texts(path)).split())
    assert "Beslut om statliga medel till avhopparverksamhet" in text
    assert "Decision on state grants" not in text
    assert accessibility_entries(open_pdf(response.content))["lang"] == "sv"


def test_decision_letter_renders_to_the_same_bytes_twice(client, letter, granted):
    again = client.get(reverse("applications:decision_letter", args=[granted.pk]))
    assert hashlib.sha256(again.content).digest() == hashlib.sha256(letter).digest()
