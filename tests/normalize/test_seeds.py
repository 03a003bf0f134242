"""The four text seeds, end to end without Prefect: counts per table, and cells read from the sources."""
from decimal import Decimal

import polars as pl
import pytest

from flows.pipeline import process
from tests.conftest import seed_path
from tests.fixtures.queries import cell


@pytest.fixture(scope="module")
def seeds():
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        path = seed_path(prefix)
        out[prefix] = (process(path.read_bytes(), path.as_uri()), path.read_text(encoding="utf-8").split("\n"))
    return out


def counts(p):
    return dict(p.items.group_by("table_code").len().iter_rows())


EXPECTED_COUNTS = {
    "000": {"summary": 42, "income": 126, "expenditure": 120, "fiscal_summary": 125, "gpb_expenditure": 60,
            "gpb_basic": 82, "three_public": 12},
    "001": {"summary": 10, "income": 36, "expenditure": 37, "fiscal_summary": 17, "gpb_expenditure": 37,
            "gpb_basic": 23},
    "002": {"summary": 42, "income": 98, "expenditure": 72, "fiscal_summary": 125, "gpb_expenditure": 42,
            "gpb_basic": 82, "three_public": 12},
    "003": {"summary": 15, "income": 60, "expenditure": 63, "fiscal_summary": 24, "gpb_expenditure": 51,
            "gpb_basic": 19, "three_public": 6, "gov_fund": 21, "disclosure_stats": 4},
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_COUNTS))
def test_line_items_per_table(seeds, prefix):
    assert counts(seeds[prefix][0]) == EXPECTED_COUNTS[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED_COUNTS))
def test_every_amount_stands_on_its_line(seeds, prefix):
    """Provenance: the raw characters of each amount are on the line `page` points to."""
    p, lines = seeds[prefix]
    for r in p.items.iter_rows(named=True):
        assert r["amount_raw"] in lines[r["page"] - 1], r
        assert r["bbox"] is None


def test_000_cells(seeds):
    p, _ = seeds["000"]
    assert p.record.layout == "text-tsv" and p.record.status == "ok"
    r = cell(p, "income", "total", label="合计")
    assert (r["amount_yuan"], r["amount_raw"], r["unit"], r["level"]) == (Decimal("16362100.00"), "1,636.21", "万元", "total")
    assert cell(p, "summary", "income_general_public_budget", label="一、一般公共预算财政拨款收入")["amount_yuan"] == Decimal("16362100.00")
    assert cell(p, "summary", "expenditure_total", label="本年支出合计")["amount_yuan"] == Decimal("16342700.00")
    assert cell(p, "summary", "opening_balance", label="年初结转和结余")["amount_yuan"] == Decimal("300900.00")
    r = cell(p, "summary", "expenditure", code="206")
    assert (r["amount_yuan"], r["level"]) == (Decimal("9538400.00"), "class")
    assert cell(p, "summary", "expenditure", code="202")["amount_yuan"] == Decimal("0.00")  # printed 0.00
    r = cell(p, "expenditure", "basic", code="2011350")
    assert (r["amount_yuan"], r["level"], r["row_label"]) == (Decimal("3058900.00"), "item", "事业运行")
    assert cell(p, "expenditure", "project", code="2011399")["amount_yuan"] == Decimal("2445600.00")
    assert cell(p, "expenditure", "remit_to_superior", label="合计")["amount_yuan"] == Decimal("0.00")
    r = cell(p, "gpb_expenditure", "total", code="20604")
    assert (r["amount_yuan"], r["level"], r["row_label"]) == (Decimal("8000000.00"), "section", "技术与开发")
    assert cell(p, "fiscal_summary", "general_public_budget", code="201")["amount_yuan"] == Decimal("6449800.00")
    assert cell(p, "fiscal_summary", "gov_fund", code="201")["amount_yuan"] == Decimal("0.00")
    r = cell(p, "gpb_basic", "amount", economic="30101")
    assert (r["amount_yuan"], r["function_code"], r["level"]) == (Decimal("874700.00"), None, "section")
    assert cell(p, "gpb_basic", "amount", economic="302")["amount_yuan"] == Decimal("1366700.00")
    # 公用经费合计 is printed in a column of its own, right of where its label's group ends
    assert cell(p, "gpb_basic", "amount", label="公用经费合计")["amount_yuan"] == Decimal("1366700.00")
    assert cell(p, "gpb_basic", "amount", label="人员经费合计")["amount_yuan"] == Decimal("2988700.00")
    assert cell(p, "three_public", "budget_total")["amount_yuan"] == Decimal("150000.00")
    assert cell(p, "three_public", "budget_vehicle_operation")["amount_yuan"] == Decimal("150000.00")
    assert cell(p, "three_public", "budget_vehicle_purchase")["amount_yuan"] == Decimal("0.00")
    assert cell(p, "three_public", "actual_reception")["amount_yuan"] == Decimal("0.00")


def test_000_metadata(seeds):
    r = seeds["000"][0].record
    assert (r.department, r.fiscal_year, r.report_kind) == ("沁阳市产业集聚区管委会", 2020, "final")
    assert (r.province, r.city, r.county, r.region_code) == ("河南省", "焦作市", "沁阳市", "410882")


