"""Accounting identities a disclosure's tables imply, as data: used to place amounts whose column
the source lost (text-flow) and, in the checks, to test every document."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RowIdentity:
    """Within one row: total = Σ parts (a part prefixed with '-' is subtracted)."""

    check_id: str
    total: str
    parts: tuple[str, ...]


_THREE = {
    p: (RowIdentity(f"three_public.{p}_total", f"{p}_total", (f"{p}_overseas", f"{p}_vehicle_total", f"{p}_reception")),
        RowIdentity(f"three_public.{p}_vehicle", f"{p}_vehicle_total", (f"{p}_vehicle_purchase", f"{p}_vehicle_operation")))
    for p in ("budget", "actual")
}

ROW_IDENTITIES: dict[str, tuple[RowIdentity, ...]] = {
    "income": (RowIdentity("income.row_total", "total", ("fiscal_appropriation", "superior_subsidy", "business",
                                                         "operating", "affiliate_remittance", "other")),),
    "expenditure": (RowIdentity("expenditure.row_total", "total", ("basic", "project", "remit_to_superior",
                                                                   "operating", "subsidy_to_affiliates")),),
    "gpb_expenditure": (RowIdentity("gpb_expenditure.row_total", "total", ("basic", "project")),),
    "soe_capital": (RowIdentity("soe_capital.row_total", "total", ("basic", "project")),),
    "gov_fund": (RowIdentity("gov_fund.row_total", "expenditure_total", ("basic", "project")),
                 RowIdentity("gov_fund.closing", "closing_balance", ("opening_balance", "income", "-expenditure_total"))),
    "fiscal_summary": (RowIdentity("fiscal_summary.row_total", "total", ("general_public_budget", "gov_fund", "soe_capital")),),
    "gpb_basic": (RowIdentity("gpb_basic.row_total", "amount", ("personnel", "public")),),
    "three_public": _THREE["budget"] + _THREE["actual"],
}

# Tables whose coded rows nest: 合计 = Σ classes, class = Σ sections, section = Σ items, per measure.
TREE_TABLES = ("income", "expenditure", "gpb_expenditure", "gov_fund", "soe_capital", "gpb_basic")
