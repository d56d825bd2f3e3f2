"""The one PDF helper: tagged always, PDF/UA-1 for working documents, the caller's
title and language whatever the HTML says."""

from applications.pdf import render_pdf
from tests.pdfcheck import accessibility_entries, bookmarks, identification, open_pdf


def test_pdf_helper_marks_a_working_document_as_pdf_ua():
    html = "<html lang='en'><title>x</title><body><h1>Rubrik</h1><p>Text</p></body>"
    pdf = open_pdf(render_pdf(html=html, title="Ett utkast"))
    assert identification(pdf) == {"pdfuaid:part": "1"}
    entries = accessibility_entries(pdf)
    # The caller's title and language win over what the HTML says.
    assert (entries["title"], entries["xmp_title"], entries["lang"]) == (
        "Ett utkast",
        "Ett utkast",
        "sv",
    )
    assert entries["marked"] and entries["structure"] and entries["display_title"]
    assert bookmarks(pdf) == [(1, "Rubrik")]
