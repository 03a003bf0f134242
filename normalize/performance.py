"""Raw 绩效自评 reports -> typed report and indicator records, amounts in yuan, and their checks."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extractors.performance import Labels, RawReport

from .amounts import AmountError, parse_amount, to_yuan
from .model import Finding
from .reference import performance_labels

_AMOUNT = re.compile(r"^\s*([-\d,]+(?:\.\d+)?)\s*(万元|万|元)?\s*$")
_SCORE = re.compile(r"^\s*([\d.]+)\s*分?\s*$")


@dataclass(frozen=True, slots=True)
class PerformanceReport:
    report_no: int
    scope: str
    project_name: str | None
    unit: str | None
    budget_yuan: Decimal | None
    executed_yuan: Decimal | None
    score: Decimal | None
    page: int


@dataclass(frozen=True, slots=True)
class PerformanceIndicator:
    report_no: int
    level1: str | None
    level2: str | None
    indicator: str
    target: str | None
    actual: str | None
    weight: Decimal | None
    score: Decimal | None
    page: int


def labels() -> Labels:
    return Labels(performance_labels())


def money(raw: str | None, report_unit: str | None, default_unit: str | None) -> Decimal | None:
    """`6万`, `127.85万`, `60,000` under a (元) header, `3.65` in a document printed in 万元."""
    if not raw:
        return None
    m = _AMOUNT.match(raw)
    if not m:
        return None
    unit = {"万": "万元"}.get(m.group(2), m.group(2)) or report_unit or default_unit
    if unit is None:
        return None
    try:  # the tables' strict parser and exact scaling: a figure is never rounded to fit
        value = parse_amount(m.group(1))
        return None if value is None else to_yuan(value, unit)
    except AmountError:
        return None


def _unitless(raw: str | None) -> bool:
    m = _AMOUNT.match(raw or "")
    return bool(m) and m.group(2) is None


def number(raw: str | None) -> Decimal | None:
    m = _SCORE.match(raw or "")
    try:
        return Decimal(m.group(1)) if m else None
    except InvalidOperation:
        return None


def normalize_reports(raws: list[RawReport], default_unit: str | None) -> tuple[
        list[PerformanceReport], list[PerformanceIndicator], list[Finding]]:
    reports, indicators, findings = [], [], []
    for no, raw in enumerate(raws, start=1):
        f = {k: v for k, (v, _) in raw.fields.items()}
        unit = f.get("unit")
        if unit is None and raw.scope == "department":  # 沁阳市…管委会整体支出绩效自评表: the title names it
            unit = re.sub(r"(部门)?整体支出绩效自评(表|报告)$", "", raw.title) or None
        report = PerformanceReport(
            no, raw.scope, f.get("project_name") if raw.scope == "project" else None, unit,
            money(f.get("budget"), raw.money_unit, default_unit), money(f.get("executed"), raw.money_unit, default_unit),
            number(f.get("score")), raw.line)
        reports.append(report)
        assumed = [k for k in ("budget", "executed") if _unitless(f.get(k)) and not raw.money_unit]
        if assumed and default_unit and any(getattr(report, f"{k}_yuan") is not None for k in assumed):
            # the report prints no unit for these: the document's tables' unit is taken, and said so
            findings.append(Finding("performance.unit_from_document", None, f"report {no}", None, None, True,
                                    f"report {no}: {' and '.join(assumed)} printed without a unit "
                                    f"({', '.join(f.get(k) for k in assumed)}); read in {default_unit}, "
                                    f"the unit of the document's tables"))
        inds = [PerformanceIndicator(no, i.level1, i.level2, i.indicator, i.target, i.actual, number(i.weight),
                                     number(i.score), i.line) for i in raw.indicators]
        indicators += inds
        findings += report_checks(report, inds, number(f.get("budget_score")), number(f.get("execution_rate")))
    return reports, indicators, findings


def report_checks(r: PerformanceReport, inds: list[PerformanceIndicator], budget_score: Decimal | None,
                  rate: Decimal | None) -> list[Finding]:
    out = []
    scored = [i.score for i in inds if i.score is not None]
    if r.score is not None and scored:
        total = sum(scored, Decimal(0)) + (budget_score or 0)
        what = "Σ indicator scores" + (" + budget-execution score" if budget_score else "")
        out.append(Finding("performance.score_total", None, f"report {r.report_no}", total, r.score,
                           total == r.score, f"report {r.report_no} score: printed {r.score}, {what} {total}"))
    if rate is not None and r.budget_yuan:
        computed = (r.executed_yuan or 0) / r.budget_yuan * 100
        ok = abs(computed - rate) <= Decimal("0.5")  # a rate is printed rounded
        out.append(Finding("performance.execution_rate", None, f"report {r.report_no}", computed.quantize(Decimal("0.01")),
                           rate, ok, f"report {r.report_no} 执行率: printed {rate}%, 执行数/预算数 {computed:.2f}%"))
    return out
