"""Normalized records -> polars frames with the warehouse's declared schema."""
from __future__ import annotations

import polars as pl

from normalize.model import Finding, LineItem

LINE_ITEM_SCHEMA = {
    "doc_id": pl.String, "table_code": pl.String, "function_code": pl.String, "economic_code": pl.String,
    "row_label": pl.String, "level": pl.String, "measure": pl.String, "amount_yuan": pl.Decimal(20, 2),
    "unit": pl.String, "amount_raw": pl.String, "page": pl.Int32, "table_title": pl.String,
    "bbox": pl.List(pl.Float64), "confidence": pl.Float64, "method": pl.String,
}
CHECK_SCHEMA = {
    "doc_id": pl.String, "check_id": pl.String, "table_code": pl.String, "subject": pl.String,
    "expected": pl.Decimal(20, 2), "actual": pl.Decimal(20, 2), "passed": pl.Boolean, "message": pl.String,
}


def line_items_frame(doc_id: str, items: list[LineItem]) -> pl.DataFrame:
    cols = {name: [] for name in LINE_ITEM_SCHEMA}
    for it in items:
        cols["doc_id"].append(doc_id)
        for name in ("table_code", "function_code", "economic_code", "row_label", "level", "measure",
                     "amount_yuan", "unit", "amount_raw", "page", "table_title", "confidence", "method"):
            cols[name].append(getattr(it, name))
        cols["bbox"].append(list(it.bbox) if it.bbox else None)
    return pl.DataFrame(cols, schema=LINE_ITEM_SCHEMA)


def checks_frame(doc_id: str, findings: list[Finding]) -> pl.DataFrame:
    cols = {name: [] for name in CHECK_SCHEMA}
    for f in findings:
        cols["doc_id"].append(doc_id)
        for name in ("check_id", "table_code", "subject", "expected", "actual", "passed", "message"):
            cols[name].append(getattr(f, name))
    return pl.DataFrame(cols, schema=CHECK_SCHEMA)


REPORT_SCHEMA = {
    "doc_id": pl.String, "report_no": pl.Int32, "scope": pl.String, "project_name": pl.String, "unit": pl.String,
    "budget_yuan": pl.Decimal(20, 2), "executed_yuan": pl.Decimal(20, 2), "score": pl.Decimal(6, 2), "page": pl.Int32,
}
INDICATOR_SCHEMA = {
    "doc_id": pl.String, "report_no": pl.Int32, "level1": pl.String, "level2": pl.String, "indicator": pl.String,
    "target": pl.String, "actual": pl.String, "weight": pl.Decimal(6, 2), "score": pl.Decimal(6, 2), "page": pl.Int32,
}


def records_frame(doc_id: str, records: list, schema: dict) -> pl.DataFrame:
    """Dataclass records (performance reports, indicators) with the doc_id in front."""
    rows = [{"doc_id": doc_id, **{k: getattr(r, k) for k in schema if k != "doc_id"}} for r in records]
    return pl.DataFrame(rows, schema=schema)
