"""Render the report template as an HTML document or as a PDF (WeasyPrint)."""

import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

REPORT_TEMPLATE = "reports/annual_report.html"
WEB_LAYOUT = "reports/layout_web.html"
DOCUMENT_LAYOUT = "reports/layout_document.html"
REPORT_CSS = "css/report.css"
# The report goes to Justitiedepartementet in Swedish, whatever the UI language.
REPORT_LANGUAGE = "sv"

# WeasyPrint reports every layout step at INFO; keep the logs to warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@cache
def report_css_path() -> Path:
    found = finders.find(REPORT_CSS)
    if not found:
        raise FileNotFoundError(REPORT_CSS)
    return Path(found)


def report_html_render(*, context: dict, standalone: bool = False) -> str:
    """The report as one HTML document; standalone embeds the stylesheet."""
    extra = {"layout": DOCUMENT_LAYOUT}
    if standalone:
        extra["inline_css"] = report_css_path().read_text(encoding="utf-8")
    with translation.override(REPORT_LANGUAGE):
        return render_to_string(REPORT_TEMPLATE, {**context, **extra})


def report_pdf_render(*, context: dict) -> bytes:
    """The report as an A4 PDF with cover, contents and page numbers."""
    from weasyprint import CSS, HTML  # heavy import, only where a PDF is made

    html = report_html_render(context=context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=[CSS(filename=str(report_css_path()))])
