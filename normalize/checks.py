"""Accounting identities over one document's line items; each result is a `checks` row.

Figures are never adjusted: a check compares what was printed and says so.  Tables in 万元 carry
rounding (尾差), so a sum of n addends may differ by 0.01 万元 per addend; tables in 元 must be exact.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from extractors.tokens import squash

from .amounts import tolerance_yuan
from .bounds import GRAND, TOTAL
from .identities import ROW_IDENTITIES, TREE_TABLES, RowIdentity
from .model import Finding, LineItem
from .reference import economic_groups

ZERO = Decimal(0)
FISCAL_COMPONENTS = ("income_general_public_budget", "income_gov_fund", "income_soe_capital")
SUMMARY_INCOME_LINES = ("income_general_public_budget", "income_gov_fund", "income_soe_capital",
                        "income_fiscal_appropriation", "income_superior_subsidy", "income_business",
                        "income_operating", "income_affiliate_remittance", "income_other")


@dataclass(slots=True)
class Cells:
    """One table: row key -> measure -> amount (yuan), and the unit it was printed in."""

    rows: dict[str, dict[str, Decimal]]
    unit: str

    def get(self, key: str, measure: str) -> Decimal | None:
        return self.rows.get(key, {}).get(measure)


def row_key(item: LineItem) -> str:
    if item.function_code or item.economic_code:
        return item.function_code or item.economic_code
    label = squash(item.row_label or "")
    if label.endswith("总计"):
        return GRAND
    if label in ("合计", "本年支出合计", "支出合计"):
        return TOTAL
    return label


def index(items: list[LineItem]) -> dict[str, Cells]:
    out: dict[str, Cells] = {}
    for it in items:
        t = out.setdefault(it.table_code, Cells(defaultdict(dict), it.unit))
        t.rows[row_key(it)].setdefault(it.measure, it.amount_yuan)
    return out


def run_checks(items: list[LineItem]) -> list[Finding]:
    tables = index(items)
    out: list[Finding] = []
    for code in TREE_TABLES:
        if code in tables and code != "gpb_basic":
            out += tree_checks(code, tables[code])
    for code, identities in ROW_IDENTITIES.items():
        if code in tables:
            out += row_checks(code, tables[code], identities)
    if "summary" in tables:
        out += summary_checks(tables["summary"])
    if "gpb_basic" in tables:
        out += gpb_basic_checks(tables["gpb_basic"])
    out += cross_checks(tables)
    return out


def _finding(check_id: str, table: str, subject: str, actual: Decimal | None, parts: list[Decimal | None],
             unit: str, what: str) -> Finding:
    expected = sum((p or ZERO for p in parts), ZERO)
    actual_v = actual or ZERO
    tol = tolerance_yuan(unit, len(parts))
    passed = abs(actual_v - expected) <= tol
    note = f" (tolerance {tol:,.2f} yuan: 0.01 万元 per addend)" if tol else " (元 table: exact)"
    verdict = "holds" if passed else f"differs by {actual_v - expected:,.2f}"
    return Finding(check_id, table, subject, expected, actual_v, passed,
                   f"{table} {subject}: printed {actual_v:,.2f}, {what} {expected:,.2f}; {verdict}{note}")


def tree_checks(table: str, t: Cells) -> list[Finding]:
    """合计 = Σ classes, class = Σ sections, section = Σ items, per measure."""
    out = []
    codes = [k for k in t.rows if k.isdigit()]
    parents = [(TOTAL, [c for c in codes if len(c) == 3], "total_vs_classes")]
    parents += [(c, [k for k in codes if len(k) == len(c) + 2 and k.startswith(c)],
                 "class_vs_sections" if len(c) == 3 else "section_vs_items") for c in codes if len(c) < 7]
    for parent, kids, name in parents:
        if not kids or parent not in t.rows:
            continue
        for m in sorted(set(t.rows[parent]).union(*(t.rows[k] for k in kids))):
            label = "合计" if parent == TOTAL else parent
            out.append(_finding(f"{table}.{name}", table, f"{label}/{m}", t.get(parent, m),
                                [t.get(k, m) for k in kids], t.unit, f"Σ {len(kids)} rows below"))
    return out


def row_checks(table: str, t: Cells, identities: tuple[RowIdentity, ...]) -> list[Finding]:
    out = []
    for key, values in t.rows.items():
        for ident in identities:
            names = [p.lstrip("-") for p in ident.parts]
            if ident.total not in values and not any(n in values for n in names):
                continue
            if not any(n in values for n in names):
                continue  # a row printing only its total says nothing about the split
            parts = [(-values[p[1:]] if p.startswith("-") else values[p]) if p.lstrip("-") in values else None
                     for p in ident.parts]
            subject = "合计" if key == TOTAL else key
            out.append(_finding(ident.check_id, table, f"{subject}/{ident.total}", values.get(ident.total), parts,
                                t.unit, " ± ".join(ident.parts).replace("± -", "- ")))
    return out


def summary_checks(t: Cells) -> list[Finding]:
    line = {m: v for vals in t.rows.values() for m, v in vals.items()}
    out = []

    def check(cid: str, total: str, parts: list[str], what: str) -> None:
        if total in line:
            out.append(_finding(cid, "summary", total, line[total], [line.get(p) for p in parts], t.unit, what))

    components = [m for m in FISCAL_COMPONENTS if m in line]
    if "income_fiscal_appropriation" in line and components:
        check("summary.fiscal_appropriation", "income_fiscal_appropriation", components, "Σ 一般公共预算 + 政府性基金 + 国有资本经营")
    lines = [m for m in SUMMARY_INCOME_LINES if m in line and not (m == "income_fiscal_appropriation" and components)]
    check("summary.income_total", "income_total", lines, "Σ income lines")
    classes = [k for k in t.rows if k.isdigit() and "expenditure" in t.rows[k]]
    # a budget summary may print no 本年收入合计 / 本年支出合计: its 总计 then sums the lines themselves
    income_side = ["income_total"] if "income_total" in line else lines
    check("summary.income_grand_total", "income_grand_total", income_side + ["use_of_non_fiscal_balance", "opening_balance"],
          "本年收入 + 结余 + 年初结转")
    if "expenditure_total" in line or not classes:
        check("summary.expenditure_grand_total", "expenditure_grand_total",
              ["expenditure_total", "balance_distribution", "closing_balance"], "本年支出合计 + 结余分配 + 年末结转")
    elif "expenditure_grand_total" in line:
        out.append(_finding("summary.expenditure_grand_total", "summary", "expenditure_grand_total",
                            line["expenditure_grand_total"],
                            [t.get(c, "expenditure") for c in classes] + [line.get("balance_distribution"), line.get("closing_balance")],
                            t.unit, "Σ class rows + 结余分配 + 年末结转"))
    check("summary.grand_totals_equal", "expenditure_grand_total", ["income_grand_total"], "收入总计")
    if "expenditure_total" in line and classes:
        out.append(_finding("summary.expenditure_classes", "summary", "expenditure_total", line["expenditure_total"],
                            [t.get(c, "expenditure") for c in classes], t.unit, f"Σ {len(classes)} class rows"))
    return out


def gpb_basic_checks(t: Cells) -> list[Finding]:
    out = []
    codes = [k for k in t.rows if k.isdigit()]
    for cls in (c for c in codes if len(c) == 3):
        kids = [k for k in codes if len(k) == 5 and k.startswith(cls)]
        if kids:
            out.append(_finding("gpb_basic.class_vs_items", "gpb_basic", f"{cls}/amount", t.get(cls, "amount"),
                                [t.get(k, "amount") for k in kids], t.unit, f"Σ {len(kids)} items"))
    groups = economic_groups()
    for label, group in (("人员经费合计", "personnel"), ("公用经费合计", "public")):
        classes = [c for c in codes if len(c) == 3 and groups.get(c) == group]
        if label in t.rows and classes:
            out.append(_finding(f"gpb_basic.{group}_total", "gpb_basic", f"{label}/amount", t.get(label, "amount"),
                                [t.get(c, "amount") for c in classes], t.unit, "Σ " + " + ".join(classes)))
    return out


def cross_checks(tables: dict[str, Cells]) -> list[Finding]:
    out = []

    def pair(cid: str, a: str, ak: str, am: str, b: str, bk: str, bm: str) -> None:
        va, vb = tables[a].get(ak, am) if a in tables else None, tables[b].get(bk, bm) if b in tables else None
        if va is not None and vb is not None:
            unit = "万元" if "万元" in (tables[a].unit, tables[b].unit) else "元"
            out.append(_finding(cid, a, f"{ak if ak != TOTAL else '合计'}/{am} vs {b}", va, [vb], unit, f"{b} {bm}"))

    s = tables.get("summary")
    summary_key = lambda m: next((k for k, v in s.rows.items() if m in v), "") if s else ""  # noqa: E731
    pair("cross.summary_vs_expenditure_total", "summary", summary_key("expenditure_total"), "expenditure_total",
         "expenditure", TOTAL, "total")
    pair("cross.income_vs_summary_total", "income", TOTAL, "total", "summary", summary_key("income_total"), "income_total")
    pair("cross.gpb_vs_fiscal_summary_total", "gpb_expenditure", TOTAL, "total", "fiscal_summary", TOTAL,
         "general_public_budget")
    if s and "expenditure" in tables:
        for c in sorted(k for k in s.rows if k.isdigit()):
            pair("cross.summary_class_vs_expenditure", "summary", c, "expenditure", "expenditure", c, "total")
    if "fiscal_summary" in tables:
        fs = tables["fiscal_summary"]
        for c in sorted(k for k in fs.rows if k.isdigit()):
            parts = [tables[t].get(c, m) if t in tables else None
                     for t, m in (("gpb_expenditure", "total"), ("gov_fund", "expenditure_total"), ("soe_capital", "total"))]
            if fs.get(c, "total") is not None and any(p is not None for p in parts):
                out.append(_finding("cross.fiscal_summary_class_vs_funds", "fiscal_summary", f"{c}/total", fs.get(c, "total"),
                                    parts, fs.unit, "一般公共预算 + 政府性基金 + 国有资本经营 tables"))
    if "gpb_basic" in tables and "gpb_expenditure" in tables:
        b = tables["gpb_basic"]
        totals = [b.get("人员经费合计", "amount"), b.get("公用经费合计", "amount")]
        basic = tables["gpb_expenditure"].get(TOTAL, "basic")
        if basic is not None and any(v is not None for v in totals):
            out.append(_finding("cross.gpb_basic_vs_gpb_expenditure", "gpb_basic", "人员经费合计 + 公用经费合计",
                                basic, totals, b.unit, "gpb_basic 人员 + 公用 vs gpb_expenditure 合计 basic"))
    return out
