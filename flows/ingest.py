"""The Prefect ingest flow: each source is its own task (fetch, detect, extract, normalize, check);
the flow is the single writer that loads each document in its own transaction."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from rich.progress import Progress

from extractors.ocr import ScanPage, read_pages
from warehouse.load import connect, load_batch, loaded_documents

from .cache import FetchCache, default_cache
from .fetch import FetchError, read_bytes
from .manifest import read_manifest
from .pipeline import Processed, doc_id_of, failed, process
from .sources import Source, expand


@dataclass(frozen=True, slots=True)
class Outcome:
    source: str
    doc_id: str
    status: str  # ok, partial, failed, or unchanged (already loaded, skipped)
    error: str | None
    layout: str | None
    department: str | None
    fiscal_year: int | None
    report_kind: str | None
    line_items: int
    failed_checks: int


@dataclass(frozen=True, slots=True)
class Unchanged:
    doc_id: str


@task(name="process-source", cache_policy=NO_CACHE)
def process_source(src: Source, cache: FetchCache, loaded: frozenset[str], force: bool) -> Processed | Unchanged:
    log = get_run_logger()
    try:
        fetched = read_bytes(src, cache)
        doc_id = doc_id_of(fetched.data) if fetched.data else None
        if doc_id in loaded and not force:
            log.info("%s: unchanged, already loaded as %s", src.name, doc_id[:12])
            return Unchanged(doc_id)
        result = process(fetched.data, src.url, src.overrides, partial(read_pages, on_page=_page_logger(src, log)))
    except FetchError as exc:
        result = failed(src.url, str(exc))
    except Exception as exc:  # a bug must cost one document, not the night's run
        result = failed(src.url, f"internal error: {type(exc).__name__}: {exc}".splitlines()[0])
    r = result.record
    log.info("%s: %s layout=%s items=%d%s", src.name, r.status, r.layout, result.items.height,
             f" ({r.error})" if r.error else "")
    return result


def _page_logger(src: Source, log):
    def on_page(job: ScanPage, geo, seconds: float) -> None:
        log.info("%s: OCR page %d: %d words, %d rules, %.1f s", src.name, job.number, len(geo.words),
                 len(geo.rules), seconds)
    return on_page


@flow(name="cnbudget-ingest")
def ingest_flow(sources: list[str], db: str, manifest: str | None = None, force: bool = False) -> list[Outcome]:
    srcs = expand(sources) + (read_manifest(Path(manifest)) if manifest else [])
    con = connect(Path(db))
    cache = default_cache(db)
    outcomes = []
    try:
        loaded = frozenset(k for k, status in loaded_documents(con).items() if status != "failed")
        # local files already loaded are settled here, without a task each: a nightly no-op re-run
        # over thousands of unchanged files costs one read and hash per file
        known = {s.url: d for s in srcs if s.path is not None and not force and (d := _local_doc_id(s)) in loaded}
        futures = [None if s.url in known else process_source.submit(s, cache, loaded, force) for s in srcs]
        with Progress(disable=not sys.stderr.isatty(), transient=True) as bar:
            job = bar.add_task("ingest", total=len(srcs))
            batch: list[Processed] = []
            for n, (src, fut) in enumerate(zip(srcs, futures)):
                p = Unchanged(known[src.url]) if fut is None else fut.result()
                futures[n] = None  # a loaded document's frames are not held until the end of the run
                if isinstance(p, Unchanged):
                    outcomes.append(Outcome(src.name, p.doc_id, "unchanged", None, None, None, None, None, 0, 0))
                else:
                    batch.append(p)
                    outcomes.append(_outcome(src, p))
                    if sum(b.items.height for b in batch) >= batch_rows():
                        _flush(con, batch)
                bar.advance(job)
            _flush(con, batch)
    finally:
        con.close()
    return outcomes


def batch_rows() -> int:
    """Line items per load transaction (CNBUDGET_LOAD_BATCH_ROWS); 1 commits document by document."""
    return int(os.environ.get("CNBUDGET_LOAD_BATCH_ROWS", "50000"))


def _flush(con, batch: list[Processed]) -> None:
    if batch:
        load_batch(con, [(p.record, p.items, p.checks, p.reports, p.indicators) for p in batch])
        batch.clear()


def _local_doc_id(src: Source) -> str | None:
    try:
        return doc_id_of(src.path.read_bytes())
    except OSError:
        return None  # the task will report it


def _outcome(src: Source, p: Processed) -> Outcome:
    r = p.record
    failed_checks = int((~p.checks["passed"]).sum()) if p.checks.height else 0
    return Outcome(src.name, r.doc_id, r.status, r.error, r.layout, r.department, r.fiscal_year, r.report_kind,
                   p.items.height, failed_checks)
