"""OCR path: seconds per scanned page, read on both cores and on one (the baseline, same run), the
same documents' text layer for scale, and how exactly the scans read back against what the
generator printed (share exact, wrong amounts, wrong amounts no check caught, unsure flags).

    python -m flows.benchmarks.ocr [DOCS]      # DOCS generated disclosures, ruled and unruled in turn
"""
from __future__ import annotations

import os
import sys
import time

import pymupdf

from flows.pipeline import process
from flows.samples.compare import scan_accuracy
from flows.samples.figures import draw
from flows.samples.render_pdf import PdfStyle, render_pdf
from flows.samples.render_scan import ScanStyle, scan_pdf


def timed(docs: list[bytes], workers: int) -> tuple[float, list]:
    os.environ["CNBUDGET_OCR_WORKERS"] = str(workers)
    start = time.perf_counter()
    out = [process(d, "bench.pdf") for d in docs]
    return time.perf_counter() - start, out


def main(n_docs: int = 4) -> None:
    made = [render_pdf(draw(seed), PdfStyle(ruled=seed % 2 == 0)) for seed in range(n_docs)]
    texts = [data for data, _ in made]
    scans = [scan_pdf(data, ScanStyle(), seed=seed) for seed, (data, _) in enumerate(made)]
    pages = sum(pymupdf.open(stream=d, filetype="pdf").page_count for d in scans)
    t_text, _ = timed(texts, 1)
    t_par, read = timed(scans, os.cpu_count() or 1)
    t_seq, _ = timed(scans, 1)
    expected = exact = wrong = silent = unsure = 0
    for (_, truths), p in zip(made, read):
        acc = scan_accuracy(truths, p.items, p.checks)
        expected, exact, wrong, silent = expected + acc.expected, exact + acc.exact, wrong + acc.wrong, silent + len(acc.silent)
        unsure += p.checks.filter(p.checks["check_id"] == "ocr.low_confidence").height
    print(f"generated scans: {n_docs} documents (ruled and unruled), {pages} pages at 150 dpi, turned and speckled")
    print(f"OCR, pages in parallel ({os.cpu_count()} threads): {t_par / pages:6.2f} s/page  ({t_par:.1f} s)")
    print(f"OCR, one page at a time (baseline):    {t_seq / pages:6.2f} s/page  ({t_seq:.1f} s)   ratio {t_seq / t_par:.2f}x")
    print(f"same documents from their text layer:  {t_text / pages:6.3f} s/page")
    print(f"amounts exact: {exact}/{expected} = {exact / expected:.2%}; loaded wrong: {wrong}, "
          f"of them caught by no check: {silent}; amounts flagged unsure: {unsure}")
    print("targets: <= 6 s/page, >= 99 % exact, no wrong amount uncaught")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
