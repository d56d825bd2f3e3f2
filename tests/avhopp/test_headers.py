"""Security headers and a Content-Security-Policy without inline code on every
page; no page, list, export or PDF kept in a cache."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from applications.models import ApplicationKind, Status
from tests.avhopp.production import ROOT
from tests.scenarios import case_at


@pytest.mark.django_db
def test_every_page_carries_the_security_headers_and_a_strict_csp(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I),
        "script",
    ),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


# Templates that are never served over HTTP: the stand-alone report file written by
# `render_report --format html` embeds its stylesheet so that it opens anywhere.
NOT_SERVED = {"templates/reports/layout_document.html"}


def test_no_template_has_inline_script_or_style():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if str(path.relative_to(ROOT)) in NOT_SERVED:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{path.relative_to(ROOT)}: {what}")
    assert found == [], "the CSP would block these: " + "; ".join(found)


# --- Cache-Control: no-store on everything but static files ----------------------


@pytest.fixture
def granted_application(budget_year):
    return case_at(Status.GRANTED, budget_year=budget_year, kind=ApplicationKind.AGENCY)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("applications:detail", ("pk",)),
        ("applications:list", ()),
        ("applications:export", ("csv",)),
        ("applications:decision_letter", ("pk",)),
        ("reports:pdf", (2022,)),
        ("login", ()),
    ],
)
def test_pages_lists_exports_and_pdfs_are_stored_in_no_cache(
    client, granted_application, officer, url_name, args
):
    client.force_login(officer)
    args = [granted_application.pk if arg == "pk" else arg for arg in args]
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Pragma"] == "no-cache"


def test_static_files_stay_cacheable(settings):
    # Served by whitenoise from the source folders, as under runserver.
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/css/avhopp.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Pragma" not in response
