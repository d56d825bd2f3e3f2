"""With seed_demo data the 2022 report shows exactly the published figures."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.context import annual_report_context
from tests.reports.conftest import poppler, text_of

SIX_LAN = [
    "Skåne län",
    "Stockholms län",
    "Uppsala län",
    "Värmlands län",
    "Västra Götalands län",
    "Örebro län",
]
PUBLISHED = [
    "59 249 534",
    "58 053 534",
    "905 000",
    "291 000",
    "5 130 000",
    "12 000 000",
    "72 500 000",
    "22 500 000",
]
SECTIONS_IN_ORDER = [
    "Innehåll",
    "Sammanfattning",
    "1 Regeringsuppdrag",
    "2 Ansökningsförfarande",
    "2.1 Beslut om fördelning av medel",
    "2.2 Förutsättningar för att beviljas medel",
    "2.3 Ansökan från kommun",
    "2.4 Ansökan från myndighet",
    "3 Redovisning",
    "3.1 Sammanfattning av utbetalningar",
    "3.2 Individärenden",
    "3.3 Statens institutionsstyrelse",
    "3.4 Socialstyrelsen",
    "4 Utveckling 2020–2022",
]


@pytest.fixture
def context_2022(demo_db, db):
    return annual_report_context(year=2022)


def test_table_3_1_has_kommuner_each_agency_and_the_total(context_2022):
    payments = context_2022["payments"]
    rows = [(r.name or "Kommuner", r.granted, r.paid) for r in payments.rows]
    assert rows == [
        ("Kommuner", Decimal("58053534"), Decimal("58053534")),
        ("Statens institutionsstyrelse", Decimal("905000"), Decimal("905000")),
        ("Socialstyrelsen", Decimal("291000"), Decimal("291000")),
    ]
    assert payments.granted_total == Decimal("59249534")
    assert payments.paid_total == Decimal("59249534")


def test_section_3_2_counts_kommuner_lan_and_rejections(context_2022):
    individual = context_2022["individual"]
    assert (individual.handled, individual.granted, individual.rejected) == (
        124,
        113,
        11,
    )
    assert individual.municipalities == 28
    assert individual.granted_amount == Decimal("58053534")
    assert individual.counties == SIX_LAN
    assert sum(n for _r, _l, n in individual.rejections) == 11
    assert individual.interventions


def test_trend_table_2020_to_2022(context_2022):
    trend = [
        (r.year, r.granted_amount, r.granted, r.municipalities)
        for r in context_2022["trend"]
    ]
    assert trend == [
        (2020, Decimal("5130000"), 12, 10),
        (2021, Decimal("12000000"), 28, 16),
        (2022, Decimal("58053534"), 113, 28),
    ]
    assert context_2022["trend"][0].ceiling == Decimal("7500000")
    assert context_2022["trend"][2].ceiling == Decimal("72500000")


def test_report_page_shows_the_published_figures(demo_db, client, reader):
    client.force_login(reader)
    response = client.get(reverse("reports:detail", args=[2022]))
    assert response.status_code == 200
    page = text_of(response.content)
    for figure in PUBLISHED:
        assert figure in page, figure
    assert "A077.218/2023" in page
    for lan in SIX_LAN:
        assert lan in page


def test_report_page_has_no_inline_styles_or_scripts(demo_db, client, reader):
    client.force_login(reader)
    page = client.get(reverse("reports:detail", args=[2022])).content.decode()
    assert "style=" not in page
    assert "<script" not in page
    assert "<style" not in page


def test_report_contains_no_personal_data(demo_db, client, reader):
    client.force_login(reader)
    page = text_of(client.get(reverse("reports:detail", args=[2022])).content)
    report = page[page.index('<article class="report"') : page.index("</article>")]
    assert "IND-" not in report  # pseudonymous case codes
    for username in ("handlaggare", "beslutsfattare", "samordnare", "admin"):
        assert not re.search(rf"\b{username}\b", report)


def test_trend_range_is_selectable(demo_db, client, reader):
    client.force_login(reader)
    response = client.get(reverse("reports:detail", args=[2022]), {"from": "2021"})
    page = text_of(response.content)
    assert "Utveckling 2021–2022" in page
    assert "5 130 000" not in page.split("Utveckling 2021–2022")[-1]


def test_trend_range_that_ends_before_it_starts_is_not_found(demo_db, client, reader):
    client.force_login(reader)
    response = client.get(reverse("reports:detail", args=[2022]), {"from": "2023"})
    assert response.status_code == 404


def pdf_text(path) -> str:
    out = poppler("pdftotext", "-layout", str(path), "-")
    return re.sub(r"[ \u00a0]+", " ", out)


def test_render_report_pdf_has_sections_in_order_and_the_figures(demo_db, db, tmp_path):
    output = tmp_path / "r.pdf"
    call_command(
        "render_report", "--year", "2022", "--format", "pdf", "--output", output
    )
    assert output.read_bytes().startswith(b"%PDF")
    text = pdf_text(output)
    positions = []
    body = text[text.index("Sammanfattning", text.index("4 Utveckling")) :]
    for heading in SECTIONS_IN_ORDER[1:]:
        positions.append(body.index(heading))
    assert positions == sorted(positions)
    for figure in PUBLISHED:
        assert figure in text, figure
    for phrase in (
        "124 ansökningar",
        "113 ansökningar från 28 kommuner",
        "11 ansökningar avslogs",
        "Polismyndigheten",
        "Nationella operativa avdelningen",
        "A077.218/2023",
    ):
        assert phrase in text, phrase
    # The table of contents carries page numbers (dot leaders, then a number).
    assert re.search(r"3\.2 Individärenden\s*\.+\s*\d+", text)


def test_render_report_pdf_renders_every_page_as_png(demo_db, db, tmp_path):
    output = tmp_path / "r.pdf"
    call_command(
        "render_report", "--year", "2022", "--format", "pdf", "--output", output
    )
    info = poppler("pdfinfo", str(output))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "A4" in info
    assert pages >= 8
    poppler("pdftoppm", "-r", "30", "-png", str(output), str(tmp_path / "page"))
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == pages
    assert all(p.stat().st_size > 1000 for p in pngs)


def test_render_report_html_is_one_standalone_document(demo_db, db, tmp_path):
    output = tmp_path / "r.html"
    call_command(
        "render_report", "--year", "2022", "--format", "html", "--output", output
    )
    html = output.read_text()
    assert html.count("<html") == 1
    assert "<style>" in html  # the stylesheet travels with the file
    assert html.count('src="data:image/svg+xml;base64,') == 3
    text = text_of(html)
    for figure in PUBLISHED:
        assert figure in text
    # Every chart has its figures as a table for screen readers.
    assert text.count('<table class="visually-hidden">') == 3
