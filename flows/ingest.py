"""The Prefect ingest flow: each source is its own task (fetch, detect, extract, normalize, check);
the flow is the single writer that loads each document in its own transaction."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from warehouse.load import connect, load_document

from .fetch import FetchError, read_bytes
from .pipeline import Processed, failed, process
from .sources import Source, expand


@dataclass(frozen=True, slots=True)
class Outcome:
    source: str
    doc_id: str
    status: str
    error: str | None
    layout: str | None
    department: str | None
    fiscal_year: int | None
    report_kind: str | None
    line_items: int
    failed_checks: int


@task(name="process-source", cache_policy=NO_CACHE)
def process_source(src: Source) -> Processed:
    log = get_run_logger()
    try:
        result = process(read_bytes(src), src.url, src.overrides)
    except FetchError as exc:
        result = failed(src.url, str(exc))
    except Exception as exc:  # a bug must cost one document, not the night's run
        result = failed(src.url, f"internal error: {type(exc).__name__}: {exc}".splitlines()[0])
    r = result.record
    log.info("%s: %s layout=%s items=%d%s", src.name, r.status, r.layout, result.items.height,
             f" ({r.error})" if r.error else "")
    return result


@flow(name="cnbudget-ingest")
def ingest_flow(sources: list[str], db: str, manifest: list[Source] | None = None) -> list[Outcome]:
    srcs = expand(sources) + list(manifest or [])
    con = connect(Path(db))
    outcomes = []
    try:
        futures = [process_source.submit(s) for s in srcs]
        for src, fut in zip(srcs, futures):
            p = fut.result()
            load_document(con, p.record, p.items, p.checks)
            outcomes.append(_outcome(src, p))
    finally:
        con.close()
    return outcomes


def _outcome(src: Source, p: Processed) -> Outcome:
    r = p.record
    failed_checks = int((~p.checks["passed"]).sum()) if p.checks.height else 0
    return Outcome(src.name, r.doc_id, r.status, r.error, r.layout, r.department, r.fiscal_year, r.report_kind,
                   p.items.height, failed_checks)
