"""PDF path speed: pages/s of extract + normalize for the default path (pymupdf words and rules) and
for a camelot-lattice-only baseline on the same generated PDFs, their ratio, and whether both gave
identical figures.

    python -m flows.benchmarks.pdf [DOCS]
"""
from __future__ import annotations

import sys
import time

import pymupdf

from extractors.pdf import extract_pdf
from flows.samples.figures import draw
from flows.samples.render_pdf import PdfStyle, render_pdf
from normalize.document import normalize_document


def figures(data: bytes, method: str) -> set[tuple]:
    doc = normalize_document(extract_pdf(data, method))
    return {(i.table_code, i.function_code, i.economic_code, i.measure, i.amount_yuan) for i in doc.items}


def timed(docs: list[bytes], method: str) -> tuple[float, list[set[tuple]]]:
    start = time.perf_counter()
    out = [figures(d, method) for d in docs]
    return time.perf_counter() - start, out


def main(n_docs: int = 8) -> None:
    docs = [render_pdf(draw(seed), PdfStyle(ruled=True, rows_per_page=10))[0] for seed in range(n_docs)]
    pages = sum(pymupdf.open(stream=d, filetype="pdf").page_count for d in docs)
    t_words, f_words = timed(docs, "words")
    t_camelot, f_camelot = timed(docs, "camelot")
    same = all(a == b for a, b in zip(f_words, f_camelot))
    items = sum(len(f) for f in f_words)
    print(f"generated ruled PDFs: {n_docs} documents, {pages} pages, {items} distinct figures")
    print(f"default (pymupdf words + rules): {pages / t_words:8.1f} pages/s  ({t_words:.2f} s)")
    print(f"baseline (camelot lattice only): {pages / t_camelot:8.1f} pages/s  ({t_camelot:.2f} s)")
    print(f"ratio default / baseline:        {t_camelot / t_words:8.1f} x")
    print(f"identical figures:               {'yes' if same else 'NO'}")
    print("targets: >= 20 pages/s, >= 7x the baseline, identical figures")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
