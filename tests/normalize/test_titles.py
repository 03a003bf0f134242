import pytest

from normalize.titles import match_title


@pytest.mark.parametrize("title,code,kind", [
    ("收入支出决算总表", "summary", "final"),
    ("一、收入支出决算总表\t2", "summary", "final"),
    ("财政拨款收入支出决算总表", "fiscal_summary", "final"),
    ("2026年部门财务收支预算总表", "summary", "budget"),
    ("2026年部门收入预算总表", "income", "budget"),
    ("收入决算表（公开02表）", "income", "final"),
    ("支出决算表", "expenditure", "final"),
    ("一般公共预算财政拨款支出决算表", "gpb_expenditure", "final"),
    ("2026年部门一般公共预算支出功能分类预算表", "gpb_expenditure", "budget"),
    ("一般公共预算财政拨款基本支出决算明细表", "gpb_basic", "final"),
    ("2026年部门一般公共预算基本支出部门预算经济分类预算表", "gpb_basic", "budget"),
    ("七、财政拨款“三公”经费支出决算表", "three_public", "final"),
    ('一般公共预算财政拨款"三公"经费支出决算表', "three_public", "final"),
    ("2026年部门“三公”经费和机关运行经费预算表", "three_public", "budget"),
    ("政府性基金预算财政拨款收入支出决算表", "gov_fund", "final"),
    ("国有资本经营预算财政拨款支出决算表", "soe_capital", "final"),
    ("部门决算公开相关信息统计表", "disclosure_stats", "final"),
    ("沁阳市政务服务和大数据管理局2020年度一般公共预算财政拨款支出决算表", "gpb_expenditure", "final"),
])
def test_known_titles(title, code, kind):
    m = match_title(title)
    assert m is not None and (m.table_code, m.report_kind) == (code, kind)


@pytest.mark.parametrize("title", ["项目支出决算表", "整体支出绩效自评表", "政府采购预算表", "公开02表", "说明"])
def test_other_tables_are_not_mistaken(title):
    assert match_title(title) is None
