"""Render the report template as an HTML document or as a PDF (WeasyPrint)."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from applications.pdf import DOCUMENT_LANGUAGE, render_pdf

REPORT_TEMPLATE = "reports/annual_report.html"
WEB_LAYOUT = "reports/layout_web.html"
DOCUMENT_LAYOUT = "reports/layout_document.html"
REPORT_CSS = "css/report.css"
# The report goes to Justitiedepartementet in Swedish, whatever the UI language.
REPORT_LANGUAGE = DOCUMENT_LANGUAGE


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


def report_title(*, context: dict) -> str:
    """The PDF's title: the report and the year, then its version or "draft"."""
    with translation.override(REPORT_LANGUAGE):
        title = gettext("Report on state grants to defector programmes %(year)s") % {
            "year": context["year"]
        }
        if context.get("version"):
            return gettext("%(title)s, version %(number)s") % {
                "title": title,
                "number": context["version"],
            }
        return gettext("%(title)s (draft)") % {"title": title}


def report_pdf_render(*, context: dict) -> bytes:
    """The report as an A4 PDF with cover, contents and page numbers.

    A frozen version (one with a version number) is PDF/A for the archive; the
    draft is PDF/UA and says UTKAST on every page.
    """
    return render_pdf(
        html=report_html_render(context=context),
        base_url=str(settings.BASE_DIR),
        title=report_title(context=context),
        stylesheets=[report_css_path()],
        lang=REPORT_LANGUAGE,
        archival=bool(context.get("version")),
        created=context.get("report_date"),
    )
