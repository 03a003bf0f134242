"""Synthetic 绩效自评 reports with known figures, rendered as a tab-table form (项目支出绩效自评表)
and as a markdown analysis report (项目支出绩效自评分析报告)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from normalize.performance import PerformanceIndicator, PerformanceReport

INDICATORS = [("产出指标", "数量指标", "完成项目数量", "≥{n}个"), ("产出指标", "质量指标", "验收合格率", "=100%"),
              ("产出指标", "时效指标", "按期完成率", "≥95%"), ("效益指标", "社会效益", "服务群众满意", "显著"),
              ("满意度指标", "服务对象满意度", "群众满意度", "≥90%")]


@dataclass(frozen=True, slots=True)
class SampleReport:
    report: PerformanceReport
    indicators: list[PerformanceIndicator]


def draw_report(seed: int, no: int = 1, budget_part: int = 10) -> SampleReport:
    """`budget_part`: points the report gives its budget execution (the markdown layout prints them in
    the budget table; the tab form has no such cell, so its total is the indicators' alone)."""
    rng = random.Random(seed)
    budget = Decimal(rng.randint(10_000, 900_000))
    executed = budget - Decimal(rng.randint(0, 5_000))
    weights = [20, 20, 20, 20, 10]
    inds = []
    for (l1, l2, name, target), w in zip(INDICATORS, weights, strict=True):
        score = Decimal(w - rng.choice((0, 0, 1, 2)))
        inds.append(PerformanceIndicator(no, l1, l2, f"{name}{seed}", target.format(n=rng.randint(2, 9)),
                                         str(rng.randint(90, 100)), Decimal(w), score, 0))
    total = sum((i.score for i in inds), Decimal(0)) + budget_part
    report = PerformanceReport(no, "project", f"第{seed}号示范项目", "某县某某局", budget, executed, total, 0)
    return SampleReport(report, inds)


def render_form(s: SampleReport) -> str:
    """The 000/002 style: a tab table headed 项目支出绩效自评表, amounts in 万元 with a 万 suffix."""
    r = s.report
    wan = lambda v: f"{v / 10000:.4f}".rstrip("0").rstrip(".") + "万"  # noqa: E731
    rows = [["项目名称", r.project_name, "", "", ""], ["主管部门", r.unit, "", "实施单位", ""],
            ["项目预算执行情况", "预算数：", wan(r.budget_yuan), "执行数：", wan(r.executed_yuan)],
            ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值", "分值", "得分"]]
    last1 = None
    for i in s.indicators:
        rows.append(["", "" if i.level1 == last1 else i.level1, i.level2, i.indicator, i.target, i.actual,
                     str(i.weight), str(i.score)])
        last1 = i.level1
    rows.append(["得分", f"{r.score}分"])
    return "\n".join(["项目支出绩效自评表", "（2023年度）", ""] + ["\t".join(row) for row in rows]) + "\n"


def render_markdown(s: SampleReport) -> str:
    """The 003 style: an analysis report, budget table in 元, indicator table with weights and scores."""
    r = s.report
    rate = (r.executed_yuan / r.budget_yuan * 100).quantize(Decimal("0.01"))
    lines = ["## 项目支出绩效自评分析报告", "", f"项目名称：{r.project_name}", "", f"主管部门：{r.unit}", "",
             "### (一) 预算执行情况", "",
             "资金来源\t年初预算数\t\t全年预算数 (元)\t全年执行数(元)\t执行率\t得分",
             "\t目标申报(元)\t预算编制(元)\t\t\t\t",
             f"合计\t{r.budget_yuan:,}\t{r.budget_yuan:,}\t{r.budget_yuan:,}\t{r.executed_yuan:,}\t{rate}\t"
             f"{r.score - sum(i.score for i in s.indicators)}", "",
             "## (二) 绩效指标完成情况", "",
             "一级指标\t二级指标\t指标名称\t年度指标\t\t实际完成值\t权重\t得分",
             "\t\t\t年初指标\t调整后指标\t\t\t"]
    last1 = None
    for i in s.indicators:
        lines.append("\t".join(["" if i.level1 == last1 else i.level1, i.level2, i.indicator, "", i.target, i.actual,
                                str(i.weight), str(i.score)]))
        last1 = i.level1
    lines += ["", "### 三、项目自评结果", "", f"最终评分结果：总得分 {r.score} 分。"]
    return "\n".join(lines) + "\n"
