"""`pdf-scanned`: words and ruling lines of a page image, read with rapidocr (PP-OCR models inside
the wheel, so it runs offline).  The result is a PageGeometry like a text page's, so the same table
finder reads it; each word carries the recognizer's confidence."""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pymupdf

from .native import PDF_LOCK
from .pdf_geometry import PageGeometry, Word
from .scan_image import clean, deskew, erase, find_rules, skew_angle

OCR_DPI = 150  # the resolution county scans are published at; the kernels and gaps are tuned on it
WORD_GAP = 0.6  # a gap wider than this share of the line height between two glyphs splits words
FIGURE_GAP = 0.3  # ... and a narrower one beside a figure (“0.00 二、公共安全支出”, “248.28 307”)
_FIGURE = set("0123456789.,-()")

_local = threading.local()


@dataclass(frozen=True, slots=True)
class ScanPage:
    """One page to OCR: the PDF's bytes are shared, the page is rendered only when it is read, so a
    long scan never holds all its images at once."""

    data: bytes = field(repr=False)
    number: int  # 1-based


@dataclass(frozen=True, slots=True)
class PageImage:
    """A rendered page: grey pixels and what maps them back to PDF points."""

    number: int  # 1-based
    gray: np.ndarray
    dpi: int
    width: float  # points
    height: float


def render(job: ScanPage, dpi: int = OCR_DPI) -> PageImage:
    """The page as OCR sees it: rendered whole (any image encoding, placement or page rotation)."""
    with PDF_LOCK, pymupdf.open(stream=job.data, filetype="pdf") as doc:
        page = doc[job.number - 1]
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
        gray = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width].copy()
        return PageImage(job.number, gray, dpi, page.rect.width, page.rect.height)


def read_scan(job: ScanPage) -> PageGeometry:
    return read_page(render(job))


def _engine():
    """One recognizer per thread: pages are read in parallel and the engine keeps per-call state."""
    if getattr(_local, "workers", None) != ocr_workers():
        _local.__dict__.pop("engine", None)
        _local.workers = ocr_workers()
    if not hasattr(_local, "engine"):
        # imported late: a second of model loading, paid only when a scan is read
        from rapidocr_onnxruntime import RapidOCR

        # pages run side by side: each engine gets its share of the cores, not all of them each
        threads = max(1, (os.cpu_count() or 1) // ocr_workers())
        _local.engine = RapidOCR(use_cls=False, print_verbose=False, intra_op_num_threads=threads)
    return _local.engine


def read_page(img: PageImage) -> PageGeometry:
    """Cleaned, straightened page -> words (split at wide gaps between glyphs) and rules, in points."""
    gray = clean(img.gray)  # before turning the page: a turned speck smears into a grey dot
    gray = deskew(gray, skew_angle(gray))
    scale = 72.0 / img.dpi
    rules, ruled = find_rules(gray, scale)
    gray = erase(gray, ruled)
    result, _ = _engine()(np.stack([gray] * 3, axis=-1), use_cls=False, return_word_box=True)
    cuts = [(r.x0 / scale, r.y0 / scale, r.y1 / scale) for r in rules if r.vertical]
    words: list[Word] = []
    for line in result or []:
        words += _words(line, scale, cuts)
    return PageGeometry(img.number, img.width, img.height, sorted(words, key=lambda w: (w.y0, w.x0)), rules)


def _words(line: list, scale: float, cuts: list[tuple[float, float, float]]) -> list[Word]:
    """One recognized text line -> words: split at wide gaps between glyphs, and wherever a vertical
    rule runs between two glyphs (the detector may join two cells' texts across an erased rule)."""
    box, text, score = line[0], line[1], float(line[2])
    ys = [p[1] for p in box]
    y0, y1 = min(ys) * scale, max(ys) * scale
    glyphs = line[3] if len(line) > 5 and line[3] and len(line[3]) == len(line[4]) else None
    if glyphs is None:  # no glyph boxes: the line is one word
        xs = [p[0] for p in box]
        return [Word(text, min(xs) * scale, y0, max(xs) * scale, y1, score)] if text.strip() else []
    height = max(ys) - min(ys)
    yc = (max(ys) + min(ys)) / 2
    walls = [x for x, top, bottom in cuts if top <= yc <= bottom]
    out: list[Word] = []
    run: list[tuple[float, float, str, float]] = []  # glyphs of the word being built: x0, x1, char, confidence

    def flush() -> None:
        if run:
            out.append(Word("".join(g[2] for g in run), run[0][0] * scale, y0, run[-1][1] * scale, y1,
                            min(g[3] for g in run)))
            run.clear()

    for gbox, ch, conf in zip(glyphs, line[4], line[5]):
        gx0, gx1 = min(p[0] for p in gbox), max(p[0] for p in gbox)
        if not ch.strip() or (run and _splits(run[-1], gx0, ch, height, walls)):
            flush()
        if ch.strip():
            run.append((gx0, gx1, ch, float(conf)))
    flush()
    return out


def _splits(last: tuple[float, float, str, float], gx0: float, ch: str, height: float, walls: list[float]) -> bool:
    """Unruled tables leave only a column's padding between a figure and the next cell's label."""
    gap = gx0 - last[1]
    if gap > WORD_GAP * height or any(last[1] - 2 <= x <= gx0 + 2 for x in walls):
        return True
    return (last[2] in _FIGURE or ch in _FIGURE) and gap > FIGURE_GAP * height


def read_pages(jobs: list[ScanPage], on_page: Callable[[ScanPage, PageGeometry, float], None] | None = None,
               ) -> list[PageGeometry]:
    """Pages in parallel on local threads (onnxruntime releases the GIL); `on_page` hears of each
    page as it is done (the flow logs it: a long scan shows its progress page by page)."""
    def one(job: ScanPage) -> PageGeometry:
        start = time.perf_counter()
        geo = read_scan(job)
        if on_page is not None:
            on_page(job, geo, time.perf_counter() - start)
        return geo

    if len(jobs) <= 1:
        return [one(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=min(len(jobs), ocr_workers())) as pool:
        return list(pool.map(one, jobs))


def ocr_workers() -> int:
    return int(os.environ.get("CNBUDGET_OCR_WORKERS", str(os.cpu_count() or 1)))
