"""Parquet / CSV export, hive-partitioned by fiscal_year and province, replacing a previous export whole."""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

MARKER = ".cnbudget-export"
_BY_DOC = "SELECT t.*, d.fiscal_year, d.province FROM {t} t JOIN documents d USING (doc_id)"
TABLES = {
    "documents": "SELECT * FROM documents",
    "line_items": _BY_DOC.format(t="line_items"),
    "checks": _BY_DOC.format(t="checks"),
    "performance_reports": _BY_DOC.format(t="performance_reports"),
    "performance_indicators": _BY_DOC.format(t="performance_indicators"),
}


class ExportError(RuntimeError):
    """The one-line reason an export was refused."""


def export(db: str | Path, out: str | Path, fmt: str = "parquet") -> dict[str, int]:
    out = Path(out).resolve()
    if out.exists() and not (out.is_dir() and (not any(out.iterdir()) or (out / MARKER).exists())):
        raise ExportError(f"{out} exists and is not a previous cnbudget export; refusing to overwrite it")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    counts: dict[str, int] = {}
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            for name, sql in TABLES.items():
                counts[name] = _write(con, sql, tmp / name, fmt)
        finally:
            con.close()
        (tmp / MARKER).write_text(json.dumps({"format": fmt, "rows": counts, "source": str(db),
                                              "exported_at": datetime.now(timezone.utc).isoformat()}), encoding="utf-8")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return counts


def _write(con: duckdb.DuckDBPyConnection, sql: str, target: Path, fmt: str) -> int:
    n = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    opts = f"FORMAT {fmt}" + (", HEADER true" if fmt == "csv" else "")
    if n:
        con.execute(f"COPY ({sql}) TO '{target}' ({opts}, PARTITION_BY (fiscal_year, province))")
    else:  # no partitions to write: one empty file keeps the schema readable
        target.mkdir()
        con.execute(f"COPY ({sql}) TO '{target / ('data_0.' + fmt)}' ({opts})")
    return n


def _swap(new: Path, out: Path) -> None:
    """The new export takes the old one's name by rename; the old one is removed after."""
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.rename(out, old)
        os.rename(new, out)
        shutil.rmtree(old)
    else:
        os.rename(new, out)
