"""The Prefect flow and the CLI over it, on one session-scoped temporary Prefect server."""
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.samples.corpus import write_corpus
from tests.conftest import ROOT, SEEDS, SHARED, cli_env
from tests.fixtures.queries import failure_lines
from tests.fixtures.queries import q as rows

pytestmark = pytest.mark.usefixtures("prefect_harness")
runner = CliRunner()


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory, prefect_harness):
    db = tmp_path_factory.mktemp("wh") / "seeds.duckdb"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_seeds_load_with_statuses(seeded_db):
    docs = dict(rows(seeded_db, "SELECT substr(source_url, -24, 3), status FROM documents"))
    assert docs == {"000": "ok", "001": "partial", "002": "ok", "003": "ok", "004": "ok"}
    reports = dict(rows(seeded_db, """SELECT substr(d.source_url, -24, 3), count(*) FROM performance_reports r
                                      JOIN documents d USING (doc_id) GROUP BY 1"""))
    assert reports == {"000": 4, "002": 4, "003": 28, "004": 1}
    per_doc = dict(rows(seeded_db, """SELECT substr(d.source_url, -24, 3), count(l.doc_id) FROM documents d
                                       LEFT JOIN line_items l USING (doc_id) GROUP BY 1"""))
    assert per_doc == {"000": 567, "001": 160, "002": 473, "003": 263, "004": 0}


def test_second_ingest_changes_no_counts(seeded_db):
    before = rows(seeded_db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM line_items), "
                             "(SELECT count(*) FROM checks)")
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(seeded_db)])
    assert result.exit_code == 0, result.output
    after = rows(seeded_db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM line_items), "
                            "(SELECT count(*) FROM checks)")
    assert before == after and after[0][1] == 1463


def test_warehouse_meets_the_contract(seeded_db):
    proc = subprocess.run([sys.executable, str(SHARED / "tools" / "check_contract.py"), str(seeded_db)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    assert "contract: 0 errors" in proc.stdout


def test_bad_files_fail_alone_with_one_line_each(tmp_path):
    src = tmp_path / "in"
    write_corpus(src, 2)
    (src / "empty.txt").write_bytes(b"")
    (src / "garbage.bin").write_bytes(bytes(range(256)) * 40)
    (src / "prose.txt").write_text("本文件只有说明文字，没有任何表格。\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert result.exit_code == 1
    failure_lines(result.stderr, "empty.txt: empty file", "garbage.bin: binary content", "prose.txt: unknown layout")
    status = dict(rows(db, "SELECT regexp_extract(source_url, '[^/]+$'), status FROM documents"))
    assert status["empty.txt"] == status["garbage.bin"] == status["prose.txt"] == "failed"
    assert sorted(v for k, v in status.items() if k.startswith("sample")) == ["ok", "ok"]
    assert rows(db, "SELECT count(*) FROM line_items l JOIN documents d USING (doc_id) WHERE d.status = 'ok'")[0][0] > 100


def test_missing_source_is_a_failed_document(tmp_path):
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert result.exit_code == 1 and "nope.txt: No such file or directory" in result.stderr
    assert rows(db, "SELECT status FROM documents") == [("failed",)]


def test_no_source_is_a_usage_error():
    assert runner.invoke(app, ["ingest"]).exit_code == 2


def test_sql_formats_and_read_only(seeded_db):
    q = "SELECT fiscal_year, count(*) AS n FROM documents WHERE status <> 'failed' GROUP BY 1 ORDER BY 1"
    result = runner.invoke(app, ["sql", q, "--db", str(seeded_db), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"fiscal_year": 2020, "n": 3}, {"fiscal_year": 2022, "n": 1},
                                         {"fiscal_year": 2024, "n": 1}]
    result = runner.invoke(app, ["sql", q, "--db", str(seeded_db), "--format", "csv"])
    assert result.stdout.splitlines()[0] == "fiscal_year,n"
    for bad in ("DELETE FROM line_items", "CREATE TABLE x (a INT)", f"COPY documents TO '{seeded_db}.csv'",
                "SELECT * FROM read_csv('/etc/passwd')", "ATTACH ':memory:' AS m", "INSTALL httpfs"):
        result = runner.invoke(app, ["sql", bad, "--db", str(seeded_db)])
        assert result.exit_code == 1, bad
        assert result.stderr.startswith("cnbudget sql:") and len(result.stderr.strip().splitlines()) == 1
    assert rows(seeded_db, "SELECT count(*) FROM line_items")[0][0] == 1463


def test_checks_command_lists_the_ambiguity(seeded_db):
    result = runner.invoke(app, ["checks", "--failed", "--db", str(seeded_db)], env={"COLUMNS": "300"})
    assert result.exit_code == 0 and "extract.ambiguous_colu" in result.stdout


def test_readme_commands_are_the_ones_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = next(line for line in ci.splitlines() if "pytest" in line).strip()
    assert test_cmd in readme


def test_scanned_pages_are_read_in_the_flow_with_progress_per_page(tmp_path):
    from flows.samples.figures import draw
    from flows.samples.render_pdf import PdfStyle, render_pdf
    from flows.samples.render_scan import ScanStyle, scan_pdf

    data, _ = render_pdf(draw(5), PdfStyle(rows_per_page=8))
    (tmp_path / "mixed.pdf").write_bytes(scan_pdf(data, ScanStyle(pages=frozenset({2, 3})), seed=5))
    db = tmp_path / "w.duckdb"
    # a real process, as on a terminal: it hears of each scanned page as it is done (in any order)
    proc = subprocess.run([sys.executable, "-c", "from flows.cli import main; main()", "ingest",
                           str(tmp_path / "mixed.pdf"), "--db", str(db)], cwd=ROOT, env=cli_env(),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<jemalloc>" not in proc.stderr  # the allocator setting `main` makes is one jemalloc accepts
    pages = [line.split("OCR page ")[1].split(":")[0] for line in proc.stderr.splitlines() if "OCR page" in line]
    assert sorted(pages) == ["2", "3"]
    methods = dict(rows(db, "SELECT page, min(method) FROM line_items WHERE page IN (2, 3, 4) GROUP BY 1"))
    assert methods == {2: "ocr-ruled", 3: "ocr-ruled", 4: "words-ruled"}


def test_the_cli_sets_the_allocator_before_polars_loads_and_keeps_a_users_setting(tmp_path):
    from flows.samples.figures import draw
    from flows.samples.render import render

    (tmp_path / "a.txt").write_text(render(draw(2), "text-tsv")[0], encoding="utf-8")
    env = dict(cli_env(), _RJEM_MALLOC_CONF="bogus:1")
    code = "import sys; from flows import cli; assert 'polars' not in sys.modules; cli.main()"
    proc = subprocess.run([sys.executable, "-c", code, "ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "w.duckdb")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # jemalloc read the user's value when polars first allocated: what main sets reaches it the same way
    assert "Invalid conf pair: bogus:1" in proc.stderr
    assert rows(tmp_path / "w.duckdb", "SELECT count(*) > 100 FROM line_items") == [(True,)]
