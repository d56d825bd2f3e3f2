"""The one way the service makes a PDF (WeasyPrint): the annual report, the
decision letter and every letter after them go through `render_pdf`.

Every PDF is tagged (a structure tree with headings, lists, tables and figures
with their alternative text), carries its title (shown by the viewer instead of the
file name), its language and bookmarks from its headings, and embeds its fonts.

- Working documents (a draft report) are PDF/UA-1: WeasyPrint's `pdf/ua-1`.
- What is sent and archived (a frozen report version, a decision letter) is
  PDF/A-2a: WeasyPrint's `pdf/a-2a`. Level A is level U (every glyph maps to
  Unicode, so the text can be searched and read aloud) plus the tagged structure,
  which is the accessible conformance level of PDF/A; part 2 rather than part 3
  because part 3 only adds embedded files of any format, which an archive would
  then have to keep readable too, and these documents embed none. The same
  structure tree is written as for PDF/UA; the file declares one standard in its
  XMP metadata, PDF/A, because that is what the archive checks.

The output is deterministic: the same HTML gives the same bytes (no time stamp
unless `created` is given, and the file identifier is a hash of the content), so
the SHA-256 of a frozen document can be recomputed.
"""

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from django.conf import settings

# Documents that leave the authority are written in Swedish, whatever the UI says.
DOCUMENT_LANGUAGE = "sv"
ACCESSIBLE_VARIANT = "pdf/ua-1"
ARCHIVAL_VARIANT = "pdf/a-2a"

# WeasyPrint reports every layout step at INFO; keep the logs to warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(
    *,
    html: str,
    title: str,
    base_url: str | None = None,
    stylesheets: Sequence[Path | str] = (),
    lang: str = DOCUMENT_LANGUAGE,
    archival: bool = False,
    created: date | None = None,
) -> bytes:
    """Render HTML as a tagged PDF; PDF/A-2a when archival, else PDF/UA-1."""
    from weasyprint import CSS, HTML  # heavy import, only where a PDF is made

    variant = ARCHIVAL_VARIANT if archival else ACCESSIBLE_VARIANT
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).render(
        stylesheets=[CSS(filename=str(path)) for path in stylesheets],
        pdf_variant=variant,
    )
    # The title and language are the caller's, whatever the template says: a
    # viewer shows the title, a screen reader picks its voice from the language.
    document.metadata.title = title
    document.metadata.lang = lang
    if created is not None:
        document.metadata.created = created.isoformat()
        document.metadata.modified = created.isoformat()
    return document.write_pdf(pdf_variant=variant)
