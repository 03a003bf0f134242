"""The Prefect ingest flow: each source is its own task (fetch, detect, extract, normalize, check);
the flow is the single writer that loads each document in its own transaction."""
from __future__ import annotations

import os
import sys
from collections import deque
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


@task(name="process-sources", cache_policy=NO_CACHE)
def process_sources(srcs: list[Source], cache: FetchCache, loaded: frozenset[str], force: bool) -> list[Processed | Unchanged]:
    """A few sources per task: a task run costs the Prefect server tens of milliseconds, as much as
    parsing a text disclosure; each source still succeeds or fails alone."""
    log = get_run_logger()
    return [process_source(src, cache, loaded, force, log) for src in srcs]


def process_source(src: Source, cache: FetchCache, loaded: frozenset[str], force: bool, log) -> Processed | Unchanged:
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
        outcomes += [_unchanged(src, known[src.url]) for src in srcs if src.url in known]
        todo = [s for s in srcs if s.url not in known]
        size = docs_per_task(len(todo))
        chunks = deque(todo[i:i + size] for i in range(0, len(todo), size))
        running: deque = deque()
        batch: list[Processed] = []
        rows = 0  # line items in the open batch
        with Progress(disable=not sys.stderr.isatty(), transient=True) as bar:
            job = bar.add_task("ingest", total=len(srcs), completed=len(known))
            while chunks or running:
                # a bounded window of tasks in flight: results wait for the writer, never the whole corpus
                while chunks and len(running) < tasks_in_flight():
                    chunk = chunks.popleft()
                    running.append((chunk, process_sources.submit(chunk, cache, loaded, force)))
                chunk, fut = running.popleft()
                for src, p in zip(chunk, fut.result()):
                    if isinstance(p, Unchanged):
                        outcomes.append(_unchanged(src, p.doc_id))
                    else:
                        batch.append(p)
                        outcomes.append(_outcome(src, p))
                        rows += p.items.height
                        if rows >= batch_rows():
                            _flush(con, batch)
                            rows = 0
                    bar.advance(job)
                del fut
            _flush(con, batch)
    finally:
        con.close()
    return outcomes


def docs_per_task(n: int) -> int:
    """CNBUDGET_DOCS_PER_TASK, else one source per task for small runs (a scan's pages stay spread
    over the workers) and up to 16 for thousands of sources."""
    fixed = os.environ.get("CNBUDGET_DOCS_PER_TASK")
    return int(fixed) if fixed else max(1, min(16, n // 64))


def tasks_in_flight() -> int:
    return int(os.environ.get("CNBUDGET_TASKS_IN_FLIGHT", "16"))


def batch_rows() -> int:
    """Line items per load transaction (CNBUDGET_LOAD_BATCH_ROWS); 1 commits document by document.
    400k: enough rows for DuckDB to write whole row groups in parallel straight to the file, within
    the memory target."""
    return int(os.environ.get("CNBUDGET_LOAD_BATCH_ROWS", "400000"))


def _flush(con, batch: list[Processed]) -> None:
    if batch:
        load_batch(con, [(p.record, p.items, p.checks, p.reports, p.indicators) for p in batch])
        batch.clear()


def _local_doc_id(src: Source) -> str | None:
    try:
        return doc_id_of(src.path.read_bytes())
    except OSError:
        return None  # the task will report it


def _unchanged(src: Source, doc_id: str) -> Outcome:
    return Outcome(src.name, doc_id, "unchanged", None, None, None, None, None, 0, 0)


def _outcome(src: Source, p: Processed) -> Outcome:
    r = p.record
    failed_checks = int((~p.checks["passed"]).sum()) if p.checks.height else 0
    return Outcome(src.name, r.doc_id, r.status, r.error, r.layout, r.department, r.fiscal_year, r.report_kind,
                   p.items.height, failed_checks)
