from normalize.headers import fill_spans, measure_for, spot_measures


def test_merged_header_cells_carry_right_under_their_parent():
    rows = fill_spans([["预算数", "", "", "决算数", "", ""],
                       ["合计", "公务用车购置及运行费", "", "合计", "公务用车购置及运行费", ""],
                       ["", "小计", "公务用车购置费", "", "小计", "公务用车运行费"]])
    assert rows[0] == ["预算数"] * 3 + ["决算数"] * 3
    assert rows[1][2] == "公务用车购置及运行费" and rows[1][5] == "公务用车购置及运行费"


def test_three_public_measures_from_the_header_path():
    assert measure_for("three_public", ["预算数", "公务用车购置及运行费", "小计"]) == "budget_vehicle_total"
    assert measure_for("three_public", ["决算数", "公务用车购置及运行费", "公务用车运行维护费"]) == "actual_vehicle_operation"
    assert measure_for("three_public", ["决算数", "因公出国(境)费"]) == "actual_overseas"
    assert measure_for("three_public", ["“三公”经费预算数", "合计"]) == "budget_total"
    assert measure_for("three_public", ["机关运行经费预算数"]) == "budget_agency_operation"
    assert measure_for("gpb_basic", ["人员经费", "决算数"]) == "amount"
    assert measure_for("gpb_basic", ["一般公共预算基本支出", "人员经费"]) == "personnel"


def test_flow_headers_are_spotted_in_order():
    text = "项目本年支出合计基本支出项目支出上缴上级支出经营支出对附属单位补助支出功能分类科目编码科目名称"
    assert spot_measures("expenditure", text) == ["total", "basic", "project", "remit_to_superior", "operating",
                                                  "subsidy_to_affiliates"]
