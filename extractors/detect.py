"""Which layout family a disclosure belongs to, from its bytes, and the extractor for it."""
from __future__ import annotations

from .decode import decode_text
from .markup import has_markup
from .model import Extraction, ExtractionError
from .text_flow import extract_flow
from .text_tsv import extract_tsv
from .tokens import is_title_candidate

MIN_TAB_LINES = 5


def sniff_media_type(data: bytes) -> str:
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "application/pdf"
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low:
        return "text/html"
    return "text/plain"


def text_layout(text: str) -> str:
    """text-tsv / text-markdown (tab tables), form (one cell per line), text-flow (no layout)."""
    tab_lines = [line for line in text.split("\n") if "\t" in line]
    if len(tab_lines) >= MIN_TAB_LINES:
        single = sum(1 for line in tab_lines if sum(1 for c in line.split("\t") if c.strip()) <= 1)
        if single / len(tab_lines) >= 0.8:
            return "form"
        return "text-markdown" if has_markup(text) else "text-tsv"
    if any(is_title_candidate(line) for line in text.split("\n")):
        return "text-flow"
    raise ExtractionError("unknown layout: no tables, no table titles")


def extract(data: bytes, expected: str | None = None, read_scans=None) -> Extraction:
    """Bytes -> tables, for every family this build reads.  Raises ExtractionError with the reason.
    `expected`: the media type the source's name promises (a .pdf URL serving an HTML error page);
    `read_scans`: how a PDF's scanned pages are OCRed (default: extractors.ocr.read_pages)."""
    if not data:
        raise ExtractionError("empty file")
    media_type = sniff_media_type(data)
    if expected == "application/pdf" and media_type != "application/pdf":
        raise ExtractionError(f"not a PDF although named so: the content is {media_type}")
    if media_type == "application/pdf":
        from .pdf import extract_pdf  # pymupdf is only imported for PDFs

        return extract_pdf(data, read_scans=read_scans) if read_scans else extract_pdf(data)
    if media_type == "text/html":
        from .html import html_to_text

        text = html_to_text(decode_text(data))
    else:
        text = decode_text(data)
    layout = text_layout(text)
    if layout == "form":
        ex = Extraction(layout="form", tables=[], lines=text.split("\n"))
    elif layout == "text-flow":
        ex = extract_flow(text)
    else:
        ex = extract_tsv(text, layout)
    ex.media_type = "text/markdown" if layout == "text-markdown" else media_type
    return ex


def expected_media_type(name: str) -> str | None:
    return "application/pdf" if name.lower().split("?")[0].endswith(".pdf") else None
