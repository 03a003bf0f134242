"""One transaction per document: its rows replace whatever an earlier run loaded for it."""
from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from .schema import ensure_schema

DOC_SCHEMA = {
    "doc_id": pl.String, "source_url": pl.String, "fetched_at": pl.Datetime("us"), "media_type": pl.String,
    "layout": pl.String, "province": pl.String, "city": pl.String, "county": pl.String, "region_code": pl.String,
    "department": pl.String, "fiscal_year": pl.Int32, "report_kind": pl.String, "status": pl.String,
    "error": pl.String, "superseded_by": pl.String,
}


@dataclass(slots=True)
class DocumentRecord:
    doc_id: str
    source_url: str
    fetched_at: datetime
    media_type: str | None = None
    layout: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_code: str | None = None
    department: str | None = None
    fiscal_year: int | None = None
    report_kind: str | None = None
    status: str = "ok"
    error: str | None = None
    superseded_by: str | None = None


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse file; the message is the one-line reason."""


def connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    try:
        # DuckDB's buffer pool defaults to 80 % of RAM; the writer needs little (CNBUDGET_DUCKDB_MEMORY)
        con = duckdb.connect(str(db), config={"memory_limit": os.environ.get("CNBUDGET_DUCKDB_MEMORY", "256MB")})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            holder = re.search(r"PID (\d+)", str(exc))
            raise WarehouseBusy(f"{db} is being written by another process"
                                f"{f' (pid {holder.group(1)})' if holder else ''}; run again when it has finished") from exc
        raise
    # Physical row order carries nothing (line_items.item_no holds each document's reading order);
    # without it DuckDB inserts on both cores: one 690k-row INSERT ran at 2.2M rows/s against 0.9M.
    con.execute("SET preserve_insertion_order = false")
    ensure_schema(con)
    return con


def load_document(con: duckdb.DuckDBPyConnection, doc: DocumentRecord, items: pl.DataFrame,
                  checks: pl.DataFrame, *extra: pl.DataFrame | None) -> None:
    """Replace one document's rows atomically (extra: its performance reports and indicators)."""
    load_batch(con, [(doc, items, checks, *extra)])


def load_batch(con: duckdb.DuckDBPyConnection, batch: list[tuple]) -> None:
    """Replace the rows of several documents in one transaction: a crash leaves the previous state
    (never part of a document), a re-run no duplicates.  One commit for many documents is what
    makes loading fast; each document is still all or nothing."""
    latest = {entry[0].doc_id: entry for entry in batch}  # the same bytes twice: once
    ids = list(latest)
    con.execute("BEGIN TRANSACTION")
    try:
        previous = dict(con.execute("SELECT doc_id, superseded_by FROM documents WHERE list_contains(?, doc_id)",
                                    [ids]).fetchall())
        if previous:  # reloads: their old rows go (a scan, paid only when reprocessing)
            for table in ("line_items", "checks", "performance_reports", "performance_indicators", "documents"):
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [list(previous)])
        records = []
        for doc_id, (doc, *_) in latest.items():
            values = asdict(doc)
            if previous.get(doc_id):
                values["superseded_by"] = previous[doc_id]  # reloading an old version keeps it old
            records.append(values)
        docs = pl.DataFrame(records, schema=DOC_SCHEMA)
        _insert(con, "documents", docs)
        for k, table in enumerate(("line_items", "checks", "performance_reports", "performance_indicators"), start=1):
            frames = [entry[k] for entry in latest.values() if len(entry) > k and entry[k] is not None]
            if frames:
                _insert(con, table, pl.concat(frames, rechunk=True))  # one chunk: Arrow hand-over in one piece
        _supersede(con, ids)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:
        # Arrow string views, as polars holds them: the default hand-over copies every string into
        # a large_string buffer first (measured: ~100 MB more per 400k-row batch, and slower)
        con.register("_frame", frame.to_arrow(compat_level=pl.CompatLevel.newest()))
        con.execute(f"INSERT INTO {table} ({', '.join(frame.columns)}) SELECT * FROM _frame")
        con.unregister("_frame")


def _supersede(con: duckdb.DuckDBPyConnection, new_ids: list[str]) -> None:
    """The same disclosure republished with other bytes (same URL, or same department, year and kind)
    replaces its older versions in `current_documents`; they stay in `documents` for history.
    One statement for the whole batch: each older version points at the newest that replaces it."""
    con.execute("""
        UPDATE documents SET superseded_by = m.new_id
        FROM (SELECT o.doc_id AS old_id, arg_max(n.doc_id, n.fetched_at) AS new_id
              FROM documents n JOIN documents o
                ON o.doc_id <> n.doc_id AND o.superseded_by IS NULL AND o.status <> 'failed'
               AND o.fetched_at <= n.fetched_at
               AND (o.source_url = n.source_url OR (o.department = n.department AND o.fiscal_year = n.fiscal_year
                                                    AND o.report_kind = n.report_kind))
              WHERE list_contains(?, n.doc_id) AND n.status <> 'failed' AND n.superseded_by IS NULL
              GROUP BY o.doc_id) m
        WHERE documents.doc_id = m.old_id""", [new_ids])


def loaded_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> status of everything already in the warehouse (a re-run skips what is there)."""
    return dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
