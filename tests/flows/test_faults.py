"""Reliability: a killed ingest, a concurrent one, and hostile input, each judged by what remains."""
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import doc_id_of, process
from flows.samples.corpus import write_corpus
from tests.conftest import ROOT, cli_env
from tests.fixtures import broken_pdfs
from tests.fixtures.queries import failure_lines, q

pytestmark = pytest.mark.usefixtures("prefect_harness")
runner = CliRunner()


def expected_counts(paths: list[Path]) -> dict[str, int]:
    out = {}
    for p in paths:
        data = p.read_bytes()
        out[doc_id_of(data)] = process(data, p.as_uri()).items.height
    return out


def test_sigkill_mid_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    paths = write_corpus(tmp_path / "in", 24)
    expected = expected_counts(paths)
    db = tmp_path / "w.duckdb"
    cmd = [sys.executable, "-c", "from flows.cli import main; main()", "ingest", str(tmp_path / "in"), "--db", str(db)]
    env = dict(cli_env(), CNBUDGET_LOAD_BATCH_ROWS="1")  # commit document by document, so the kill lands between
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = 0
    deadline = time.time() + 120
    while seen < 6 and time.time() < deadline:  # kill while documents are being loaded
        line = proc.stderr.readline()
        seen += "items=" in line
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert seen == 6
    loaded = dict(q(db, "SELECT d.doc_id, count(l.doc_id) FROM documents d LEFT JOIN line_items l USING (doc_id) GROUP BY 1"))
    assert len(loaded) < len(expected)  # killed before the end
    assert all(loaded[d] == expected[d] for d in loaded)  # every committed document is whole
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    after = dict(q(db, "SELECT d.doc_id, count(l.doc_id) FROM documents d LEFT JOIN line_items l USING (doc_id) GROUP BY 1"))
    assert after == expected
    assert q(db, "SELECT count(*) FROM line_items") == [(sum(expected.values()),)]


def test_concurrent_ingest_and_sql_get_a_clear_line(tmp_path):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        write_corpus(tmp_path / "in", 1)
        result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
        assert result.exit_code == 1
        assert result.stderr.strip().startswith("cnbudget: ") and "being written by another process" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        result = runner.invoke(app, ["sql", "SELECT 1", "--db", str(db)])
        assert result.exit_code == 1 and "being written by an ingest" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert result.exit_code == 0 and q(db, "SELECT status FROM documents") == [("ok",)]


HOSTILE_TSV = "\n".join([
    "一般公共预算财政拨款支出决算表", "金额单位：万元",
    "科目编码\t科目名称\t小计\t基本支出\t项目支出",
    "201\t一般公共服务支出\t１２．５０\t(2.50)\t15.00",
    "20101\t人大事务\t12.50\t-2.50\t15.00",
    "2010101\t行政运行\t12.50\t－2.50\t15.00",
    "合计\t\t1e30\t--\t－",
])
EMPTY_TABLE = "\n".join(["支出决算表", "金额单位：万元", "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出",
                         "栏次\t\t1\t2\t3", "合计\t\t\t\t", "\t\t\t\t", "\t\t\t\t", "\t\t\t\t"])


def test_hostile_inputs_each_fail_alone_or_load_correctly(tmp_path):
    from tests.fixtures.excerpts import FLOW_SUMMARY

    src = tmp_path / "in"
    src.mkdir()
    real = next((ROOT.parent / "shared" / "corpus" / "real-pdf").glob("*.pdf")).read_bytes()
    files = {
        "zero.txt": b"",
        "garbage.bin": os.urandom(50_000),
        "truncated.pdf": real[:4000],
        "pages500.pdf": broken_pdfs.pages(500),
        "encrypted.pdf": broken_pdfs.encrypted(),
        "bomb.pdf": broken_pdfs.bomb(),
        "gbk.txt": FLOW_SUMMARY.encode("gb18030"),
        "bom.txt": b"\xef\xbb\xbf" + FLOW_SUMMARY.encode("utf-8"),
        "empty-table.txt": EMPTY_TABLE.encode(),
        "numbers.txt": HOSTILE_TSV.encode(),
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert result.exit_code == 1
    status = {name: s for name, s in q(db, "SELECT regexp_extract(source_url, '[^/]+$'), status || ': ' || coalesce(error, '') FROM documents")}
    assert status["zero.txt"] == "failed: empty file"
    assert status["garbage.bin"] == "failed: binary content, not text"
    assert status["truncated.pdf"].startswith("failed: ")
    assert status["pages500.pdf"] == "partial: no budget or final-account table found (layout pdf-ruled)"
    assert status["encrypted.pdf"] == "failed: encrypted PDF (a password is required)"
    assert status["bomb.pdf"].startswith("failed: PDF stream") and "compression bomb" in status["bomb.pdf"]
    assert status["gbk.txt"] == status["bom.txt"] == "ok: "
    assert status["empty-table.txt"] == "ok: "
    assert status["numbers.txt"] == "ok: "
    per_doc = Counter(dict(q(db, """SELECT regexp_extract(d.source_url, '[^/]+$'), count(l.doc_id) FROM documents d
                                    LEFT JOIN line_items l USING (doc_id) GROUP BY 1""")))
    assert per_doc["gbk.txt"] == per_doc["bom.txt"] == 7 and per_doc["empty-table.txt"] == 0
    nums = dict(q(db, """SELECT coalesce(function_code, row_label) || '/' || measure, amount_yuan::VARCHAR FROM line_items l
                         JOIN documents d USING (doc_id) WHERE d.source_url LIKE '%numbers.txt'"""))
    assert nums == {"201/total": "125000.00", "201/basic": "-25000.00", "201/project": "150000.00",
                    "20101/total": "125000.00", "20101/basic": "-25000.00", "20101/project": "150000.00",
                    "2010101/total": "125000.00", "2010101/basic": "-25000.00", "2010101/project": "150000.00"}
    refused = q(db, """SELECT message FROM checks c JOIN documents d USING (doc_id)
                       WHERE d.source_url LIKE '%numbers.txt' AND check_id = 'extract.amount'""")
    assert refused == [("not an amount: '1e30'; not loaded",)]
    lines = failure_lines(result.stderr)
    assert len(lines) == 5 and all("\n" not in line for line in lines)
