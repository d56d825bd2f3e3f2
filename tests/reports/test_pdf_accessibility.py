"""The report as an accessible PDF (tagged, PDF/UA-1) while it is a draft and as an
archivable one (PDF/A-2a) once frozen: what can be checked without a validator."""

import hashlib
import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationKind
from reports.charts import Chart
from reports.context import annual_report_context, caption_numbers
from reports.rendering import report_pdf_render
from reports.selectors import Allocation, AllocationShare
from reports.services import report_version_freeze
from tests.pdfcheck import (
    accessibility_entries,
    bookmarks,
    fonts,
    identification,
    open_pdf,
    page_texts,
    pdffonts_embedded,
    structure_elements,
)
from tests.reports.conftest import text_of

TITLE = "Redovisning av statliga medel till avhopparverksamhet 2022"
SENT_ON = date(2023, 3, 1)


@pytest.fixture(scope="module")
def rendered(demo_db, django_db_blocker, tmp_path_factory):
    """The 2022 demo report as a draft and as frozen version 1, written to files."""
    folder = tmp_path_factory.mktemp("report-pdf")
    with django_db_blocker.unblock():
        context = annual_report_context(year=2022)
        draft = report_pdf_render(context=context)
        frozen = report_pdf_render(
            context=annual_report_context(year=2022, report_date=SENT_ON, version=1)
        )
    (folder / "draft.pdf").write_bytes(draft)
    (folder / "frozen.pdf").write_bytes(frozen)
    return SimpleNamespace(
        draft=draft,
        frozen=frozen,
        chart_alts=[chart.alt for chart in context["charts"]],
        draft_path=folder / "draft.pdf",
        frozen_path=folder / "frozen.pdf",
    )


def test_draft_is_pdf_ua_tagged_in_swedish_with_its_title(rendered):
    pdf = open_pdf(rendered.draft)
    assert identification(pdf) == {"pdfuaid:part": "1"}
    assert accessibility_entries(pdf) == {
        "marked": True,
        "structure": True,
        "lang": "sv",
        "display_title": True,
        "title": f"{TITLE} (utkast)",
        "xmp_title": f"{TITLE} (utkast)",
    }


def test_frozen_version_is_pdf_a_2a_tagged_in_swedish_with_its_title(rendered):
    pdf = open_pdf(rendered.frozen)
    assert identification(pdf) == {"pdfaid:part": "2", "pdfaid:conformance": "A"}
    assert accessibility_entries(pdf) == {
        "marked": True,
        "structure": True,
        "lang": "sv",
        "display_title": True,
        "title": f"{TITLE}, version 1",
        "xmp_title": f"{TITLE}, version 1",
    }
    # PDF/A: an sRGB output intent, a file identifier, dates in both places.
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1"
    assert "/ID" in pdf.trailer
    assert str(pdf.docinfo.CreationDate).startswith("D:20230301")


def test_bookmarks_are_the_chapters_with_their_subsections(rendered):
    outline = bookmarks(open_pdf(rendered.frozen))
    assert (1, TITLE) in outline
    chapters = [title for level, title in outline if level == 1]
    assert chapters[chapters.index("Sammanfattning") :] == [
        "Sammanfattning",
        "1 Regeringsuppdrag",
        "2 Ansökningsförfarande",
        "3 Redovisning",
        "4 Utveckling 2020–2022",
    ]
    under_2 = outline[outline.index((1, "2 Ansökningsförfarande")) + 1 :][:4]
    assert [level for level, _ in under_2] == [2, 2, 2, 2]
    assert under_2[0][1].startswith("2.1 ")


@pytest.mark.parametrize("which", ["draft", "frozen"])
def test_every_font_is_embedded(rendered, which):
    pdf = open_pdf(getattr(rendered, which))
    found = fonts(pdf)
    assert found, "the report has text, so it has fonts"
    assert [name for name, embedded in found if not embedded] == []
    # poppler agrees, font by font.
    emb = pdffonts_embedded(getattr(rendered, f"{which}_path"))
    assert emb and set(emb) == {"yes"}


def test_every_chart_is_a_figure_with_its_title_and_figures_as_alt_text(rendered):
    pdf = open_pdf(rendered.frozen)
    figures = structure_elements(pdf, "/Figure")
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert alts == rendered.chart_alts
    assert len(alts) == 3
    assert alts[0].endswith("2022: 58\u00a0053\u00a0534")


def test_draft_says_utkast_on_every_page_and_the_frozen_version_on_none(rendered):
    draft_pages = page_texts(rendered.draft_path)
    assert len(draft_pages) >= 8
    assert all("UTKAST" in page for page in draft_pages)
    frozen_pages = page_texts(rendered.frozen_path)
    assert len(frozen_pages) == len(draft_pages)
    assert not any("UTKAST" in page for page in frozen_pages)


def test_tables_and_figures_are_numbered_and_referred_to_in_the_pdf(rendered):
    text = re.sub(r"\s+", " ", " ".join(page_texts(rendered.frozen_path)))
    tables = [int(n) for n in re.findall(r"Tabell (\d+)\. ", text)]
    assert tables == list(range(1, len(tables) + 1))
    assert len(tables) == 5  # the allocation, 3.1, 3.2, insatser, the trend
    assert re.findall(r"Figur (\d+)\. ", text) == ["1", "2", "3"]
    assert "Se tabell 1." in text
    assert "Figur 1–3 visar uppgifterna i tabell 5 som diagram." in text


def test_the_page_numbers_tables_and_figures_like_the_pdf(demo_db, client, reader):
    client.force_login(reader)
    page = text_of(client.get(reverse("reports:detail", args=[2022])).content)
    numbers = re.findall(r'<span class="caption-number">(Tabell|Figur) (\d+)\.', page)
    assert numbers == [("Tabell", str(n)) for n in range(1, 6)] + [
        ("Figur", str(n)) for n in range(1, 4)
    ]
    # The export buttons name the tables by their numbers.
    assert "Tabell 2 som CSV" in page
    assert "Tabell 3 som CSV" in page


def test_caption_numbers_skip_what_the_report_does_not_show():
    with_shares = Allocation(
        date(2022, 2, 1),
        "A1",
        "",
        [AllocationShare(kind=ApplicationKind.INDIVIDUAL, amount=Decimal(1))],
    )
    without_shares = Allocation(date(2022, 6, 1), "A2", "")
    charts = [Chart(key, key, key, "", "", []) for key in ("a", "b")]
    numbers = caption_numbers(
        allocations=[without_shares, with_shares],
        individual=SimpleNamespace(interventions=[]),
        charts=charts,
    )
    assert numbers.allocations == [(without_shares, None), (with_shares, 1)]
    assert numbers.tables == {"payments": 2, "individual": 3, "trend": 4}
    assert numbers.figures == [(1, charts[0]), (2, charts[1])]


def test_a_frozen_version_renders_again_to_the_same_bytes_and_checksum(
    demo_db, decider
):
    version = report_version_freeze(year=2022, by=decider)
    again = report_pdf_render(
        context=annual_report_context(
            year=2022,
            report_date=timezone.localdate(version.sent_at),
            version=version.number,
        )
    )
    assert hashlib.sha256(again).hexdigest() == version.sha256
    assert again == bytes(version.pdf)
