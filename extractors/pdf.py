"""PDF disclosures (text layer). Placeholder until the PDF families land: fails clearly."""
from __future__ import annotations

from .model import Extraction, ExtractionError


def extract_pdf(data: bytes) -> Extraction:
    raise ExtractionError("PDF disclosures are not read by this build yet")
