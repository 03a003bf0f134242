"""Reference codes and the analyst views over current documents."""
from decimal import Decimal

from flows.pipeline import process
from tests.fixtures.queries import q
from warehouse.load import connect, load_document

FINAL = "\n".join(["沁阳市科学技术局部门决算", "支出决算表", "部门：沁阳市科学技术局", "2021年度", "金额单位：万元",
                   "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出",
                   "合计\t\t90.00\t30.00\t60.00", "206\t科学技术支出\t90.00\t30.00\t60.00",
                   "20604\t技术研究与开发\t90.00\t30.00\t60.00", "2060499\t其他技术研究与开发支出\t90.00\t30.00\t60.00"])
BUDGET = "\n".join(["沁阳市科学技术局部门预算", "支出预算总表", "部门：沁阳市科学技术局", "2021年度", "金额单位：万元",
                    "科目编码\t科目名称\t合计\t基本支出\t项目支出",
                    "合计\t\t120.00\t40.00\t80.00", "206\t科学技术支出\t120.00\t40.00\t80.00",
                    "20604\t技术研究与开发\t120.00\t40.00\t80.00", "2060499\t其他技术研究与开发支出\t120.00\t40.00\t80.00"])


def test_views(tmp_path):
    db = tmp_path / "w.duckdb"
    con = connect(db)
    for name, text in (("final", FINAL), ("budget", BUDGET)):
        p = process(text.encode(), f"sample://{name}")
        load_document(con, p.record, p.items, p.checks)
    con.close()
    assert q(db, "SELECT name FROM function_codes WHERE code = '20604' ORDER BY from_year NULLS FIRST") == [
        ("技术与开发",), ("技术研究与开发",)]
    assert q(db, "SELECT report_kind, fiscal_year, region_code FROM current_documents ORDER BY 1") == [
        ("budget", 2021, "410882"), ("final", 2021, "410882")]
    # the 2021 name applies to a 2021 document
    assert q(db, "SELECT DISTINCT code_name FROM current_line_items WHERE function_code = '20604'") == [("技术研究与开发",)]
    rows = q(db, "SELECT function_code, budget_yuan, final_yuan, execution_rate FROM budget_vs_final ORDER BY 1")
    assert rows == [("206", Decimal("1200000.00"), Decimal("900000.00"), Decimal("0.7500")),
                    ("20604", Decimal("1200000.00"), Decimal("900000.00"), Decimal("0.7500")),
                    ("2060499", Decimal("1200000.00"), Decimal("900000.00"), Decimal("0.7500"))]
    assert q(db, """SELECT departments, amount_yuan FROM function_by_region
                    WHERE function_code = '2060499' AND report_kind = 'final'""") == [(1, Decimal("900000.00"))]
    assert q(db, "SELECT count(*) FROM department_spending WHERE department = '沁阳市科学技术局'") == [(18,)]
