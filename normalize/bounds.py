"""What tables already read say about a row of another table of the same document.

Used to place text-flow amounts: the department's spending of any money on a code is at least its
一般公共预算 spending on that code; the 财政拨款 summary's 一般公共预算 column equals the 一般公共预算
table's total; the income table's 合计 row repeats the summary's income lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

TOTAL = "TOTAL"  # the key of a table's 合计 row
GRAND = "GRAND"  # the key of a 总计 row
ZERO = Decimal(0)


@dataclass(slots=True)
class Facts:
    """Certain amounts of the tables normalized so far: (table_code, row key, measure) -> amount."""

    values: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)
    unsure: set[tuple[str, str]] = field(default_factory=set)  # rows with amounts left unplaced

    def get(self, table: str, key: str, measure: str) -> Decimal | None:
        return self.values.get((table, key, measure))

    def get_or_zero(self, table: str, key: str, measure: str) -> Decimal | None:
        """A table that was read but printed nothing there says zero; an unread table says nothing."""
        v = self.values.get((table, key, measure))
        if v is not None or table not in self.tables or (table, key) in self.unsure:
            return v
        return ZERO


@dataclass(frozen=True, slots=True)
class Bound:
    measure: str
    op: str  # "==", ">=" or "<="
    value: Decimal


def bounds_for(table_code: str, key: str, facts: Facts) -> list[Bound]:
    out: list[Bound] = []

    def add(measure: str, op: str, value: Decimal | None) -> None:
        if value is not None:
            out.append(Bound(measure, op, value))

    if table_code == "expenditure":
        for m in ("total", "basic", "project"):
            add(m, ">=", facts.get("gpb_expenditure", key, m))
        add("total", "==", facts.get("summary", key, "expenditure_total" if key == TOTAL else "expenditure"))
    elif table_code == "income" and key == TOTAL:
        fiscal = [facts.get_or_zero("summary", "income", f"income_{m}") for m in ("general_public_budget", "gov_fund", "soe_capital")]
        if all(v is not None for v in fiscal):
            add("fiscal_appropriation", "==", sum(fiscal, ZERO))
        for m, s in (("superior_subsidy", "superior_subsidy"), ("business", "business"), ("operating", "operating"),
                     ("affiliate_remittance", "affiliate_remittance"), ("other", "other"), ("total", "total")):
            add(m, "==", facts.get_or_zero("summary", "income", f"income_{s}"))
    elif table_code == "fiscal_summary" and (key == TOTAL or key.isdigit()):
        add("general_public_budget", "==", facts.get_or_zero("gpb_expenditure", key, "total"))
        add("gov_fund", "==", facts.get_or_zero("gov_fund", key, "expenditure_total"))
        add("soe_capital", "==", facts.get_or_zero("soe_capital", key, "total"))
    elif table_code in ("gov_fund", "soe_capital"):
        if key == TOTAL and table_code == "gov_fund":
            add("income", "==", facts.get_or_zero("summary", "income", "income_gov_fund"))
        # a fund's spending is part of the department's: at most all spending less the 一般公共预算 part
        for m, em in (("basic", "basic"), ("project", "project")):
            whole, gpb = facts.get_or_zero("expenditure", key, em), facts.get_or_zero("gpb_expenditure", key, em)
            if whole is not None and gpb is not None:
                add(m, "<=", whole - gpb)
    elif table_code == "gpb_expenditure":
        add("total", "==", facts.get("fiscal_summary", key, "general_public_budget"))
    return out


def within(values: dict[str, Decimal], bounds: list[Bound], tol: Decimal) -> bool:
    for b in bounds:
        v = values.get(b.measure, ZERO)
        if b.op == "==" and abs(v - b.value) > tol:
            return False
        if b.op == ">=" and v < b.value - tol:
            return False
        if b.op == "<=" and v > b.value + tol:
            return False
    return True
