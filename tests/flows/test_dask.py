"""The same flow on a local two-worker Dask cluster: same figures as the in-process run."""
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.samples.corpus import write_corpus
from tests.fixtures.queries import q

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_two_worker_dask_cluster_loads_what_threads_load(tmp_path):
    write_corpus(tmp_path / "in", 6)
    runner = CliRunner()
    dask_db, thread_db = tmp_path / "dask.duckdb", tmp_path / "threads.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--workers", "2", "--db", str(dask_db)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(thread_db)]).exit_code == 0
    sql = "SELECT doc_id, table_code, measure, coalesce(function_code, economic_code, row_label), amount_yuan FROM line_items ORDER BY ALL"
    assert q(dask_db, sql) == q(thread_db, sql) and len(q(dask_db, sql)) > 1000
    assert q(dask_db, "SELECT status, count(*) FROM documents GROUP BY 1") == [("ok", 6)]


def test_no_op_rerun_skips_loaded_files(tmp_path):
    write_corpus(tmp_path / "in", 4)
    runner = CliRunner()
    db = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)]).exit_code == 0
    before = q(db, "SELECT doc_id, fetched_at FROM documents ORDER BY 1")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and result.stdout.count("unchanged") == 4
    assert q(db, "SELECT doc_id, fetched_at FROM documents ORDER BY 1") == before
