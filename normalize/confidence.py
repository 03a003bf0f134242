"""OCR confidence: an amount the recognizer was unsure of is loaded as read, with a failed check
that names it, so a reader knows which figures to compare with the page image."""
from __future__ import annotations

import os

from .model import Finding, LineItem

DEFAULT_MIN_CONFIDENCE = 0.9  # the least sure glyph of the amount; see the OCR benchmark for how it splits


def min_confidence() -> float:
    return float(os.environ.get("CNBUDGET_OCR_MIN_CONFIDENCE", DEFAULT_MIN_CONFIDENCE))


def confidence_checks(items: list[LineItem], threshold: float | None = None) -> list[Finding]:
    threshold = min_confidence() if threshold is None else threshold
    out = []
    for it in items:
        if it.confidence is None or it.confidence >= threshold:
            continue
        subject = f"{it.key or it.table_code}/{it.measure}"
        out.append(Finding("ocr.low_confidence", it.table_code, subject, None, it.amount_yuan, False,
                           f"{it.table_code} {subject}: OCR read '{it.amount_raw}' on page {it.page} with "
                           f"confidence {it.confidence:.2f} (below {threshold:.2f}); compare it with the page"))
    return out
