"""`text-flow`: text pulled out of a PDF with no layout.

Empty cells vanish, amounts glue to the next label (`418.81一、`), long names wrap onto lines
of their own and page breaks fall inside tables.  What survives is the order of tokens, so the
extractor rebuilds rows from that order and leaves the column of each amount open (`floating`)
unless the row has one amount per column; the normalizer places them from the arithmetic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markup import clean_line
from .model import Cell, Extraction, RawTable, Row
from .tokens import AMOUNT, CODE_RE, NOTE_RE, UNIT_RE, fold, is_title_candidate, squash, unit_in

_TOKEN = re.compile(rf"(?P<amt>{AMOUNT})(?![\d])|(?P<int>\d+)|(?P<txt>[^\s\d]+(?:\d+[^\s\d]+)*)")
_META = re.compile(r"^(部门|单位|编制部门|部门名称|单位名称|预算主管部门)\s*[:：]|^公开\s*\d+\s*表?$|^\d{4}\s*年度?$|^表$")
_COLUMN_NOS = re.compile(r"^(栏\s*次\s*(\d+\s*)+)+$|^(\d+\s+){2,}\d+$")
_TOTAL_LABEL = re.compile(r"(合计|总计)$")
_DATA_START = re.compile(r"^(\d{3}|\d{5}|\d{7})(\s|[^\d.,\s])")


@dataclass(slots=True)
class Token:
    kind: str  # amt, int, txt
    text: str
    line: int


def tokenize(line: str, line_no: int) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(fold(line)):
        kind = m.lastgroup
        out.append(Token(kind, m.group(kind), line_no))
    return out


def extract_flow(text: str) -> Extraction:
    lines = [clean_line(line) for line in text.split("\n")]
    starts = [i for i, line in enumerate(lines) if is_title_candidate(line)]
    tables = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        table = _flow_table(lines, start, end)
        if table is not None:
            tables.append(table)
    return Extraction(layout="text-flow", tables=tables, lines=lines)


def _flow_table(lines: list[str], start: int, end: int) -> RawTable | None:
    unit = None
    header: list[str] = []
    colnos: str | None = None
    body_start = None
    for i in range(start + 1, end):
        s = lines[i].strip()
        if not s:
            continue
        unit = unit or unit_in(s)
        if UNIT_RE.search(s) or _META.match(squash(s)) or _META.match(s):
            continue
        if _COLUMN_NOS.match(s):
            colnos, body_start = s, i + 1
            break
        if _DATA_START.match(s):  # no 栏次 line: the body starts at the first coded row
            colnos, body_start = "", i
            break
        if NOTE_RE.match(s):
            return None
        header.append(s)
    if body_start is None:
        return None
    body_end = next((i for i in range(body_start, end) if NOTE_RE.match(lines[i])), end)
    header_text = " ".join(header)
    title = Cell(lines[start].strip(), start + 1)
    groups = [int(g) for g in re.findall(r"\d+", colnos)]
    two_sided = len(re.findall(r"栏\s*次", colnos)) == 2
    tokens = [t for i in range(body_start, body_end) for t in tokenize(lines[i], i + 1)]
    if two_sided:
        n_left = len(re.findall(r"\d+", re.split(r"栏\s*次", colnos)[1]))
        n_right = len(groups) - n_left
        rows, n_cols, head = _two_sided_rows(tokens, n_left, n_right)
    elif squash(header_text).count("科目名称") >= 2 or squash(header_text).count("决算数") >= 2:
        rows, n_cols, head = _grouped_rows(tokens)
    else:
        has_codes = any(t.kind == "int" and CODE_RE.match(t.text) for t in tokens[:3]) or \
            "编码" in squash(header_text) or "代码" in squash(header_text)
        rows, n_cols, head = _coded_rows(tokens, len(groups)) if has_codes else _plain_rows(tokens, len(groups))
    return RawTable(title=title, unit=unit, header=head, rows=rows, n_columns=n_cols, method="flow",
                    header_text=header_text)


@dataclass(slots=True)
class _Pending:
    code: Token | None = None
    label: list[Token] = field(default_factory=list)
    amounts: list[Token] = field(default_factory=list)
    rowno: Token | None = None


def _cell(tokens: list[Token], sep: str = "") -> Cell | None:
    return Cell(sep.join(t.text for t in tokens), tokens[0].line) if tokens else None


def _amount_cells(amounts: list[Token], first_col: int, n: int) -> tuple[list[Cell | None], list[Cell], tuple[int, int]]:
    """Positional when every column has its amount; otherwise floating over the amount columns."""
    cells = [Cell(t.text, t.line) for t in amounts]
    if len(cells) == n:
        return cells, [], (0, 0)
    return [None] * n, cells, (first_col, first_col + n)


def _coded_rows(tokens: list[Token], n_amounts: int) -> tuple[list[Row], int, list[list[str]]]:
    """Rows of code, name, amounts: a row starts at a code that opens its line, or at 合计/总计."""
    rows: list[Row] = []
    cur = _Pending()

    def flush() -> None:
        nonlocal cur
        if cur.code is None and not cur.amounts and rows:
            # a wrapped name line after the amounts belongs to the row above
            rows[-1].cells[1] = Cell((rows[-1].cells[1].text if rows[-1].cells[1] else "") +
                                     "".join(t.text for t in cur.label), rows[-1].line)
        elif cur.code or cur.label or cur.amounts:
            amount_cells, floating, span = _amount_cells(cur.amounts, 2, n_amounts)
            line = (cur.code or (cur.label or cur.amounts)[0]).line
            rows.append(Row(cells=[_cell([cur.code] if cur.code else []), _cell(cur.label)] + amount_cells,
                            line=line, floating=floating, span=span))
        cur = _Pending()

    prev_line = None
    for t in tokens:
        opens_line = t.line != prev_line
        prev_line = t.line
        if t.kind == "int" and CODE_RE.match(t.text) and (opens_line or cur.amounts) and (cur.code is None or cur.amounts or opens_line):
            flush()
            cur.code = t
        elif t.kind in ("amt", "int"):
            cur.amounts.append(t)
        else:
            if cur.amounts:
                flush()
            cur.label.append(t)
    flush()
    return rows, 2 + n_amounts, [["科目编码", "科目名称"] + [""] * n_amounts]


def _plain_rows(tokens: list[Token], n_amounts: int) -> tuple[list[Row], int, list[list[str]]]:
    """A table with no row labels (the “三公” table): its amounts form one row."""
    amounts = [t for t in tokens if t.kind in ("amt", "int")]
    if not amounts:
        return [], n_amounts, [[""] * n_amounts]
    cells, floating, span = _amount_cells(amounts, 0, n_amounts)
    return [Row(cells=cells, line=amounts[0].line, floating=floating, span=span)], n_amounts, [[""] * n_amounts]


def _two_sided_rows(tokens: list[Token], n_left: int, n_right: int) -> tuple[list[Row], int, list[list[str]]]:
    """收入 | 支出 side by side, each side: label, 行次, amounts; segments split at labels and 行次."""
    by_line: dict[int, list[Token]] = {}
    for t in tokens:
        by_line.setdefault(t.line, []).append(t)
    rows = []
    width = 2 + n_left + 2 + n_right
    for line, toks in by_line.items():
        segs: list[_Pending] = [_Pending()]
        for t in toks:
            cur = segs[-1]
            if t.kind == "txt":
                if cur.rowno or cur.amounts:
                    segs.append(_Pending())
                segs[-1].label.append(t)
            elif t.kind == "int" and int(t.text) < 200 and cur.rowno is None and not cur.amounts:
                cur.rowno = t
            elif t.kind == "int" and int(t.text) < 200 and cur.rowno is not None:
                segs.append(_Pending(rowno=t))  # the other side's 行次 (its label cell was empty)
            else:
                cur.amounts.append(t)
        segs = [s for s in segs if s.label or s.rowno or s.amounts]
        for extra in segs[2:]:  # more than two sides: fold into the right one, whose amounts then float
            segs[1].label += extra.label
            segs[1].amounts += extra.amounts
        segs = segs[:2]
        if len(segs) == 1 and not segs[0].label and segs[0].rowno and not segs[0].amounts:
            continue
        sides = []  # per side: its cells, and its floating amounts with their span
        offset = 0
        for seg, n in zip(segs + [_Pending()] * (2 - len(segs)), (n_left, n_right)):
            amount_cells, fl, sp = _amount_cells(seg.amounts, offset + 2, n)
            sides.append(([_cell(seg.label), _cell([seg.rowno] if seg.rowno else [])] + amount_cells, fl, sp))
            offset += 2 + n
        (left, fl_l, sp_l), (right, fl_r, sp_r) = sides
        if fl_l and fl_r:  # a row carries one floating span: each side becomes a row of its own
            rows.append(Row(cells=left + [None] * len(right), line=line, floating=fl_l, span=sp_l))
            rows.append(Row(cells=[None] * len(left) + right, line=line, floating=fl_r, span=sp_r))
        else:
            rows.append(Row(cells=left + right, line=line, floating=fl_l or fl_r, span=sp_l if fl_l else sp_r))
    head = [["项目", "行次"] + ["金额"] * n_left + ["项目", "行次"] + [""] * n_right]
    return rows, width, head


def _grouped_rows(tokens: list[Token]) -> tuple[list[Row], int, list[list[str]]]:
    """Side-by-side code / name / amount groups (the basic-expenditure table): one row per group item."""
    rows: list[Row] = []
    cur = _Pending()

    def flush() -> None:
        nonlocal cur
        if cur.code or cur.label:
            amount = [Cell(cur.amounts[0].text, cur.amounts[0].line)] if cur.amounts else [None]
            rows.append(Row(cells=[_cell([cur.code] if cur.code else []), _cell(cur.label)] + amount,
                            line=(cur.code or cur.label[0]).line))
        cur = _Pending()

    prev_line = None
    for t in tokens:
        opens_line = t.line != prev_line
        prev_line = t.line
        if t.kind == "int" and CODE_RE.match(t.text):
            flush()
            cur.code = t
        elif t.kind in ("amt", "int"):
            cur.amounts.append(t)
            if cur.code is None:  # a label with its amount (人员经费合计 103.18)
                flush()
        else:
            if cur.amounts or (opens_line and cur.label and _TOTAL_LABEL.search(t.text)):
                flush()  # after an amount, or a 合计 line after a group whose amount was blank
            cur.label.append(t)
        opens_line = False
    flush()
    return rows, 3, [["科目编码", "科目名称", "决算数"]]
