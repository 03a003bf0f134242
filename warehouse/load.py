"""One transaction per document: its rows replace whatever an earlier run loaded for it."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from .schema import ensure_schema

DOC_COLUMNS = ("doc_id", "source_url", "fetched_at", "media_type", "layout", "province", "city", "county",
               "region_code", "department", "fiscal_year", "report_kind", "status", "error", "superseded_by")


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
        con = duckdb.connect(str(db))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            holder = re.search(r"PID (\d+)", str(exc))
            raise WarehouseBusy(f"{db} is being written by another process"
                                f"{f' (pid {holder.group(1)})' if holder else ''}; run again when it has finished") from exc
        raise
    ensure_schema(con)
    return con


def load_document(con: duckdb.DuckDBPyConnection, doc: DocumentRecord, items: pl.DataFrame,
                  checks: pl.DataFrame) -> None:
    """Replace the document's rows atomically: a crash leaves the previous state, a re-run no duplicates."""
    con.execute("BEGIN TRANSACTION")
    try:
        previous = con.execute("SELECT superseded_by FROM documents WHERE doc_id = ?", [doc.doc_id]).fetchone()
        for table in ("line_items", "checks"):
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc.doc_id])
        con.execute("DELETE FROM documents WHERE doc_id = ?", [doc.doc_id])
        values = asdict(doc)
        if previous and previous[0]:
            values["superseded_by"] = previous[0]  # reloading an old version keeps it old
        con.execute(f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})",
                    [values[c] for c in DOC_COLUMNS])
        if items.height:
            con.register("_items", items)
            con.execute(f"INSERT INTO line_items ({', '.join(items.columns)}) SELECT * FROM _items")
            con.unregister("_items")
        if checks.height:
            con.register("_checks", checks)
            con.execute(f"INSERT INTO checks ({', '.join(checks.columns)}) SELECT * FROM _checks")
            con.unregister("_checks")
        if doc.status != "failed" and not values["superseded_by"]:
            _supersede(con, doc)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _supersede(con: duckdb.DuckDBPyConnection, doc: DocumentRecord) -> None:
    """The same disclosure republished with other bytes (same URL, or same department, year and kind)
    replaces the older versions in `current_documents`; they stay in `documents` for history."""
    same = "source_url = ?"
    params: list = [doc.source_url]
    if doc.department and doc.fiscal_year and doc.report_kind:
        same += " OR (department = ? AND fiscal_year = ? AND report_kind = ?)"
        params += [doc.department, doc.fiscal_year, doc.report_kind]
    con.execute(f"""UPDATE documents SET superseded_by = ?
                    WHERE doc_id <> ? AND superseded_by IS NULL AND status <> 'failed'
                      AND fetched_at <= ? AND ({same})""", [doc.doc_id, doc.doc_id, doc.fetched_at, *params])


def loaded_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> status of everything already in the warehouse (a re-run skips what is there)."""
    return dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
