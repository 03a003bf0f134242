"""Bytes of one disclosure -> what the warehouse loads for it.  No Prefect, no I/O: callable anywhere."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

import polars as pl

from extractors.detect import expected_media_type, extract, sniff_media_type
from extractors.model import ExtractionError
from normalize.checks import run_checks
from normalize.confidence import confidence_checks
from normalize.document import normalize_document
from warehouse.frames import INDICATOR_SCHEMA, REPORT_SCHEMA, checks_frame, line_items_frame, records_frame
from warehouse.load import DocumentRecord


@dataclass(slots=True)
class Processed:
    record: DocumentRecord
    items: pl.DataFrame
    checks: pl.DataFrame
    reports: pl.DataFrame | None = None
    indicators: pl.DataFrame | None = None

    @property
    def failed(self) -> bool:
        return self.record.status == "failed"


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def failed(source_url: str, reason: str, data: bytes | None = None, media_type: str | None = None) -> Processed:
    """A source that yields nothing: recorded so the run's outcome is visible in `documents`."""
    doc_id = doc_id_of(data) if data else doc_id_of(b"unread:" + source_url.encode())
    record = DocumentRecord(doc_id=doc_id, source_url=source_url, fetched_at=_now(), media_type=media_type,
                            status="failed", error=reason)
    return Processed(record, line_items_frame(doc_id, []), checks_frame(doc_id, []))


def process(data: bytes, source_url: str, overrides: dict[str, str] | None = None, read_scans=None) -> Processed:
    media_type = sniff_media_type(data) if data else None
    try:
        ex = extract(data, expected_media_type(source_url), read_scans)
    except ExtractionError as exc:
        return failed(source_url, str(exc), data, media_type)
    doc = normalize_document(ex)
    doc.findings += run_checks(doc.items) + confidence_checks(doc.items)
    doc_id = doc_id_of(data)
    m = doc.meta
    record = DocumentRecord(
        doc_id=doc_id, source_url=source_url, fetched_at=_now(), media_type=ex.media_type, layout=ex.layout,
        province=m.province, city=m.city, county=m.county, region_code=m.region_code, department=m.department,
        fiscal_year=m.fiscal_year, report_kind=m.report_kind,
        status="partial" if doc.gaps else "ok", error="; ".join(doc.gaps)[:2000] if doc.gaps else None)
    for key, value in (overrides or {}).items():
        if value:
            setattr(record, key, int(value) if key == "fiscal_year" else value)
    return Processed(record, line_items_frame(doc_id, doc.items), checks_frame(doc_id, doc.findings),
                     records_frame(doc_id, doc.reports, REPORT_SCHEMA),
                     records_frame(doc_id, doc.indicators, INDICATOR_SCHEMA, "indicator_no"))


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
