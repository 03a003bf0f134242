"""绩效自评 reports: seeds read by hand, checks, and generated reports round-tripping in two layouts."""
from decimal import Decimal

import polars as pl
import pytest

from extractors.performance import find_reports
from flows.pipeline import process
from flows.samples.performance import draw_report, render_form, render_markdown
from normalize.performance import labels, normalize_reports
from tests.conftest import seed_path


@pytest.fixture(scope="module")
def seeds():
    return {s: process(seed_path(s).read_bytes(), "seed") for s in ("000", "002", "003", "004")}


def report(p, no):
    return p.reports.filter(pl.col("report_no") == no).row(0, named=True)


def indicator(p, no, name):
    df = p.indicators.filter((pl.col("report_no") == no) & (pl.col("indicator") == name))
    assert df.height == 1
    return df.row(0, named=True)


def test_000_department_and_project_reports(seeds):
    p = seeds["000"]
    assert p.reports.height == 4 and list(p.reports["scope"]) == ["department", "project", "project", "project"]
    r = report(p, 1)
    assert (r["unit"], r["budget_yuan"], r["executed_yuan"], r["score"], r["page"], r["project_name"]) == (
        "沁阳市产业集聚区管委会", Decimal("45294300.00"), Decimal("15669800.00"), Decimal("94.00"), 475, None)
    i = indicator(p, 1, "全年建设里程")
    assert (i["level1"], i["level2"], i["target"], i["actual"], i["page"]) == ("产出指标", "数量指标", "100%", "36%", 496)
    assert indicator(p, 1, "群众满意度")["level1"] == "满意度指标"  # blank 一级 cells repeat the row above
    r = report(p, 3)
    assert (r["project_name"], r["budget_yuan"], r["executed_yuan"], r["score"]) == (
        "河南省科学院科技成果转化基地森林植被恢复款", Decimal("1278500.00"), Decimal("1278500.00"), Decimal("95.00"))
    assert p.indicators.filter(pl.col("report_no") == 2).height == 9


def test_002_reports(seeds):
    p = seeds["002"]
    assert p.reports.height == 4
    r = report(p, 1)
    assert (r["scope"], r["budget_yuan"], r["executed_yuan"], r["score"]) == (
        "department", Decimal("1087800.00"), Decimal("850000.00"), Decimal("97.50"))
    r = report(p, 2)  # "执行数: 3.65" in one cell, no unit printed: the document's 万元
    assert (r["project_name"], r["budget_yuan"], r["executed_yuan"]) == ("政务大厅便民服务设备配置", Decimal("36500.00"), Decimal("36500.00"))
    note = p.checks.filter((pl.col("check_id") == "performance.unit_from_document") & (pl.col("subject") == "report 2"))
    assert note.height == 1 and "read in 万元" in note["message"][0]


def test_003_twenty_eight_project_reports(seeds):
    p = seeds["003"]
    assert p.reports.height == 28 and set(p.reports["scope"]) == {"project"}
    r = report(p, 1)
    assert (r["project_name"], r["budget_yuan"], r["executed_yuan"], r["score"], r["page"]) == (
        "岚县经开区驻村工作队生活补助经费", Decimal("59040.00"), Decimal("59040.00"), Decimal("100.00"), 567)
    i = indicator(p, 1, "驻村干部人数")
    assert (i["target"], i["actual"], i["weight"], i["score"], i["page"]) == ("=3人", "3", Decimal("20.00"), Decimal("20.00"), 633)
    r = report(p, 3)
    assert (r["project_name"], r["budget_yuan"], r["score"]) == ("开发区办公楼租赁费 2", Decimal("1500000.00"), Decimal("98.00"))
    assert indicator(p, 3, "年租赁费用")["score"] == Decimal("8.00")
    assert indicator(p, 3, "开发区管委会全体职工满意度")["level1"] == "满意度指标"  # after a blank line in the table
    checks = p.checks.filter(pl.col("check_id").str.starts_with("performance"))
    ok = checks.filter(pl.col("passed"))
    assert ok.filter(pl.col("subject") == "report 1").height == 2  # score total and 执行率 hold
    # two reports print rows shifted by a merged cell; the score check shows what was read does not add up
    assert set(checks.filter(~pl.col("passed"))["subject"]) == {"report 26", "report 28"}


def test_004_form_is_ok(seeds):
    p = seeds["004"]
    assert (p.record.layout, p.record.status) == ("form", "ok")
    r = report(p, 1)
    assert (r["scope"], r["unit"], r["budget_yuan"], r["executed_yuan"], r["score"]) == (
        "department", "产业融合发展服务中心", Decimal("297600.00"), Decimal("149000.00"), Decimal("90.00"))
    assert p.indicators.height == 26 and p.indicators["score"].sum() == Decimal("90")
    i = indicator(p, 1, "在职人员控制率")
    assert (i["level1"], i["level2"], i["weight"], i["score"]) == ("投入", "预算配置", Decimal("4.00"), Decimal("4.00"))
    assert indicator(p, 1, "社会效益")["actual"] is None  # its 说明 cell is empty
    assert p.checks.filter(pl.col("check_id") == "performance.score_total")["passed"].to_list() == [True]


@pytest.mark.parametrize("render,budget_part", [(render_form, 0), (render_markdown, 10)], ids=["tab-form", "markdown"])
@pytest.mark.parametrize("seed", range(5))
def test_generated_reports_round_trip(seed, render, budget_part):
    sample = draw_report(seed, budget_part=budget_part)
    text = render(sample)
    reports, indicators, findings = normalize_reports(find_reports(text.split("\n"), labels()), "万元")
    (r,) = reports
    want = sample.report
    assert (r.scope, r.project_name, r.unit, r.budget_yuan, r.executed_yuan, r.score) == (
        want.scope, want.project_name, want.unit, want.budget_yuan, want.executed_yuan, want.score)
    got = [(i.level1, i.level2, i.indicator, i.target, i.actual, i.weight, i.score) for i in indicators]
    assert got == [(i.level1, i.level2, i.indicator, i.target, i.actual, i.weight, i.score) for i in sample.indicators]
    assert all(f.passed for f in findings) and findings
