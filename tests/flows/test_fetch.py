"""Fetching over HTTP from a loopback server: errors, retries, timeouts, versions, manifests, schedule."""
import time

import pytest
from typer.testing import CliRunner
from werkzeug import Response

from flows.cli import app
from flows.ingest import ingest_flow
from flows.samples.figures import draw
from flows.samples.render import render
from flows.samples.render_pdf import PdfStyle, render_pdf
from flows.schedule import nightly_deployment
from tests.fixtures.queries import failure_lines, q

pytestmark = pytest.mark.usefixtures("prefect_harness")


def sample(seed: int, layout: str = "text-tsv") -> bytes:
    return render(draw(seed), layout)[0].encode("utf-8")


def run(urls, db):
    return {o.source.rsplit("/", 1)[-1]: o for o in ingest_flow(urls, str(db))}


def test_http_cases(httpserver, tmp_path, monkeypatch):
    monkeypatch.setenv("CNBUDGET_HTTP_TIMEOUT", "0.5")
    pdf = render_pdf(draw(2), PdfStyle())[0]
    httpserver.expect_request("/ok.txt").respond_with_data(sample(1), content_type="text/plain")
    httpserver.expect_request("/ok.pdf").respond_with_data(pdf, content_type="application/pdf")
    httpserver.expect_request("/gone.txt").respond_with_data("not here", status=404)
    httpserver.expect_oneshot_request("/flaky.txt").respond_with_data("busy", status=500)  # first answer only
    httpserver.expect_request("/flaky.txt").respond_with_data(sample(3))
    httpserver.expect_request("/slow.txt").respond_with_handler(lambda r: (time.sleep(1.5), Response(sample(4)))[1])
    data = sample(5)
    # a body cut short: the header promises every byte, the stream stops half-way
    httpserver.expect_request("/cut.txt").respond_with_handler(
        lambda r: Response(iter([data[: len(data) // 2]]), headers={"Content-Length": str(len(data))}))
    httpserver.expect_request("/error.pdf").respond_with_data("<html><body>维护中</body></html>", content_type="text/html")
    httpserver.expect_request("/moved.txt").respond_with_data("", status=302, headers={"Location": httpserver.url_for("/ok.txt")})
    names = ["ok.txt", "ok.pdf", "gone.txt", "flaky.txt", "slow.txt", "cut.txt", "error.pdf", "moved.txt"]
    db = tmp_path / "w.duckdb"
    out = run([httpserver.url_for("/" + n) for n in names], db)
    assert {n: o.status for n, o in out.items()} == {
        "ok.txt": "ok", "ok.pdf": "ok", "gone.txt": "failed", "flaky.txt": "ok", "slow.txt": "failed",
        "cut.txt": "failed", "error.pdf": "failed", "moved.txt": "ok"}
    assert out["gone.txt"].error == "HTTP 404"
    assert out["slow.txt"].error.startswith("timed out")
    assert out["cut.txt"].error.startswith("truncated body")
    assert "not a PDF although named so: the content is text/html" in out["error.pdf"].error
    rows = dict(q(db, """SELECT regexp_extract(source_url, '[^/]+$'), count(l.doc_id) FROM documents d
                         LEFT JOIN line_items l USING (doc_id) GROUP BY 1"""))
    assert rows["ok.pdf"] > 300 and rows["flaky.txt"] > 300 and rows["gone.txt"] == 0 and rows["cut.txt"] == 0
    # the redirect served the same bytes as ok.txt: one document (by content), whichever URL came last
    assert out["moved.txt"].doc_id == out["ok.txt"].doc_id
    assert q(db, "SELECT count(*) FROM documents WHERE doc_id = ?", out["ok.txt"].doc_id) == [(1,)]
    assert len([r for r in httpserver.log if r[0].path == "/flaky.txt"]) == 2  # retried once


def test_unchanged_file_is_not_refetched_or_reloaded(httpserver, tmp_path):
    body = sample(6)
    seen = []

    def handler(request):
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(body, headers={"ETag": '"v1"'})

    httpserver.expect_request("/dept.txt").respond_with_handler(handler)
    db = tmp_path / "w.duckdb"
    first = run([httpserver.url_for("/dept.txt")], db)["dept.txt"]
    before = q(db, "SELECT fetched_at, (SELECT count(*) FROM line_items) FROM documents")
    second = run([httpserver.url_for("/dept.txt")], db)["dept.txt"]
    assert first.status == "ok" and second.status == "unchanged" and second.doc_id == first.doc_id
    assert seen == [None, '"v1"']  # the second request was conditional and got no body
    assert q(db, "SELECT fetched_at, (SELECT count(*) FROM line_items) FROM documents") == before


def test_changed_file_supersedes_the_old_version(httpserver, tmp_path):
    f = draw(8)
    v1 = render(f, "text-tsv")[0].encode()
    f.three_public["budget_reception"] += 1  # republished with a correction: same department, year, kind
    v2 = render(f, "text-tsv")[0].encode()
    db = tmp_path / "w.duckdb"
    httpserver.expect_oneshot_request("/d.txt").respond_with_data(v1)
    old = run([httpserver.url_for("/d.txt")], db)["d.txt"]
    httpserver.expect_oneshot_request("/d.txt").respond_with_data(v2)
    new = run([httpserver.url_for("/d.txt")], db)["d.txt"]
    assert old.doc_id != new.doc_id
    docs = dict(q(db, "SELECT doc_id, superseded_by FROM documents"))
    assert docs == {old.doc_id: new.doc_id, new.doc_id: None}
    assert q(db, "SELECT doc_id FROM current_documents") == [(new.doc_id,)]
    assert q(db, "SELECT count(DISTINCT doc_id) FROM current_line_items") == [(1,)]
    assert q(db, "SELECT count(DISTINCT doc_id) FROM line_items") == [(2,)]  # history stays


def test_manifest_of_twenty_with_three_failing(httpserver, tmp_path):
    lines = ["url,province,fiscal_year"]
    for i in range(17):
        httpserver.expect_request(f"/d{i}.txt").respond_with_data(sample(100 + i))
        lines.append(f"{httpserver.url_for(f'/d{i}.txt')},测试省,{2030 + i % 2}")
    httpserver.expect_request("/missing.txt").respond_with_data("", status=404)
    lines += [httpserver.url_for("/missing.txt"), str(tmp_path / "nowhere.txt"), (tmp_path / "empty.txt").as_uri()]
    (tmp_path / "empty.txt").write_bytes(b"")
    manifest = tmp_path / "sources.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["ingest", "--sources", str(manifest), "--db", str(db)])
    assert result.exit_code == 1
    failure_lines(result.stderr, "missing.txt: HTTP 404", "nowhere.txt: No such file or directory",
                  "empty.txt: empty file")
    assert q(db, "SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 1") == [("failed", 3), ("ok", 17)]
    # manifest columns override what detection found
    assert q(db, "SELECT DISTINCT province FROM documents WHERE status = 'ok'") == [("测试省",)]
    assert sorted(q(db, "SELECT DISTINCT fiscal_year FROM documents WHERE status = 'ok'")) == [(2030,), (2031,)]


def test_bad_manifest_is_a_usage_error(tmp_path):
    bad = tmp_path / "m.csv"
    bad.write_text("link\nhttp://x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--sources", str(bad), "--db", str(tmp_path / "w.duckdb")],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 2 and "no `url` column" in result.output


def test_nightly_deployment_schedule(tmp_path):
    dep = nightly_deployment(str(tmp_path / "m.csv"), str(tmp_path / "w.duckdb"))
    (sched,) = dep.schedules
    assert (sched.schedule.cron, sched.schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")
    assert dep.parameters["manifest"].endswith("m.csv") and dep.name == "nightly"
    assert dep.apply()  # registers with the (test) Prefect server without running it
