"""Accounting checks: consistent documents pass all; a misprinted cell fails exactly the identities over it."""
from decimal import Decimal

import polars as pl
import pytest

from flows.pipeline import process
from flows.samples.compare import diff
from flows.samples.figures import draw
from flows.samples.render import render
from flows.samples.tables import misprint
from tests.conftest import seed_path


def failed_ids(p) -> set[str]:
    """Failed accounting checks (the 绩效 report checks are tested with the reports)."""
    return {c for c in p.checks.filter(~pl.col("passed"))["check_id"] if not c.startswith("performance.")}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("layout", ["text-tsv", "text-markdown", "text-flow"])
def test_consistent_documents_pass_every_check(seed, layout):
    text, _ = render(draw(seed), layout)
    p = process(text.encode(), "sample://ok")
    assert p.checks.height > 40 and failed_ids(p) == set()


def first_item(f, table="expenditure"):
    return next(c for c in sorted(f.gpb) if f.gpb[c][0] > 0)


CASES = [
    # (table, measure, key, expected failing check_ids)
    ("expenditure", "basic", "ITEM", {"expenditure.section_vs_items", "expenditure.row_total"}),
    ("income", "total", "合计", {"income.total_vs_classes", "income.row_total", "cross.income_vs_summary_total"}),
    ("summary", "expenditure_total", "本年支出合计", {"summary.expenditure_grand_total", "summary.expenditure_classes",
                                                     "cross.summary_vs_expenditure_total"}),
    ("three_public", "actual_vehicle_purchase", None, {"three_public.actual_vehicle"}),
    ("gpb_basic", "amount", "ECON", {"gpb_basic.class_vs_items"}),
    ("gpb_expenditure", "total", "合计", {"gpb_expenditure.total_vs_classes", "gpb_expenditure.row_total",
                                         "cross.gpb_vs_fiscal_summary_total"}),
]


@pytest.mark.parametrize("table,measure,key,expected", CASES)
def test_a_misprinted_cell_fails_exactly_the_checks_over_it(table, measure, key, expected):
    f = draw(5, unit="万元")
    if key == "ITEM":
        key = first_item(f)
    elif key == "ECON":
        key = sorted(f.economic)[0]
    text, truths = render(f, "text-tsv", tamper=misprint(table, measure, Decimal("1.00"), key))
    p = process(text.encode(), "sample://misprint")
    assert failed_ids(p) == expected
    # the wrong figure is loaded as printed, never "fixed"
    missing, extra = diff(truths, p.items)
    assert not missing and not extra
    bad = p.checks.filter(~pl.col("passed"))
    assert all((r["actual"] - r["expected"]).copy_abs() == Decimal("10000.00") for r in bad.iter_rows(named=True))


def test_wan_yuan_rounding_is_tolerated_and_said():
    f = draw(5, unit="万元")
    key = first_item(f)
    text, _ = render(f, "text-tsv", tamper=misprint("expenditure", "basic", Decimal("0.01"), key))
    p = process(text.encode(), "sample://rounding")
    assert failed_ids(p) == set()
    row = p.checks.filter(pl.col("check_id") == "expenditure.row_total").row(0, named=True)
    assert "0.01 万元 per addend" in row["message"]


def test_yuan_tables_are_exact():
    f = draw(5, unit="元")
    key = first_item(f)
    text, _ = render(f, "text-tsv", tamper=misprint("expenditure", "basic", Decimal("0.01"), key))
    assert failed_ids(process(text.encode(), "sample://yuan")) == {"expenditure.section_vs_items", "expenditure.row_total"}


def test_seed_checks():
    """Every identity of the four text seeds holds (within 尾差) once the columns are right."""
    for prefix in ("000", "002", "003"):
        p = process(seed_path(prefix).read_bytes(), "seed")
        assert failed_ids(p) == set(), prefix
    p = process(seed_path("001").read_bytes(), "seed")
    assert failed_ids(p) == {"extract.ambiguous_columns"}
    ids = set(p.checks["check_id"])
    assert {"summary.grand_totals_equal", "cross.summary_vs_expenditure_total", "expenditure.total_vs_classes",
            "gpb_basic.personnel_total", "cross.gpb_basic_vs_gpb_expenditure"} <= ids
