"""What can be checked in a PDF without a validator: the PDF/A or PDF/UA
identification in the XMP metadata, the tags, the language, the title, the
bookmarks, the alternative text of figures and the embedded fonts."""

import io
import shutil
import subprocess

import pikepdf

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def open_pdf(content: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(content))


def xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    """The XMP metadata as {"{namespace}name": value}, read only."""
    metadata = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    return {key: str(metadata[key]) for key in metadata}


def identification(pdf: pikepdf.Pdf) -> dict[str, str]:
    """The PDF/A and PDF/UA identification entries of the XMP metadata."""
    return {
        key.replace(PDFAID, "pdfaid:").replace(PDFUAID, "pdfuaid:"): value
        for key, value in xmp(pdf).items()
        if key.startswith((PDFAID, PDFUAID))
    }


def accessibility_entries(pdf: pikepdf.Pdf) -> dict:
    """The catalog entries and metadata a tagged, titled PDF must have."""
    root = pdf.Root
    return {
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "structure": "/StructTreeRoot" in root,
        "lang": str(root.get("/Lang", "")),
        "display_title": bool(
            root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)
        ),
        "title": str(pdf.docinfo.get("/Title", "")),
        "xmp_title": xmp(pdf).get(DC_TITLE, ""),
    }


def bookmarks(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """The outline as (level, title) in reading order; level 1 at the top."""
    found = []

    def walk(items, level):
        for item in items:
            found.append((level, item.title))
            walk(item.children, level + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 1)
    return found


def structure_elements(pdf: pikepdf.Pdf, tag: str) -> list[pikepdf.Dictionary]:
    """The elements of the structure tree with the given type, e.g. "/Figure", in
    reading order."""
    found = []
    pending = [pdf.Root.StructTreeRoot]
    while pending:
        node = pending.pop()
        if node.get("/S") == tag:
            found.append(node)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            pending.extend(
                k for k in reversed(kids) if isinstance(k, pikepdf.Dictionary)
            )
        elif isinstance(kids, pikepdf.Dictionary):
            pending.append(kids)
    return found


def fonts(pdf: pikepdf.Pdf) -> list[tuple[str, bool]]:
    """Every font of the file as (name, embedded).

    A composite font embeds its program in its descendant's descriptor; a Type 3
    font draws its glyphs with PDF operators and has nothing to embed.
    """
    found = []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        if obj.get("/Subtype") == "/Type3":
            found.append((str(obj.get("/Name", "Type3")), True))
            continue
        font = obj.DescendantFonts[0] if obj.get("/Subtype") == "/Type0" else obj
        descriptor = font.get("/FontDescriptor", {})
        embedded = any(key in descriptor for key in FONT_FILES)
        found.append((str(obj.get("/BaseFont")), embedded))
    return found


def pdffonts_embedded(path) -> list[str]:
    """The "emb" column of poppler's pdffonts, one entry per font."""
    executable = shutil.which("pdffonts")
    assert executable, "pdffonts (poppler-utils) is not installed"
    out = subprocess.run(  # noqa: S603 - fixed tool, a path made by the test
        [executable, str(path)], check=True, capture_output=True, text=True
    ).stdout
    rows = out.splitlines()[2:]  # a header line and a rule
    # name, type (one or two words), encoding, emb, sub, uni, object id, generation
    return [row.split()[-5] for row in rows]


def page_texts(path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    executable = shutil.which("pdftotext")
    assert executable, "pdftotext (poppler-utils) is not installed"
    out = subprocess.run(  # noqa: S603 - fixed tool, a path made by the test
        [executable, "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
