from extractors.text_flow import extract_flow, tokenize
from tests.fixtures.excerpts import FLOW_CODED_WRAPPED, FLOW_SUMMARY


def test_amount_glued_to_the_next_label_is_split():
    toks = tokenize("一、一般公共预算财政拨款收入 1 418.81一、一般公共服务支出 32 96.98", 45)
    assert [(t.kind, t.text) for t in toks] == [
        ("txt", "一、一般公共预算财政拨款收入"), ("int", "1"), ("amt", "418.81"),
        ("txt", "一、一般公共服务支出"), ("int", "32"), ("amt", "96.98")]
    assert {t.line for t in toks} == {45}


def test_two_sided_rows_keep_each_side_in_its_columns():
    (t,) = extract_flow(FLOW_SUMMARY).tables
    first = [c.text if c else None for c in t.rows[0].cells]
    assert first == ["一、一般公共预算财政拨款收入", "1", "120.50", "一、一般公共服务支出", "9", "100.25"]
    empty_left = [c.text if c else None for c in t.rows[2].cells]
    assert empty_left == [None, "8", None, "八、住房保障支出", "11", "20.25"]
    assert t.unit == "万元" and len(t.rows) == 5


def test_wrapped_name_joins_and_short_rows_float():
    (t,) = extract_flow(FLOW_CODED_WRAPPED).tables
    by_code = {r.cells[0].text if r.cells[0] else r.cells[1].text: r for r in t.rows}
    wrapped = by_code["2080505"]
    assert wrapped.cells[1].text == "机关事业单位基本养老保险缴费支出"
    assert [c.text for c in wrapped.floating] == ["10.00", "10.00"] and wrapped.span == (2, 5)
    assert wrapped.floating[0].page == 15  # the line the amount stands on
    total = by_code["合计"]
    assert [c.text for c in total.cells[2:]] == ["30.00", "10.00", "20.00"] and not total.floating
