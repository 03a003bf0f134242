"""`cnbudget`: thin commands over the library (see ../shared/CONTRACT.md)."""
from __future__ import annotations

import csv
import ctypes
import io
import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

# No network to report to, and the telemetry service races the migrations of a fresh PREFECT_HOME.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console()
err = Console(stderr=True)


def default_db() -> Path:
    return Path(os.environ.get("CNBUDGET_DB", "data/cnbudget.duckdb"))


DbOption = typer.Option(None, "--db", help="DuckDB file (default: $CNBUDGET_DB or data/cnbudget.duckdb)")


@app.command()
def ingest(sources: Optional[list[str]] = typer.Argument(None, help="paths, directories, file:// or http(s):// URLs"),
           sources_file: Optional[Path] = typer.Option(None, "--sources", help="CSV manifest (url, overrides)"),
           force: bool = typer.Option(False, "--force", help="reprocess documents already loaded"),
           workers: int = typer.Option(0, "--workers", help="processes on a local Dask cluster (0: threads in this process)"),
           dask_address: Optional[str] = typer.Option(None, "--dask-address", help="scheduler of an existing Dask cluster"),
           db: Optional[Path] = DbOption) -> None:
    """Run the ingest flow: fetch, detect layout, extract, normalize, check, load."""
    from .ingest import ingest_flow
    from .manifest import ManifestError, read_manifest

    if not sources and not sources_file:
        raise typer.BadParameter("give at least one SOURCE or --sources FILE")
    try:
        if sources_file:
            read_manifest(sources_file)  # a malformed manifest is a usage error (exit 2), not a run
    except ManifestError as exc:
        raise typer.BadParameter(str(exc)) from exc
    from warehouse.load import WarehouseBusy, connect

    try:  # fail before the flow starts when another ingest holds the file
        connect(db or default_db()).close()
    except WarehouseBusy as exc:
        err.print(f"cnbudget: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    from .runners import with_runner

    outcomes = with_runner(ingest_flow, workers, dask_address)(list(sources or []), str(db or default_db()),
                                                               str(sources_file) if sources_file else None, force)
    table = Table(title=f"cnbudget: {len(outcomes)} documents into {db or default_db()}")
    for col in ("source", "status", "layout", "department", "year", "kind", "line items", "failed checks"):
        table.add_column(col)
    for o in outcomes:
        table.add_row(Path(o.source).name, o.status, o.layout or "", o.department or "", str(o.fiscal_year or ""),
                      o.report_kind or "", str(o.line_items), str(o.failed_checks))
    out.print(table)
    bad = [o for o in outcomes if o.status == "failed"]
    for o in bad:
        err.print(f"cnbudget: {o.source}: {o.error}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1 if bad else 0)


@app.command()
def sql(query: str = typer.Argument(..., help="a read-only SELECT"),
        db: Optional[Path] = DbOption,
        fmt: str = typer.Option("table", "--format", help="table | csv | json")) -> None:
    """Run a read-only query."""
    from warehouse.query import QueryError, run_sql

    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("--format must be table, csv or json")
    try:
        cols, rows = run_sql(db or default_db(), query)
    except QueryError as exc:
        err.print(f"cnbudget sql: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    _print_rows(cols, rows, fmt)


@app.command()
def checks(doc: Optional[str] = typer.Option(None, "--doc", help="one document (doc_id or its prefix)"),
           only_failed: bool = typer.Option(False, "--failed", help="only failed checks"),
           db: Optional[Path] = DbOption) -> None:
    """The accounting-identity results."""
    from warehouse.query import QueryError, run_sql

    where, _params = [], []
    if doc:
        where.append(f"doc_id LIKE '{doc.replace(chr(39), '')}%'")
    if only_failed:
        where.append("NOT passed")
    q = ("SELECT substr(doc_id, 1, 12) AS doc, check_id, table_code, subject, expected, actual, passed, message "
         f"FROM checks {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY doc_id, check_id, subject")
    try:
        cols, rows = run_sql(db or default_db(), q)
    except QueryError as exc:
        err.print(f"cnbudget checks: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    _print_rows(cols, rows, "table")


@app.command()
def export(out_dir: Path = typer.Option(..., "--out", help="directory of the export (replaced whole)"),
           fmt: str = typer.Option("parquet", "--format", help="parquet | csv"),
           db: Optional[Path] = DbOption) -> None:
    """Export the warehouse, partitioned by fiscal_year and province."""
    from warehouse.export import ExportError
    from warehouse.export import export as run_export

    if fmt not in ("parquet", "csv"):
        raise typer.BadParameter("--format must be parquet or csv")
    try:
        counts = run_export(db or default_db(), out_dir, fmt)
    except (ExportError, OSError) as exc:
        err.print(f"cnbudget export: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    out.print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" -> {out_dir}")


@app.command()
def serve(sources_file: Path = typer.Option(..., "--sources", help="CSV manifest of the sources to ingest nightly"),
          cron: str = typer.Option("0 2 * * *", help="cron expression"),
          timezone: str = typer.Option("Asia/Shanghai", help="time zone of the cron expression"),
          db: Optional[Path] = DbOption) -> None:
    """Serve the nightly scheduled deployment of the ingest flow (blocks; Ctrl-C stops it)."""
    from prefect import serve as prefect_serve

    from .schedule import nightly_deployment

    prefect_serve(nightly_deployment(str(sources_file.resolve()), str((db or default_db()).resolve()), cron, timezone))


def _print_rows(cols: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
    elif fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(cols, r)) for r in rows], ensure_ascii=False, default=str) + "\n")
    else:
        table = Table()
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        out.print(table)


def main() -> None:
    _few_malloc_arenas()
    _prompt_jemalloc_purge()
    app()


def _prompt_jemalloc_purge() -> None:
    """polars allocates through its own jemalloc, which keeps freed pages for 10 s by default: the
    frames of each load batch then linger beside the next one's (peak RSS at 3,000 sources: 1.33 GB
    against 1.14 GB purging at once, same run time).  jemalloc reads this when polars first
    allocates, so it is set before polars is imported; a value the user set wins."""
    os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


def _few_malloc_arenas() -> None:
    """glibc gives threads malloc arenas of their own (up to eight per core); over a 10,000-source
    ingest on threads they fragment into hundreds of MB of RSS (1.57 GB peak against 1.29 GB with
    two).  mallopt(M_ARENA_MAX, 2) is what MALLOC_ARENA_MAX=2 would do, set before any thread starts."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # -8: M_ARENA_MAX in malloc.h
        except (OSError, AttributeError):  # another libc (musl): nothing to tune
            pass
