"""Batched loading: many documents in one transaction, written by both cores, read back exactly."""
import dataclasses

import duckdb
import polars as pl

from flows.pipeline import process
from flows.samples.figures import draw
from flows.samples.render import render
from tests.fixtures.queries import q
from warehouse.frames import LINE_ITEM_SCHEMA
from warehouse.load import connect, load_batch


def copies(n_docs: int) -> list[tuple]:
    """n_docs load entries made from four generated documents under distinct doc_ids."""
    made = [process(render(draw(seed), "text-tsv")[0].encode(), f"sample://{seed}") for seed in range(4)]
    out = []
    for k in range(n_docs):
        p = made[k % len(made)]
        doc_id = f"{p.record.doc_id[:56]}{k:08d}"
        record = dataclasses.replace(p.record, doc_id=doc_id, source_url=f"{p.record.source_url}/{k}")
        out.append((record, p.items.with_columns(doc_id=pl.lit(doc_id)), p.checks.with_columns(doc_id=pl.lit(doc_id))))
    return out


def test_a_large_batch_reads_back_row_for_row_in_reading_order(tmp_path):
    entries = copies(1100)  # > 2 row groups: written straight to the file, as in a large ingest
    rows = sum(e[1].height for e in entries)
    assert rows > 2 * 122_880
    db = tmp_path / "w.duckdb"
    con = connect(db)
    load_batch(con, entries)
    con.close()
    got = duckdb.connect(str(db), read_only=True).sql(
        f"SELECT {', '.join(LINE_ITEM_SCHEMA)} FROM line_items ORDER BY doc_id, item_no").pl()
    want = pl.concat([e[1] for e in entries]).sort("doc_id", maintain_order=True)
    assert got.height == rows
    assert got.equals(want)  # every value, and item_no gives each document's rows in the order read
    assert q(db, "SELECT count(*), count(DISTINCT doc_id) FROM checks") == [(sum(e[2].height for e in entries), 1100)]
    assert q(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == [(1100,)]


def test_item_no_numbers_each_documents_items_from_one(tmp_path):
    p = process(render(draw(9), "text-markdown")[0].encode(), "sample://9")
    assert p.items["item_no"].to_list() == list(range(1, p.items.height + 1))
    pages = p.items["page"].to_list()
    assert pages == sorted(pages)  # reading order: a text source's lines come in order


def test_an_older_warehouse_gains_the_ordinal_columns(tmp_path):
    db = tmp_path / "old.duckdb"
    old = duckdb.connect(str(db))
    old.execute("""CREATE TABLE line_items (doc_id VARCHAR, table_code VARCHAR, function_code VARCHAR,
        economic_code VARCHAR, row_label VARCHAR, level VARCHAR, measure VARCHAR, amount_yuan DECIMAL(20,2),
        unit VARCHAR, amount_raw VARCHAR, page INTEGER, table_title VARCHAR, bbox DOUBLE[])""")  # the contract's
    old.execute("INSERT INTO line_items (doc_id, measure, amount_yuan) VALUES ('d', 'total', 1.00)")
    old.execute("""CREATE TABLE performance_indicators (doc_id VARCHAR, report_no INTEGER, level1 VARCHAR,
        level2 VARCHAR, indicator VARCHAR, target VARCHAR, actual VARCHAR, weight DECIMAL(6,2),
        score DECIMAL(6,2), page INTEGER)""")
    old.close()
    connect(db).close()
    cols = {r[0] for r in q(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'line_items'")}
    assert {"item_no", "confidence", "method"} <= cols
    assert q(db, "SELECT doc_id, item_no FROM line_items") == [("d", None)]
    assert q(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'indicator_no'") == [(1,)]
