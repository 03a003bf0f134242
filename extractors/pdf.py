"""`pdf-ruled` / `pdf-unruled`: PDF disclosures with a text layer.

Pages are read one by one (pymupdf words and rules -> pdf_tables); a table with no title above it
continues the previous page's table, and a header repeated on the continuation page is dropped.
"""
from __future__ import annotations

from collections import Counter

import pymupdf

from .model import Extraction, ExtractionError, RawTable, Row
from .pdf_geometry import page_geometry
from .pdf_tables import PageTable, find_tables, text_lines

MAX_PAGES = 2000


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
    return doc


def extract_pdf(data: bytes) -> Extraction:
    doc = open_pdf(data)
    lines: list[str] = []
    found: list[PageTable] = []
    try:
        for page in doc:
            geo = page_geometry(page)
            lines.append("\n".join(" ".join(w.text for w in line) for line in text_lines(geo.words)))
            found += find_tables(geo)
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
    layout = "pdf-ruled" if methods.get("words-ruled", 0) >= methods.get("words-unruled", 0) else "pdf-unruled"
    return Extraction(layout=layout, tables=tables, lines=_meta_lines(lines), media_type="application/pdf")


def _meta_lines(pages: list[str]) -> list[str]:
    return [ln for text in pages for ln in text.split("\n")]


def _stitch(found: list[PageTable]) -> list[RawTable]:
    out: list[RawTable] = []
    for t in found:
        prev = out[-1] if out else None
        if t.title is None and prev is not None and prev.n_columns == t.n_columns:
            # a header repeated on the continuation page was read as header there, not as rows
            prev.rows += [Row(cells, page) for cells, page in t.rows]
            continue
        if t.title is None:
            continue  # a grid with no title and nothing to continue: not a disclosure table
        out.append(RawTable(title=t.title, unit=t.unit, header=t.header, rows=[Row(c, p) for c, p in t.rows],
                            n_columns=t.n_columns, method=t.method, header_text=t.header_text))
    return out


