"""The tillgänglighetsredogörelse: public, in Swedish, in DIGG's structure, linked
from every page's footer, and true to what the browser crawl tests."""

import re
from pathlib import Path

import axe_playwright_python
import pytest
from django.test import override_settings
from django.urls import reverse

from avhopp.accessibility import AXE_CORE_VERSION, FAILING_IMPACTS, REFLOW_WIDTH_PX

STATEMENT = reverse("accessibility_statement")
FOOTER_LINK = f'<a href="{STATEMENT}">Tillgänglighetsredogörelse</a>'
# DIGG's required parts of a statement, as the page's headings.
DIGG_SECTIONS = (
    "Hur tillgänglig är tjänsten?",
    "Vad kan du göra om du inte kan använda delar av tjänsten?",
    "Rapportera brister i tjänstens tillgänglighet",
    "Tillsyn",
    "Teknisk information om tjänstens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Hur vi testat tjänsten",
)


@pytest.mark.django_db
@override_settings(ACCESSIBILITY_CONTACT_EMAIL="tillganglighet.test@polisen.example")
def test_the_statement_is_open_without_login_in_swedish_with_digg_s_sections(client):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    headings = re.findall(r"<h[23]>([^<]+)</h[23]>", html)
    assert headings == list(DIGG_SECTIONS)
    assert "delvis förenlig" in html
    assert 'href="mailto:tillganglighet.test@polisen.example"' in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert "självskattning" in html
    assert f"axe-core {AXE_CORE_VERSION}" in html
    assert f"{REFLOW_WIDTH_PX} pixlar brett" in html
    assert "den 7 december 2026" in html


@pytest.mark.django_db
def test_the_footer_of_every_page_links_the_statement(client, officer, auditor):
    pages = [(None, reverse("login")), (None, STATEMENT)]
    pages += [(officer, reverse("applications:list"))]
    pages += [(officer, reverse("audit:log"))]  # refused: the 403 page
    pages += [(auditor, reverse("audit:log"))]
    for user, url in pages:
        client.logout()
        if user:
            client.force_login(user)
        html = client.get(url).content.decode()
        footer = html.split('<footer class="site-footer">', 1)[-1]
        assert FOOTER_LINK in footer, f"{user} {url}"


def test_the_server_error_page_links_the_statement():
    html = (Path(__file__).parents[2] / "templates" / "500.html").read_text()
    assert f'<a href="{STATEMENT}">Tillgänglighetsredogörelse</a>' in html


@pytest.mark.django_db
@override_settings(REQUIRE_2FA=True)
def test_a_user_who_has_not_given_the_second_factor_can_read_the_statement(
    client, officer
):
    client.force_login(officer)
    assert client.get(reverse("applications:list")).status_code == 302
    assert client.get(STATEMENT).status_code == 200


def test_the_statement_names_the_axe_core_version_the_crawl_runs():
    bundled = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    header = bundled.read_text(encoding="utf-8")[:200]
    assert re.search(r"axe v(\S+)", header).group(1) == AXE_CORE_VERSION
    # The statement says that moderate and minor problems do not fail the crawl.
    assert set(FAILING_IMPACTS) == {"serious", "critical"}
