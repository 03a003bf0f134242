"""Normalized records -> polars frames with the warehouse's declared schema."""
from __future__ import annotations

import polars as pl

from normalize.model import Finding, LineItem

LINE_ITEM_SCHEMA = {
    "doc_id": pl.String, "table_code": pl.String, "function_code": pl.String, "economic_code": pl.String,
    "row_label": pl.String, "level": pl.String, "measure": pl.String, "amount_yuan": pl.Decimal(20, 2),
    "unit": pl.String, "amount_raw": pl.String, "page": pl.Int32, "table_title": pl.String,
    "bbox": pl.List(pl.Float64), "confidence": pl.Float64, "method": pl.String, "item_no": pl.Int32,
}
CHECK_SCHEMA = {
    "doc_id": pl.String, "check_id": pl.String, "table_code": pl.String, "subject": pl.String,
    "expected": pl.Decimal(20, 2), "actual": pl.Decimal(20, 2), "passed": pl.Boolean, "message": pl.String,
}


def line_items_frame(doc_id: str, items: list[LineItem]) -> pl.DataFrame:
    """One document's line items in reading order, numbered in `item_no` (tables keep no physical row
    order).  Tables are normalized in dependency order, so the items are put back in page order
    first; the sort is stable, leaving each page's tables, rows and columns as they were read."""
    items = sorted(items, key=lambda it: it.page)
    cols = {name: [] for name in LINE_ITEM_SCHEMA}
    for it in items:
        cols["doc_id"].append(doc_id)
        for name in ("table_code", "function_code", "economic_code", "row_label", "level", "measure",
                     "amount_yuan", "unit", "amount_raw", "page", "table_title", "confidence", "method"):
            cols[name].append(getattr(it, name))
        cols["bbox"].append(list(it.bbox) if it.bbox else None)
    cols["item_no"] = range(1, len(items) + 1)
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
    "indicator_no": pl.Int32,
}


def records_frame(doc_id: str, records: list, schema: dict, ordinal: str | None = None) -> pl.DataFrame:
    """Dataclass records (performance reports, indicators) with the doc_id in front and, when
    `ordinal` names a column, their 1-based order as printed in it."""
    fields = [k for k in schema if k not in ("doc_id", ordinal)]
    rows = [{"doc_id": doc_id, **{k: getattr(r, k) for k in fields}, **({ordinal: n} if ordinal else {})}
            for n, r in enumerate(records, start=1)]
    return pl.DataFrame(rows, schema=schema)
