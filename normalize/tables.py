"""One extracted table -> line items: columns to measures, rows to codes and levels, amounts to yuan,
text-flow amounts placed by the arithmetic (placement.py)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from extractors.model import Cell, RawTable, Row
from extractors.tokens import is_amount, squash

from . import codes
from .amounts import UNIT_FACTORS, AmountError, parse_amount, to_yuan, tolerance_yuan
from .bounds import GRAND, TOTAL, Facts, bounds_for, within
from .headers import Column, columns_for
from .identities import ROW_IDENTITIES, TREE_TABLES
from .model import Finding, LineItem
from .placement import Outcome, RowAmounts, solve
from .reference import label_rules

TWO_SIDED = ("summary", "fiscal_summary")
_COUNT_ROW = re.compile(r"车|设备|辆|台|套")
ECONOMIC = ("gpb_basic",)


@dataclass(slots=True)
class Segment:
    keys: list[Column]
    amounts: list[Column]


@dataclass(slots=True)
class LogicalRow:
    """One row of one column group: its code and label, and its amounts by measure."""

    segment: int
    code: str | None
    label: Cell | None
    line: int
    cells: dict[str, Cell] = field(default_factory=dict)
    floating: list[Cell] = field(default_factory=list)
    span: list[str] = field(default_factory=list)
    line_role: str | None = None  # two-sided tables: the summary measure its label names

    @property
    def key(self) -> str:
        if self.code:
            return self.code
        label = squash(self.label.text) if self.label else ""
        if label.endswith("总计"):
            return GRAND
        return TOTAL if label.endswith("合计") else f"line{self.line}"


@dataclass(slots=True)
class TableResult:
    items: list[LineItem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)


def segments_of(cols: list[Column]) -> list[Segment]:
    """Side-by-side groups: key columns (code, name, 行次) followed by their amount columns."""
    segs: list[Segment] = []
    for col in cols:
        if col.role == "amount":
            if not segs:
                segs.append(Segment([], []))
            segs[-1].amounts.append(col)
        elif col.role in ("code", "name", "rowno"):
            if not segs or segs[-1].amounts:
                segs.append(Segment([], []))
            segs[-1].keys.append(col)
    return segs


def logical_rows(table: RawTable, cols: list[Column]) -> tuple[list[Segment], list[LogicalRow]]:
    segs = segments_of(cols)
    out: list[LogicalRow] = []
    for row in table.rows:
        _realign_merged_label(row, segs)
        pending: LogicalRow | None = None  # a labelled group with no amount of its own
        for s, seg in enumerate(segs):
            parts = [row.cells[c.index].text if row.cells[c.index] else "" for c in seg.keys if c.role == "code"]
            code = codes.join_code(parts)
            label = next((row.cells[c.index] for c in seg.keys if c.role == "name" and row.cells[c.index]), None)
            if code is None:  # 合 | 计 spread over the code and name columns: one label
                texts = [row.cells[c.index] for c in seg.keys if c.role in ("code", "name") and row.cells[c.index]]
                if texts:
                    label = Cell("".join(t.text for t in texts), texts[0].page, texts[0].bbox)
            cells = {}
            stray = []
            if code is None and label is not None and is_amount(label.text):
                stray.append(label)  # an amount pushed into a key column by a merged label cell
                label = None
            for c in seg.amounts:
                cell = row.cells[c.index]
                if cell is None:
                    continue
                if c.measure:
                    cells[c.measure] = cell
                else:
                    stray.append(cell)
            in_span = [c for c in seg.amounts if row.span[0] <= c.index < row.span[1]]
            lrow = LogicalRow(s, code, label, row.line, cells)
            if in_span and row.floating:
                lrow.floating, lrow.span = list(row.floating), [c.measure or "" for c in in_span]
            if code is None and label is None:
                if pending is not None and (cells or stray) and seg.amounts:
                    # a total row whose label cell spans groups: its amount sits further right
                    first = next(c.measure for c in segs[pending.segment].amounts if c.measure)
                    pending.cells[first] = (list(cells.values()) + stray)[0]
                    pending = None
                    continue
                if not (cells or lrow.floating):
                    continue
            out.append(lrow)
            pending = lrow if not (cells or lrow.floating or stray) and label is not None else None
    return segs, out


def _realign_merged_label(row: Row, segs: list[Segment]) -> None:
    """`合计 | 24556.69 | 446.23 | …`: a label merged over the code and name columns, printed as one cell,
    pulls the row's amounts one column left.  Put them back when the name column holds an amount and
    the row has an empty cell at its end to give up."""
    if not segs:
        return
    keys = [c.index for c in segs[0].keys if c.role in ("code", "name")]
    if len(keys) < 2 or keys != list(range(keys[0], keys[0] + len(keys))):
        return
    first, second = row.cells[keys[0]], row.cells[keys[1]]
    if first is None or codes.join_code([first.text]) or second is None or not is_amount(second.text):
        return
    shift = len(keys) - 1
    if any(c is not None for c in row.cells[len(row.cells) - shift:]):
        return
    row.cells[:] = row.cells[: keys[0] + 1] + [None] * shift + row.cells[keys[0] + 1: len(row.cells) - shift]


def normalize_table(table: RawTable, table_code: str, unit: str, facts: Facts) -> TableResult:
    res = TableResult()
    cols = columns_for(table, table_code)
    if table_code in TWO_SIDED:  # the label names the measure; keep the amount under a placeholder
        cols = [Column(c.index, c.role, c.measure or "amount", c.header) for c in cols]
    segs, rows = logical_rows(table, cols)
    unmapped = [c.header for s in segs for c in s.amounts if not c.measure and c.header]
    if unmapped and table_code not in TWO_SIDED:
        res.gaps.append(f"{table_code}: columns not mapped to a measure: {', '.join(unmapped)}")
    if table_code in TWO_SIDED:
        _label_measures(table_code, rows, cols)
    scale = UNIT_FACTORS[unit]
    tol = partial(tolerance_yuan, unit)
    placed, unplaced = _place(table_code, rows, facts, scale, tol)
    economic = table_code in ECONOMIC
    for r, row in enumerate(rows):
        label_text = row.label.text if row.label else None
        if table_code == "disclosure_stats" and label_text and _COUNT_ROW.search(label_text):
            continue  # vehicles and equipment are counted in 辆 / 台, not money
        level = codes.level_of(row.code, label_text)
        fcode = None if economic else row.code
        chosen = dict(row.cells)
        chosen.update(placed.get(r, {}))
        for measure, cell in chosen.items():
            if not measure:
                continue
            try:
                value = parse_amount(cell.text)
                if value is None:
                    continue
                yuan = to_yuan(value, unit)
            except AmountError as exc:
                res.findings.append(Finding("extract.amount", table_code, f"line {cell.page}", None, None, False,
                                            f"{exc}; not loaded"))
                continue
            res.items.append(LineItem(
                table_code=table_code, function_code=fcode, economic_code=row.code if economic else None,
                row_label=label_text, level=level if fcode or economic or level == "total" else None,
                measure=measure, amount_yuan=yuan, unit=unit, amount_raw=cell.text, page=cell.page,
                table_title=table.title.text, bbox=cell.bbox, confidence=cell.confidence,
                method=table.page_methods.get(cell.page, table.method)))
        if r in unplaced:
            res.findings.append(unplaced[r])
            res.gaps.append(unplaced[r].message)
    res.findings += precision_findings(table_code, res.items)
    return res


def precision_findings(table_code: str, items: list[LineItem]) -> list[Finding]:
    """A table prints its amounts to one precision (0.01 万元, 1 元): an amount with more decimal
    places than most of its table is a misread figure (626.222 for 626.22) that rounding tolerance
    would hide from the identities.  Loaded as printed, and named by a failed check."""
    places = [_places(it.amount_raw) for it in items]
    if not places:
        return []
    usual = Counter(places).most_common(1)[0][0]
    return [Finding("extract.precision", table_code, f"{it.key or table_code}/{it.measure}", None, it.amount_yuan,
                    False, f"{table_code} {it.key or ''}/{it.measure}: '{it.amount_raw}' on page {it.page} has "
                           f"{n} decimal places, the table prints {usual}")
            for it, n in zip(items, places) if n > usual]


def _places(raw: str) -> int:
    text = squash(raw).rstrip(")")
    return len(text) - text.index(".") - 1 if "." in text else 0


def _label_measures(table_code: str, rows: list[LogicalRow], cols: list[Column]) -> None:
    """Two-sided summary tables: the label names the measure (and the class code on the 支出 side)."""
    seen_opening = False
    for row in rows:
        side = "income" if row.segment == 0 else "expenditure"
        text = codes.strip_enumerator(row.label.text) if row.label else ""
        rule = next((r for r in label_rules() if r.table_code == table_code and r.side == side and r.label in text), None)
        cls = codes.class_code_for(text) if side == "expenditure" else None
        row.line_role = rule.measure if rule else None
        amount_cells = list(row.cells.items())
        if side == "income":
            if rule is None:
                row.cells = {}
                continue
            measure = rule.measure
            if table_code == "fiscal_summary" and seen_opening and measure.startswith("income_") and measure != "income_total" \
                    and measure != "income_grand_total":
                measure = "opening_balance_" + measure[len("income_"):]
            seen_opening |= measure == "opening_balance"
            row.cells = {measure: amount_cells[0][1]} if amount_cells else {}
            if row.floating:
                row.span = [measure] * len(row.span)
        elif table_code == "summary":
            measure = "expenditure" if cls else (rule.measure if rule else None)
            row.cells = {measure: amount_cells[0][1]} if amount_cells and measure else {}
            row.span = [measure or ""] * len(row.span)
            row.code = cls
        else:  # fiscal_summary 支出 side: columns carry the measures, the label the class or the line
            if cls:
                row.code = cls
            elif rule is None:
                row.cells, row.floating = {}, []


def _place(table_code: str, rows: list[LogicalRow], facts: Facts, scale: Decimal,
           tol) -> tuple[dict[int, dict[str, Cell]], dict[int, Finding]]:
    """Positions for floating amounts (rows with none pass through), a finding per row left ambiguous;
    records the table's certain amounts in `facts` for the tables read after it."""
    amounts: dict[str, RowAmounts] = {}
    keyed: dict[str, int] = {}
    for r, row in enumerate(rows):
        k = f"{row.segment}:{row.key}" if row.key not in keyed else f"{row.segment}:{row.key}@{row.line}"
        keyed[row.key] = r
        fixed = {m: v for m, c in row.cells.items() if m and (v := _yuan(c, scale)) is not None}
        floating = [_yuan(c, scale) for c in row.floating]
        if any(v is None for v in floating):
            floating, row.floating = [], []
        amounts[k] = RowAmounts(fixed, floating, row.span)
    row_of = {k: r for r, k in enumerate(amounts)}
    identities = ROW_IDENTITIES.get(table_code, ())

    def unary(k: str, values: dict[str, Decimal]) -> bool:
        row = rows[row_of[k]]
        ok = all(_identity_holds(i, values, tol) for i in identities)
        return ok and within(values, bounds_for(table_code, row.key, facts), tol(2))

    if any(a.floating for a in amounts.values()):
        groups = _tree_groups(rows, list(amounts)) if table_code in TREE_TABLES else _line_groups(rows, list(amounts))
        outcomes = solve(amounts, unary, groups, tol)
    else:  # every amount has its column: nothing to place
        outcomes = {k: Outcome(a.fixed, {}, [], 1) for k, a in amounts.items()}
    placed: dict[int, dict[str, Cell]] = {}
    unplaced: dict[int, Finding] = {}
    for k, out in outcomes.items():
        r = row_of[k]
        row = rows[r]
        placed[r] = {m: row.floating[i] for i, m in out.positions.items() if m}
        if out.unplaced:
            vals = ", ".join(row.floating[i].text for i in out.unplaced)
            name = row.code or (row.label.text if row.label else "")
            facts.unsure.add((table_code, row.key))
            unplaced[r] = Finding(
                "extract.ambiguous_columns", table_code, f"{name} (line {row.line})", None, None, False,
                f"{table_code} row '{name}' (line {row.line}): amounts {vals} fit {out.options} column placements "
                f"that the arithmetic cannot tell apart; not loaded")
        _record_facts(table_code, row, out.values, facts)
    facts.tables.add(table_code)
    return placed, unplaced


