"""Export read back with DuckDB, polars and pyarrow, row for row; refusals; atomic replacement."""
import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import process
from flows.samples.figures import draw
from flows.samples.render import render
from warehouse.export import MARKER
from warehouse.load import connect, load_document

runner = CliRunner()
KEY = ["doc_id", "table_code", "function_code", "economic_code", "row_label", "measure", "page", "amount_raw"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("wh") / "w.duckdb"
    con = connect(path)
    for seed in range(4):
        p = process(render(draw(seed), "text-tsv")[0].encode(), f"sample://{seed}")
        load_document(con, p.record, p.items, p.checks)
    con.close()
    return path


def test_parquet_export_reads_back_row_for_row(db, tmp_path):
    out = tmp_path / "export"
    result = runner.invoke(app, ["export", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    want = con.sql("SELECT * FROM line_items").pl().sort(KEY)
    docs = con.sql("SELECT * FROM documents").pl()
    con.close()
    by_polars = pl.read_parquet(out / "line_items" / "**" / "*.parquet", hive_partitioning=True)
    assert by_polars.height == want.height
    assert by_polars.select(want.columns).sort(KEY).equals(want)
    by_duckdb = duckdb.sql(f"SELECT * FROM read_parquet('{out}/line_items/**/*.parquet', hive_partitioning=true)").pl()
    assert by_duckdb.select(want.columns).sort(KEY).equals(want)
    by_arrow = pl.from_arrow(ds.dataset(out / "line_items", format="parquet", partitioning="hive").to_table())
    assert by_arrow.height == want.height and set(by_arrow["doc_id"]) == set(want["doc_id"])
    assert sorted(p.name for p in (out / "line_items").iterdir())[0].startswith("fiscal_year=")
    got_docs = pl.read_parquet(out / "documents" / "**" / "*.parquet", hive_partitioning=True)
    assert got_docs.select(docs.columns).sort("doc_id").equals(docs.sort("doc_id"))
    assert (out / MARKER).exists()
    empty = pl.read_parquet(out / "performance_reports" / "*.parquet")
    assert empty.height == 0 and "report_no" in empty.columns


def test_csv_export_and_replacement(db, tmp_path):
    out = tmp_path / "export"
    assert runner.invoke(app, ["export", "--out", str(out), "--db", str(db)]).exit_code == 0
    stale = out / "line_items" / "stale.parquet"
    stale.write_bytes(b"left over")
    result = runner.invoke(app, ["export", "--out", str(out), "--format", "csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert not stale.exists()  # replaced whole, never merged into
    n = duckdb.sql(f"SELECT count(*) FROM read_csv('{out}/line_items/**/*.csv', hive_partitioning=true)").fetchall()[0][0]
    assert n == duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM line_items").fetchone()[0]


def test_export_refuses_to_overwrite_what_is_not_an_export(db, tmp_path):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.tex").write_text("...", encoding="utf-8")
    result = runner.invoke(app, ["export", "--out", str(precious), "--db", str(db)])
    assert result.exit_code == 1
    assert "is not a previous cnbudget export; refusing" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert [p.name for p in precious.iterdir()] == ["chapter1.tex"]
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep", encoding="utf-8")
    assert runner.invoke(app, ["export", "--out", str(a_file), "--db", str(db)]).exit_code == 1
    assert a_file.read_text(encoding="utf-8") == "keep"
