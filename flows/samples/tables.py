"""Figures -> the standard 决算 tables as neutral specs (header, rows of cells), each amount carrying
the line item it must come back as.  The layout renderers only decide how to print them."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from normalize.amounts import UNIT_FACTORS
from normalize.reference import function_class_names

from .figures import Figures

ZERO = Decimal("0.00")
_NUM = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Truth:
    table_code: str
    function_code: str | None
    economic_code: str | None
    row_label: str | None
    measure: str
    amount_yuan: Decimal


@dataclass(frozen=True, slots=True)
class Amount:
    value: Decimal  # in the table's unit
    truth: Truth


Cell = str | Amount | None


@dataclass(slots=True)
class TableSpec:
    table_code: str
    title: str
    header: list[list[str]]
    colnos: list[str]
    rows: list[list[Cell]]
    shape: str  # coded, two_sided, grouped, plain


def chinese_number(n: int) -> str:
    if n <= 10:
        return _NUM[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUM[tens - 1]) + "十" + (_NUM[ones - 1] if ones else "")


def build_tables(f: Figures) -> list[TableSpec]:
    items = _item_measures(f)
    class_names = {}
    for name, code in function_class_names().items():
        class_names.setdefault(code, name)
    classes = sorted({c[:3] for c in items})
    tb = _Builder(f)
    return [
        tb.summary(items, classes, class_names),
        tb.coded("income", "收入决算表", ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
                 ["total", "fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliate_remittance", "other"],
                 {c: {"total": v["total"], "fiscal_appropriation": v["total"]} for c, v in items.items()}),
        tb.coded("expenditure", "支出决算表", ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
                 ["total", "basic", "project", "remit_to_superior", "operating", "subsidy_to_affiliates"],
                 {c: {"total": v["total"], "basic": v["basic"], "project": v["project"]} for c, v in items.items()}),
        tb.fiscal_summary(items, classes, class_names),
        tb.coded("gpb_expenditure", "一般公共预算财政拨款支出决算表", ["小计", "基本支出", "项目支出"], ["total", "basic", "project"],
                 {c: {"total": b + p, "basic": b, "project": p} for c, (b, p) in f.gpb.items()}, group="本年支出"),
        tb.gpb_basic(),
        tb.three_public(),
        tb.gov_fund(),
    ]


def _item_measures(f: Figures) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    for code, (b, p) in f.gpb.items():
        out[code] = {"basic": b, "project": p, "total": b + p, "gpb": b + p, "gov": ZERO}
    for code, g in f.gov_fund.items():
        out[code] = {"basic": ZERO, "project": g, "total": g, "gpb": ZERO, "gov": g}
    return out


def _tree(values: dict[str, dict[str, Decimal]]) -> list[tuple[str, dict[str, Decimal]]]:
    """Items plus their sections and classes, in printed order; parents sum their children."""
    agg: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for code, ms in values.items():
        for parent in (code[:3], code[:5], code):
            for m, v in ms.items():
                agg[parent][m] += v
    return [(c, dict(agg[c])) for c in sorted(agg)]


class _Builder:
    def __init__(self, f: Figures) -> None:
        self.f = f
        self.scale = UNIT_FACTORS[f.unit]

    def amt(self, table: str, value: Decimal, measure: str, code: str | None = None, econ: str | None = None,
            label: str | None = None) -> Amount:
        return Amount(value, Truth(table, code, econ, None if code or econ else label, measure,
                                   (value * self.scale).quantize(Decimal("0.01"))))

    def coded(self, table: str, title: str, heads: list[str], measures: list[str],
              values: dict[str, dict[str, Decimal]], group: str | None = None) -> TableSpec:
        if group:
            header = [["项目", "", group] + [""] * (len(heads) - 1), ["功能分类科目编码", "科目名称"] + heads]
        else:
            header = [["项目", ""] + heads, ["功能分类科目编码", "科目名称"] + [""] * len(heads)]
        tree = _tree(values)
        total = {m: sum((v.get(m, ZERO) for c, v in tree if len(c) == 3), ZERO) for m in measures}
        rows: list[list[Cell]] = [["合计", ""] + [self.amt(table, total[m], m, label="合计") for m in measures]] if tree else \
            [["合计", ""] + [None] * len(measures)]
        for code, ms in tree:
            rows.append([code, self.f.names.get(code, "其他支出")] +
                        [self.amt(table, ms.get(m, ZERO), m, code=code) for m in measures])
        return TableSpec(table, title, header, ["栏次", ""] + [str(i) for i in range(1, len(heads) + 1)], rows, "coded")

    def summary(self, items, classes, class_names) -> TableSpec:
        t = "summary"
        gpb = sum((v["gpb"] for v in items.values()), ZERO)
        gov = sum((v["gov"] for v in items.values()), ZERO)
        inc_total = gpb + gov
        grand = inc_total + self.f.opening
        left = [("一、一般公共预算财政拨款收入", "income_general_public_budget", gpb),
                ("二、政府性基金预算财政拨款收入", "income_gov_fund", gov),
                ("三、国有资本经营预算财政拨款收入", "income_soe_capital", ZERO),
                ("四、上级补助收入", "income_superior_subsidy", ZERO), ("五、事业收入", "income_business", ZERO),
                ("六、经营收入", "income_operating", ZERO), ("七、附属单位上缴收入", "income_affiliate_remittance", ZERO),
                ("八、其他收入", "income_other", ZERO)]
        right = [(f"{chinese_number(i + 1)}、{class_names[c]}", c, sum((v["total"] for k, v in items.items() if k[:3] == c), ZERO))
                 for i, c in enumerate(classes)]
        n = max(len(left), len(right))
        rows: list[list[Cell]] = []
        for i in range(n):
            lc: list[Cell] = [left[i][0], str(i + 1), self.amt(t, left[i][2], left[i][1], label=left[i][0])] if i < len(left) \
                else ["", str(i + 1), None]
            rc: list[Cell] = [right[i][0], str(n + i + 1), self.amt(t, right[i][2], "expenditure", code=right[i][1])] \
                if i < len(right) else ["", str(n + i + 1), None]
            rows.append(lc + rc)
        foot = [("本年收入合计", "income_total", inc_total, "本年支出合计", "expenditure_total", inc_total),
                ("使用非财政拨款结余", "use_of_non_fiscal_balance", ZERO, "结余分配", "balance_distribution", ZERO),
                ("年初结转和结余", "opening_balance", self.f.opening, "年末结转和结余", "closing_balance", self.f.opening),
                ("总计", "income_grand_total", grand, "总计", "expenditure_grand_total", grand)]
        for k, (ll, lm, lv, rl, rm, rv) in enumerate(foot):
            rows.append([ll, str(n + k + 1), self.amt(t, lv, lm, label=ll), rl, str(2 * n + k + 1), self.amt(t, rv, rm, label=rl)])
        header = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"]]
        return TableSpec(t, "收入支出决算总表", header, ["栏次", "", "1", "栏次", "", "2"], rows, "two_sided")

    def fiscal_summary(self, items, classes, class_names) -> TableSpec:
        t = "fiscal_summary"
        gpb = sum((v["gpb"] for v in items.values()), ZERO)
        gov = sum((v["gov"] for v in items.values()), ZERO)
        cols = ("total", "general_public_budget", "gov_fund", "soe_capital")
        left = [("一、一般公共预算财政拨款", "income_general_public_budget", gpb),
                ("二、政府性基金预算财政拨款", "income_gov_fund", gov),
                ("三、国有资本经营预算财政拨款", "income_soe_capital", ZERO)]
        right = []
        for i, c in enumerate(classes):
            g = sum((v["gpb"] for k, v in items.items() if k[:3] == c), ZERO)
            gf = sum((v["gov"] for k, v in items.items() if k[:3] == c), ZERO)
            right.append((f"{chinese_number(i + 1)}、{class_names[c]}", c, (g + gf, g, gf, ZERO)))
        n = max(len(left), len(right))
        rows: list[list[Cell]] = []
        for i in range(n):
            lc: list[Cell] = [left[i][0], str(i + 1), self.amt(t, left[i][2], left[i][1], label=left[i][0])] if i < len(left) \
                else ["", str(i + 1), None]
            if i < len(right):
                label, code, vals = right[i]
                rc: list[Cell] = [label, str(n + i + 1)] + [self.amt(t, v, m, code=code) for v, m in zip(vals, cols)]
            else:
                rc = ["", str(n + i + 1), None, None, None, None]
            rows.append(lc + rc)
        total = (gpb + gov, gpb, gov, ZERO)
        op = self.f.opening
        closing = (op, op, ZERO, ZERO)
        grand = tuple(a + b for a, b in zip(total, closing))
        foot = [("本年收入合计", "income_total", gpb + gov, "本年支出合计", total),
                ("年初财政拨款结转和结余", "opening_balance", op, "年末财政拨款结转和结余", closing),
                ("一般公共预算财政拨款", "opening_balance_general_public_budget", op, "", None),
                ("政府性基金预算财政拨款", "opening_balance_gov_fund", ZERO, "", None),
                ("国有资本经营预算财政拨款", "opening_balance_soe_capital", ZERO, "", None),
                ("总计", "income_grand_total", gpb + gov + op, "总计", grand)]
        for k, (ll, lm, lv, rl, rv) in enumerate(foot):
            rc = [self.amt(t, v, m, label=rl) for v, m in zip(rv, cols)] if rv else [None] * 4
            rows.append([ll, str(n + k + 1), self.amt(t, lv, lm, label=ll), rl, str(n + len(foot) + n + k + 1)] + rc)
        header = [["收入", "", "", "支出", "", "", "", "", ""],
                  ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]]
        return TableSpec(t, "财政拨款收入支出决算总表", header, ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"], rows, "two_sided")

    def gpb_basic(self) -> TableSpec:
        t = "gpb_basic"
        f = self.f
        groups = [("301", "303"), ("302",), ("307", "310", "399")]
        cols: list[list[Cell]] = []
        sums = {}
        for g in groups:
            lines: list[list[Cell]] = []
            for cls in g:
                kids = {c: v for c, v in f.economic.items() if c.startswith(cls)}
                sums[cls] = sum(kids.values(), ZERO)
                lines.append([cls, f.names[cls], self.amt(t, sums[cls], "amount", econ=cls)])
                lines += [[c, f.names[c], self.amt(t, v, "amount", econ=c)] for c, v in sorted(kids.items())]
            cols.append(lines)
        n = max(len(c) for c in cols)
        rows = [sum((c[i] if i < len(c) else ["", "", None] for c in cols), []) for i in range(n)]
        personnel = sums["301"] + sums["303"]
        public = sums["302"] + sums["307"] + sums["310"] + sums["399"]
        rows.append(["人员经费合计", "", self.amt(t, personnel, "amount", label="人员经费合计"),
                     "公用经费合计", "", self.amt(t, public, "amount", label="公用经费合计"), "", "", None])
        header = [["人员经费", "", "", "公用经费", "", "", "", "", ""], ["科目编码", "科目名称", "决算数"] * 3]
        return TableSpec(t, "一般公共预算财政拨款基本支出决算表", header, [], rows, "grouped")

    def three_public(self) -> TableSpec:
        t = "three_public"
        order = ["total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"]
        measures = [f"{side}_{m}" for side in ("budget", "actual") for m in order]
        head1 = ["预算数"] + [""] * 5 + ["决算数"] + [""] * 5
        head2 = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"] * 2
        head3 = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""] * 2
        row: list[Cell] = [self.amt(t, self.f.three_public[m], m) for m in measures]
        return TableSpec(t, "一般公共预算财政拨款“三公”经费支出决算表", [head1, head2, head3],
                         [str(i) for i in range(1, 13)], [row], "plain")

    def gov_fund(self) -> TableSpec:
        measures = ["opening_balance", "income", "expenditure_total", "basic", "project", "closing_balance"]
        values = {c: {"income": g, "expenditure_total": g, "project": g} for c, g in self.f.gov_fund.items()}
        spec = self.coded("gov_fund", "政府性基金预算财政拨款收入支出决算表", [], measures, values)
        spec.header = [["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
                       ["功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""]]
        spec.colnos = ["栏次", ""] + [str(i) for i in range(1, 7)]
        return spec



def misprint(table: str, measure: str, delta: Decimal, key: str | None = None) -> Callable[[list[TableSpec]], None]:
    """A tamper for render(): print one cell `delta` off (in the table's unit), the truth following it."""

    def apply(specs: list[TableSpec]) -> None:
        spec = next(s for s in specs if s.table_code == table)
        for row in spec.rows:
            for i, cell in enumerate(row):
                t = cell.truth if isinstance(cell, Amount) else None
                if t and t.measure == measure and key in (None, t.function_code, t.economic_code, t.row_label):
                    scale = t.amount_yuan / cell.value if cell.value else None
                    value = cell.value + delta
                    yuan = (value * scale).quantize(Decimal("0.01")) if scale else None
                    row[i] = Amount(value, Truth(t.table_code, t.function_code, t.economic_code, t.row_label, t.measure,
                                                 yuan if yuan is not None else _yuan_of(spec, t, value)))
                    return
        raise LookupError(f"no {table}/{measure}/{key} cell to misprint")

    return apply


def _yuan_of(spec: TableSpec, t: Truth, value: Decimal) -> Decimal:
    # a zero cell has no ratio to go by: find the unit from any non-zero cell of the table
    for row in spec.rows:
        for c in row:
            if isinstance(c, Amount) and c.value:
                return (value * c.truth.amount_yuan / c.value).quantize(Decimal("0.01"))
    raise LookupError("table has no non-zero cell")