def test_001_flow_columns_placed_by_arithmetic(seeds):
    p, _ = seeds["001"]
    assert p.record.layout == "text-flow"
    # 合计 418.81 113.39 305.42 in a six-column table: placed by the 一般公共预算 table's totals
    assert cell(p, "expenditure", "basic", label="合计")["amount_yuan"] == Decimal("1133900.00")
    assert cell(p, "expenditure", "project", label="合计")["amount_yuan"] == Decimal("3054200.00")
    assert cell(p, "expenditure", "project", code="2150517")["amount_yuan"] == Decimal("3054200.00")
    assert cell(p, "expenditure", "basic", code="2010350")["amount_yuan"] == Decimal("725000.00")
    assert p.items.filter((pl.col("table_code") == "expenditure") & (pl.col("function_code") == "2010350")
                          & (pl.col("measure") == "project")).height == 0  # printed empty: no row
    # income: the summary says all income is 财政拨款, so every second amount is fiscal_appropriation
    r = cell(p, "income", "fiscal_appropriation", code="2080505")
    assert (r["amount_yuan"], r["row_label"], r["page"]) == (Decimal("66700.00"), "机关事业单位基本养老保险缴费支出", 139)
    # amounts glued to the next label: "1 418.81一、一般公共服务支出 32 96.98"
    assert cell(p, "summary", "income_general_public_budget", label="一、一般公共预算财政拨款收入")["amount_raw"] == "418.81"
    assert cell(p, "summary", "expenditure", code="201")["amount_yuan"] == Decimal("969800.00")
    assert cell(p, "fiscal_summary", "general_public_budget", code="215")["amount_yuan"] == Decimal("3054200.00")
    assert cell(p, "gpb_basic", "amount", economic="30216")["amount_yuan"] == Decimal("1000.00")
    assert cell(p, "gpb_basic", "amount", label="公用经费合计")["amount_yuan"] == Decimal("102100.00")


def test_001_ambiguous_three_public_is_recorded_not_guessed(seeds):
    p, _ = seeds["001"]
    assert "three_public" not in counts(p)
    assert p.record.status == "partial"
    amb = p.checks.filter(pl.col("check_id") == "extract.ambiguous_columns")
    assert amb.height == 1 and "4.00, 4.00, 3.00, 1.00" in amb["message"][0]
    assert not amb["passed"][0]


def test_001_metadata(seeds):
    r = seeds["001"][0].record
    assert (r.department, r.fiscal_year, r.report_kind, r.region_code) == (
        "焦作经济技术产业集聚区管理委员会", 2022, "final", "410800")


def test_002_cells(seeds):
    p, _ = seeds["002"]
    assert p.record.layout == "text-markdown"
    assert cell(p, "income", "total", code="2010306")["amount_yuan"] == Decimal("1757400.00")
    assert cell(p, "expenditure", "total", code="2010306")["amount_yuan"] == Decimal("1769900.00")
    assert cell(p, "summary", "income_general_public_budget", label="一、一般公共预算财政拨款收入")["amount_yuan"] == Decimal("1995200.00")
    assert cell(p, "gpb_basic", "amount", economic="30226")["amount_yuan"] == Decimal("428300.00")
    assert cell(p, "gpb_basic", "amount", label="公用经费合计")["amount_yuan"] == Decimal("748400.00")
    assert cell(p, "three_public", "budget_reception")["amount_yuan"] == Decimal("3000.00")
    assert cell(p, "three_public", "budget_total")["amount_yuan"] == Decimal("3000.00")


def test_003_cells(seeds):
    p, _ = seeds["003"]
    assert p.record.layout == "text-markdown"
    assert (p.record.department, p.record.region_code, p.record.fiscal_year) == ("岚县经济技术开发区管理委员会", "141127", 2024)
    assert cell(p, "gov_fund", "income", label="合计")["amount_yuan"] == Decimal("147654700.00")
    assert cell(p, "gov_fund", "project", code="2290402")["amount_yuan"] == Decimal("119654700.00")
    assert cell(p, "summary", "expenditure", code="229")["amount_yuan"] == Decimal("119654700.00")
    r = cell(p, "gpb_basic", "amount", economic="303")  # printed "1. 41"
    assert (r["amount_yuan"], r["amount_raw"]) == (Decimal("14100.00"), "1. 41")
    assert cell(p, "gpb_basic", "amount", label="公用经费合计")["amount_yuan"] == Decimal("203300.00")
    assert cell(p, "three_public", "actual_vehicle_total")["amount_yuan"] == Decimal("49000.00")
    assert p.items.filter((pl.col("table_code") == "three_public") & (pl.col("measure") == "actual_overseas")).height == 0
    assert cell(p, "disclosure_stats", "amount", label="合计")["amount_yuan"] == Decimal("4911300.00")
    assert cell(p, "income", "total", code="2011350")["amount_yuan"] == Decimal("3225400.00")


def test_003_merged_total_label_does_not_shift_amounts(seeds):
    """`合计 | 24556.69 | 446.23 | 24110.46`: the label spans code and name; amounts keep their columns."""
    p, _ = seeds["003"]
    assert cell(p, "expenditure", "total", label="合计")["amount_yuan"] == Decimal("245566900.00")
    assert cell(p, "expenditure", "basic", label="合计")["amount_yuan"] == Decimal("4462300.00")
    assert cell(p, "expenditure", "project", label="合计")["amount_yuan"] == Decimal("241104600.00")


def test_004_performance_form_has_no_budget_tables_but_loads_its_report(seeds):
    p, _ = seeds["004"]
    assert (p.record.layout, p.record.status, p.items.height, p.reports.height) == ("form", "ok", 0, 1)
