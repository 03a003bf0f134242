"""Scale: N generated disclosures across the layout families, ingested and queried.

    python -m flows.benchmarks.scale [N] [--query-rows R]

Prints, beside a baseline measured in the same run where one exists: parse + normalize docs/s and
pages/s, load rows/s (per-document transactions vs one bulk insert), the whole flow on threads vs a
two-worker Dask cluster, a no-op re-run, peak RSS, and the documented analyst queries over R line
items (the warehouse is replicated up to R rows for that).
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import duckdb  # noqa: E402
import polars as pl  # noqa: E402

from flows.pipeline import process  # noqa: E402
from flows.samples.figures import draw  # noqa: E402
from flows.samples.render import render  # noqa: E402
from flows.samples.render_pdf import PdfStyle, render_pdf  # noqa: E402
from warehouse.load import connect, load_document  # noqa: E402

QUERIES = {
    "one department across years": """SELECT fiscal_year, report_kind, sum(amount_yuan) FROM department_spending
        WHERE department = ? AND measure = 'total' AND level = 'class' GROUP BY ALL ORDER BY ALL""",
    "one function code across regions": """SELECT province, region_code, fiscal_year, amount_yuan, departments
        FROM function_by_region WHERE function_code = '2011350' ORDER BY amount_yuan DESC LIMIT 50""",
    "事业运行 2011350 for 开发区管委会 2020-2024": """SELECT department, fiscal_year, amount_yuan FROM current_line_items
        WHERE table_code = 'expenditure' AND measure = 'total' AND function_code = '2011350'
          AND department LIKE '%管理委员会%' AND fiscal_year BETWEEN 2020 AND 2024""",
    "budget vs final": "SELECT count(*), avg(execution_rate) FROM budget_vs_final",
}


def generate(out: Path, n: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        f = draw(10_000 + i)
        kind = i % 10
        if kind == 9:  # one in ten a PDF, ruled and unruled in turn
            data = render_pdf(f, PdfStyle(ruled=(i // 10) % 2 == 0))[0]
            path = out / f"d{i:05d}.pdf"
        else:
            layout = ("text-tsv", "text-markdown", "text-flow")[kind % 3]
            data = render(f, layout)[0].encode("utf-8")
            path = out / f"d{i:05d}-{layout}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--query-rows", type=int, default=20_000_000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cnbudget-bench-"))
    t = time.perf_counter()
    paths = generate(work / "in", args.n)
    print(f"generated {len(paths)} disclosures in {time.perf_counter() - t:.1f} s ({work})")

    # parse + normalize, one process, streaming (nothing held but the current batch)
    from flows.ingest import batch_rows
    from warehouse.load import load_batch

    db = work / "load.duckdb"
    con = connect(db)
    per_doc_db = connect(work / "per-doc.duckdb")
    t_per_doc = 0.0
    batch = []
    t_parse = {"text": 0.0, "pdf": 0.0}
    n_docs = {"text": 0, "pdf": 0}
    pdf_pages = 0
    t_load = 0.0
    rows = 0
    sample: list[pl.DataFrame] = []
    for path in paths:
        data = path.read_bytes()
        kind = "pdf" if path.suffix == ".pdf" else "text"
        t0 = time.perf_counter()
        p = process(data, path.as_uri())
        t_parse[kind] += time.perf_counter() - t0
        n_docs[kind] += 1
        if kind == "pdf":
            pdf_pages += int(p.items["page"].max() or 0)
        batch.append((p.record, p.items, p.checks))
        if sum(b[1].height for b in batch) >= batch_rows():
            t0 = time.perf_counter()
            load_batch(con, batch)
            t_load += time.perf_counter() - t0
            batch = []
        if len(sample) < 200:  # a commit per document, on a sample: the baseline
            t0 = time.perf_counter()
            load_document(per_doc_db, p.record, p.items, p.checks)
            t_per_doc += time.perf_counter() - t0
            sample.append(p.items)
        rows += p.items.height
    t0 = time.perf_counter()
    load_batch(con, batch)
    t_load += time.perf_counter() - t0
    con.close()
    per_doc_db.close()
    print(f"parse+normalize text: {n_docs['text'] / t_parse['text']:8.1f} docs/s   (target >= 100)")
    if n_docs["pdf"]:
        print(f"parse+normalize PDF:  {pdf_pages / t_parse['pdf']:8.1f} pages/s  ({n_docs['pdf']} PDFs)")
    sampled = sum(f.height for f in sample)
    print(f"load, batched transactions:       {rows / t_load:12,.0f} rows/s  ({rows:,} rows)   (target >= 1,000,000 rows/s)")
    print(f"load, a commit per document (baseline): {sampled / t_per_doc:6,.0f} rows/s  ({sampled:,} rows)  "
          f"ratio {(rows / t_load) / (sampled / t_per_doc):.1f}x")

    # the whole flow: threads vs a local two-worker Dask cluster; then a no-op re-run
    from prefect.testing.utilities import prefect_test_harness

    from flows.ingest import ingest_flow
    from flows.runners import with_runner

    with prefect_test_harness(server_startup_timeout=120):
        t0 = time.perf_counter()
        ingest_flow([str(work / "in")], str(work / "threads.duckdb"))
        t_threads = time.perf_counter() - t0
        t0 = time.perf_counter()
        with_runner(ingest_flow, workers=2)([str(work / "in")], str(work / "dask.duckdb"))
        t_dask = time.perf_counter() - t0
        t0 = time.perf_counter()
        ingest_flow([str(work / "in")], str(work / "dask.duckdb"))
        t_noop = time.perf_counter() - t0
    n = len(paths)
    print(f"flow, threads (baseline):   {n / t_threads:8.1f} docs/s  ({t_threads:.1f} s)")
    print(f"flow, Dask 2 workers:       {n / t_dask:8.1f} docs/s  ({t_dask:.1f} s)  ratio {t_threads / t_dask:.2f}")
    print(f"no-op re-run of {n} unchanged sources: {t_noop:.1f} s   (target < 60 s at 10,000)")
    print(f"peak RSS of this process: {rss_mb():.0f} MB   (target < 1,500 MB)")

    # analyst queries over a warehouse replicated to --query-rows line items
    qcon = duckdb.connect(str(work / "dask.duckdb"))
    base = qcon.execute("SELECT count(*) FROM line_items").fetchone()[0]
    copies = max(1, args.query_rows // max(base, 1))
    t0 = time.perf_counter()
    qcon.execute(f"""INSERT INTO documents SELECT doc_id || '-' || k, source_url, fetched_at, media_type, layout,
        province, city, county, region_code, department || k, fiscal_year, report_kind, status, error, superseded_by
        FROM documents, range(1, {copies}) r(k)""")
    qcon.execute(f"""INSERT INTO line_items SELECT l.* REPLACE (l.doc_id || '-' || r.k AS doc_id)
        FROM line_items l, range(1, {copies}) r(k)""")
    total = qcon.execute("SELECT count(*) FROM line_items").fetchone()[0]
    print(f"replicated to {total:,} line items in {time.perf_counter() - t0:.1f} s")
    dept = qcon.execute("SELECT department FROM documents LIMIT 1").fetchone()[0]
    for name, sql in QUERIES.items():
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            qcon.execute(sql, [dept] if "?" in sql else []).fetchall()
            best = min(best, time.perf_counter() - t0)
        print(f"query {name!r}: {best * 1000:8.1f} ms   (target < 200 ms)")
    qcon.close()


if __name__ == "__main__":
    main()
