"""Tolerance for OCR's look-alike glyphs in titles, headers and labels; figures stay as read."""
from decimal import Decimal

import pytest

from extractors.model import Cell, RawTable, Row
from normalize.confidence import confidence_checks
from normalize.headers import measure_for
from normalize.model import LineItem
from normalize.ocr_text import mend, mend_code, mend_table
from normalize.titles import match_title


@pytest.mark.parametrize("read,meant", [
    ("本年收人合计", "本年收入合计"), ("财政援款收入", "财政拨款收入"), ("年来结转和结余", "年末结转和结余"),
    ("收人支岀决算总表", "收入支出决算总表"), ("—、一般公共服务支出", "一、一般公共服务支出"),
    ("人员经费", "人员经费"), ("对个人和家庭的补助", "对个人和家庭的补助"), ("社区矫正", "社区矫正"),
])
def test_known_words_read_with_a_known_confusion_are_mended(read, meant):
    assert mend(read) == meant


def test_titles_and_headers_match_after_mending():
    assert match_title("收人决算表") is None
    assert match_title(mend("2024年度收人决算表")).table_code == "income"
    assert measure_for("income", [mend("财政援款收入")]) == "fiscal_appropriation"


@pytest.mark.parametrize("read,meant", [
    ("208Q5行政事业单位养老支出", "20805行政事业单位养老支出"), ("Q5", "05"), ("01.", "01"), ("2O1", "201"),
    ("20601.科学技术管理事务", "20601科学技术管理事务"), ("OK", "OK"), ("1.", "1."), ("12.50", "12.50"),
])
def test_codes_lose_look_alike_letters_and_specks(read, meant):
    assert mend_code(read, code_column=True) == meant


@pytest.mark.parametrize("read", ["12.", "O1", "2O1", "123.4"])
def test_outside_code_columns_only_a_code_before_a_name_is_mended(read):
    assert mend_code(read) == read  # in an amount column "12." is a misread figure: it stays one
    assert mend_code("2O1" + "一般公共服务支出") == "201一般公共服务支出"


def test_amount_cells_are_never_mended():
    cells = [Cell("2O1", 4), Cell("事业收人", 4), Cell("12.", 4), Cell("1O.00", 4), Cell("事业收人", 4)]
    table = RawTable(Cell("收人决算表", 4), "万元", [["科目编码", "科目名称", "财政援款", "合计", "备注"]],
                     [Row(cells, 4)], 5, "ocr-ruled")
    mended = mend_table(table)
    assert [c.text for c in mended.rows[0].cells] == ["201", "事业收入", "12.", "1O.00", "事业收入"]
    assert mended.title.text == "收入决算表" and mended.header == [["科目编码", "科目名称", "财政拨款", "合计", "备注"]]


def item(confidence):
    return LineItem("income", "2010101", None, "行政运行", "item", "total", Decimal("1234500.00"), "万元",
                    "123.45", 4, "收入决算表", (1, 2, 3, 4), confidence, "ocr-ruled")


def test_unsure_amounts_are_loaded_and_named_by_a_failed_check():
    found = confidence_checks([item(0.99), item(0.62), item(None)], threshold=0.9)
    assert len(found) == 1
    f = found[0]
    assert (f.check_id, f.passed, f.table_code, f.subject, f.actual) == (
        "ocr.low_confidence", False, "income", "2010101/total", Decimal("1234500.00"))
    assert "'123.45'" in f.message and "page 4" in f.message and "0.62" in f.message