def _record_facts(table_code: str, row: LogicalRow, values: dict[str, Decimal], facts: Facts) -> None:
    if table_code == "summary" and row.segment == 0:
        key = "income"
    elif table_code == "summary" and "expenditure_total" in values:
        key = TOTAL
    else:
        key = row.key
    for m, v in values.items():
        facts.values[(table_code, key, m)] = v


def _identity_holds(identity, values: dict[str, Decimal], tol) -> bool:
    if identity.total not in values and not any(p.lstrip("-") in values for p in identity.parts):
        return True
    zero = Decimal(0)
    s = sum(((-values.get(p[1:], zero)) if p.startswith("-") else values.get(p, zero) for p in identity.parts), zero)
    return abs(values.get(identity.total, zero) - s) <= tol(len(identity.parts))


def _tree_groups(rows: list[LogicalRow], keys: list[str]) -> list[tuple[str, list[str]]]:
    by_seg: dict[int, list[tuple[LogicalRow, str]]] = {}
    for row, k in zip(rows, keys):
        by_seg.setdefault(row.segment, []).append((row, k))
    groups = []
    for members in by_seg.values():
        coded = [(r.code, k) for r, k in members if r.code]
        total = next((k for r, k in members if r.key == TOTAL), None)
        if total:
            groups.append((total, [k for c, k in coded if len(c) == 3]))
        for code, k in coded:
            kids = [k2 for c2, k2 in coded if len(c2) == len(code) + 2 and c2.startswith(code)]
            if kids:
                groups.append((k, kids))
    return groups


def _line_groups(rows: list[LogicalRow], keys: list[str]) -> list[tuple[str, list[str]]]:
    """Two-sided tables, 支出 side, per column: 总计 = 本年支出合计 + 结余分配 + 年末结转和结余."""
    role = {r.line_role: k for r, k in zip(rows, keys) if r.segment == 1 and r.line_role}
    grand = role.get("expenditure_grand_total")
    parts = [role[m] for m in ("expenditure_total", "balance_distribution", "closing_balance") if m in role]
    return [(grand, parts)] if grand and parts else []


def _yuan(cell: Cell, scale: Decimal) -> Decimal | None:
    try:
        v = parse_amount(cell.text)
    except AmountError:
        return None
    return None if v is None else v * scale
