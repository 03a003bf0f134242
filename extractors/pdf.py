"""`pdf-ruled` / `pdf-unruled`: PDF disclosures with a text layer.

Pages are read one by one (pymupdf words and rules -> pdf_tables); a table with no title above it
continues the previous page's table, and a header repeated on the continuation page is dropped.
"""
from __future__ import annotations

import zlib
from collections import Counter

import pymupdf

from .model import Extraction, ExtractionError, RawTable, Row
from .pdf_camelot import camelot_tables
from .pdf_geometry import page_geometry
from .pdf_tables import PageTable, find_tables, reread, text_lines

MAX_PAGES = 2000
MAX_STREAM_BYTES = 64 * 2**20  # a page's content or an image of a disclosure stays far below this
MAX_INFLATED_BYTES = 512 * 2**20


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


def extract_pdf(data: bytes, method: str = "auto") -> Extraction:
    """method: `auto` (pymupdf words and rules; camelot lattice for a ruled grid they leave empty),
    `words` (never camelot) or `camelot` (camelot lattice on every page: the benchmark's baseline)."""
    doc = open_pdf(data)
    lines: list[str] = []
    found: list[PageTable] = []
    try:
        for page in doc:
            geo = page_geometry(page)
            lines.append("\n".join(" ".join(w.text for w in line) for line in text_lines(geo.words)))
            if method == "camelot":
                found += camelot_tables(data, geo)
                continue
            tables = find_tables(geo)
            if method == "auto" and any(t.title and not t.rows and t.method == "words-ruled" for t in tables):
                better = camelot_tables(data, geo)
                if sum(len(t.rows) for t in better) > sum(len(t.rows) for t in tables):
                    tables = better
            found += tables
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError(f"PDF page cannot be read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from exc
    finally:
        doc.close()
    if not any(text.strip() for text in lines):
        raise ExtractionError("PDF has no text layer (scanned pages are not read by this build)")
    tables = _stitch(found)
    methods = Counter(t.method for t in tables)
    layout = "pdf-unruled" if methods.get("words-unruled", 0) > len(tables) - methods.get("words-unruled", 0) else "pdf-ruled"
    return Extraction(layout=layout, tables=tables, lines=_meta_lines(lines), media_type="application/pdf")


def _meta_lines(pages: list[str]) -> list[str]:
    return [ln for text in pages for ln in text.split("\n")]


def _stitch(found: list[PageTable]) -> list[RawTable]:
    out: list[RawTable] = []
    first: PageTable | None = None  # the page the current table started on
    for t in found:
        prev = out[-1] if out else None
        if t.title is None and prev is not None and first is not None and first.bands and t.bands \
                and t.method == first.method == "words-unruled":
            t = reread(t, first.bands)  # a few rows alone do not show every column
        if t.title is None and prev is not None and prev.n_columns == t.n_columns:
            # a header repeated on the continuation page was read as header there, not as rows
            prev.rows += [Row(cells, page) for cells, page in t.rows]
            continue
        if t.title is None:
            continue  # a grid with no title and nothing to continue: not a disclosure table
        first = t
        out.append(RawTable(title=t.title, unit=t.unit, header=t.header, rows=[Row(c, p) for c, p in t.rows],
                            n_columns=t.n_columns, method=t.method, header_text=t.header_text))
    return out


