"""`pdf-ruled` / `pdf-unruled` / `pdf-scanned`: PDF disclosures, with a text layer or scanned.

Pages are read one by one (pymupdf words and rules -> pdf_tables); a page that is only an image is
rendered and read by OCR (extractors.ocr) into the same words and rules.  A table with no title above
it continues the previous page's table, and a header repeated on the continuation page is dropped.
"""
from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable

import pymupdf

from .model import Extraction, ExtractionError, RawTable, Row
from .native import PDF_LOCK
from .ocr import ScanPage, read_pages
from .pdf_camelot import camelot_tables
from .pdf_geometry import PageGeometry, page_geometry
from .pdf_tables import PageTable, find_tables, reread, text_lines

MAX_PAGES = 2000
MAX_STREAM_BYTES = 64 * 2**20  # a page's content or an image of a disclosure stays far below this
MAX_INFLATED_BYTES = 512 * 2**20
MIN_TEXT_CHARS = 20  # fewer characters in the text layer than this: the page is not read from it
MIN_IMAGE_COVER = 0.3  # share of the page an image must cover for the page to count as a scan

PageReader = Callable[[list[ScanPage]], list[PageGeometry]]


def open_pdf(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises its own FileDataError, RuntimeError ... on broken files
        raise ExtractionError(f"not a readable PDF ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from exc
    if doc.needs_pass:
        raise ExtractionError("encrypted PDF (a password is required)")
    if doc.page_count == 0:
        raise ExtractionError("PDF has no pages")
    if doc.page_count > MAX_PAGES:
        raise ExtractionError(f"PDF has {doc.page_count} pages, more than the {MAX_PAGES} a disclosure can have")
    _refuse_bombs(doc)
    return doc


def _refuse_bombs(doc: pymupdf.Document) -> None:
    """A small file whose streams inflate to gigabytes would exhaust memory when a page is parsed:
    measure each compressed stream's inflated size, up to a cap, before anything reads it."""
    total = 0
    for xref in range(1, doc.xref_length()):
        if not doc.xref_is_stream(xref) or "FlateDecode" not in doc.xref_get_key(xref, "Filter")[1]:
            continue
        inflater = zlib.decompressobj()
        try:
            size = len(inflater.decompress(doc.xref_stream_raw(xref), MAX_STREAM_BYTES + 1))
        except zlib.error:
            continue  # a broken stream is pymupdf's to report when it is read
        total += size
        if size > MAX_STREAM_BYTES or inflater.unconsumed_tail or total > MAX_INFLATED_BYTES:
            raise ExtractionError(f"PDF stream {xref} inflates past {MAX_STREAM_BYTES // 2**20} MiB "
                                  "(a compression bomb, not a disclosure)")


def extract_pdf(data: bytes, method: str = "auto", read_scans: PageReader = read_pages) -> Extraction:
    """method: `auto` (pymupdf words and rules; camelot lattice for a ruled grid they leave empty),
    `words` (never camelot) or `camelot` (camelot lattice on every page: the benchmark's baseline).
    `read_scans` OCRs the scanned pages (all at once, so a caller can spread them over workers)."""
    with PDF_LOCK:
        pages, scans = _read_pages(data)
    scanned = {g.number: g for g in read_scans(scans)} if scans else {}
    pages = [g if g is not None else scanned[n + 1] for n, g in enumerate(pages)]
    lines = ["\n".join(" ".join(w.text for w in line) for line in text_lines(g.words)) for g in pages]
    if not any(text.strip() for text in lines):
        raise ExtractionError("PDF has no text layer and OCR found no text on its pages")
    found: list[PageTable] = []
    for geo in pages:
        if geo.number in scanned:
            found += [_as_ocr(t) for t in find_tables(geo)]
        else:
            with PDF_LOCK:  # camelot's pdfium, when a ruled grid needs it
                found += _text_page_tables(data, geo, method)
    tables = _stitch(found)
    methods = Counter(t.method for t in tables)
    if methods and sum(n for m, n in methods.items() if m.startswith("ocr-")) * 2 > len(tables):
        layout = "pdf-scanned"
    elif methods.get("words-unruled", 0) * 2 > len(tables):
        layout = "pdf-unruled"
    else:
        layout = "pdf-ruled"
    return Extraction(layout=layout, tables=tables, lines=_meta_lines(lines), media_type="application/pdf")


def _read_pages(data: bytes) -> tuple[list[PageGeometry | None], list[ScanPage]]:
    """Each page's words and rules from its text layer, or None and a ScanPage to OCR."""
    doc = open_pdf(data)
    pages: list[PageGeometry | None] = []
    scans: list[ScanPage] = []
    try:
        for page in doc:
            geo = page_geometry(page)
            if needs_ocr(page, geo):
                scans.append(ScanPage(data, page.number + 1))
                pages.append(None)
            else:
                pages.append(geo)
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError(f"PDF page cannot be read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from exc
    finally:
        doc.close()
    return pages, scans


def needs_ocr(page: pymupdf.Page, geo: PageGeometry) -> bool:
    """No usable text layer (at most a stray page number) and an image covering much of the page."""
    if sum(len(w.text.strip()) for w in geo.words) >= MIN_TEXT_CHARS:
        return False
    area = abs(page.rect)
    return any(abs(pymupdf.Rect(info["bbox"]) & page.rect) >= MIN_IMAGE_COVER * area
               for info in page.get_image_info())


def _text_page_tables(data: bytes, geo: PageGeometry, method: str) -> list[PageTable]:
    if method == "camelot":
        return camelot_tables(data, geo)
    tables = find_tables(geo)
    if method == "auto" and any(t.title and not t.rows and t.method == "words-ruled" for t in tables):
        better = camelot_tables(data, geo)
        if sum(len(t.rows) for t in better) > sum(len(t.rows) for t in tables):
            tables = better
    return tables


def _as_ocr(t: PageTable) -> PageTable:
    t.method = t.method.replace("words-", "ocr-")
    return t


def _meta_lines(pages: list[str]) -> list[str]:
    return [ln for text in pages for ln in text.split("\n")]


def _stitch(found: list[PageTable]) -> list[RawTable]:
    out: list[RawTable] = []
    first: PageTable | None = None  # the page the current table started on
    for t in found:
        prev = out[-1] if out else None
        if t.title is None and prev is not None and first is not None and first.bands and t.bands \
                and t.method == first.method and t.method.endswith("-unruled"):
            t = reread(t, first.bands)  # a few rows alone do not show every column
        if t.title is None and prev is not None and prev.n_columns == t.n_columns:
            # a header repeated on the continuation page was read as header there, not as rows
            prev.rows += [Row(cells, page) for cells, page in t.rows]
            prev.page_methods.setdefault(t.page, t.method)
            continue
        if t.title is None:
            continue  # a grid with no title and nothing to continue: not a disclosure table
        first = t
        out.append(RawTable(title=t.title, unit=t.unit, header=t.header, rows=[Row(c, p) for c, p in t.rows],
                            n_columns=t.n_columns, method=t.method, header_text=t.header_text,
                            page_methods={t.page: t.method}))
    return out


