"""Header cells -> a role for every column: code part, name, 行次, or an amount with its measure."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import RawTable
from extractors.tokens import squash

from .reference import ColumnRule, column_rules, flow_templates

_CODE_HEADER = re.compile(r"编码|代码|科目编号")
_CODE_PART = {"类": 0, "款": 1, "项": 2}
_NAME_HEADER = re.compile(r"名称|^项目$|^项目/|^科目$")
_ROWNO = re.compile(r"行次")


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    role: str  # code, name, rowno, amount, unknown
    measure: str | None = None
    header: str = ""


def fill_spans(header: list[list[str]]) -> list[list[str]]:
    """Merged header cells print once, at their left: carry them right while a lower row is split."""
    width = max((len(r) for r in header), default=0)
    rows = [[squash(c) for c in r] + [""] * (width - len(r)) for r in header]
    for r, row in enumerate(rows):
        for c in range(1, len(row)):
            lower = any(rows[k][c] for k in range(r + 1, len(rows)))
            same_parent = all(rows[k][c] == rows[k][c - 1] for k in range(r))
            if not row[c] and lower and same_parent:
                row[c] = row[c - 1]
    return rows


def measure_for(table_code: str, path: list[str]) -> str | None:
    joined = "/".join(path)
    leaf = path[-1] if path else ""
    for rule in column_rules():
        if rule.table_code == table_code and _fits(rule, joined, leaf):
            return rule.measure
    return None


def _fits(rule: ColumnRule, joined: str, leaf: str) -> bool:
    return all(k in joined for k in rule.path_all) and (not rule.leaf_any or any(k in leaf for k in rule.leaf_any))


def columns_for(table: RawTable, table_code: str) -> list[Column]:
    """Roles of a positional table's columns from its header rows (and, for flow tables, its template)."""
    filled = fill_spans(table.header) if table.header else [[""] * table.n_columns]
    cols = []
    for c in range(table.n_columns):
        path = [r[c] for r in filled if c < len(r) and r[c]]
        leaf = path[-1] if path else ""
        joined = "/".join(path)
        if is_code_header(path):
            cols.append(Column(c, "code", header=leaf if leaf in _CODE_PART else joined))
        elif _ROWNO.search(leaf):
            cols.append(Column(c, "rowno", header=joined))
        elif _NAME_HEADER.search(leaf) or (not leaf and _NAME_HEADER.search(joined)):
            cols.append(Column(c, "name", header=joined))
        else:
            cols.append(Column(c, "amount", measure_for(table_code, path) if path else None, header=joined))
    if table.method == "flow":
        cols = _flow_measures(table, table_code, cols)
    return _roles_from_body(table, cols)


def is_code_header(path: list[str]) -> bool:
    """类 / 款 / 项 under a code heading, or 科目编码 itself."""
    return bool(path) and (path[-1] in _CODE_PART or bool(_CODE_HEADER.search("/".join(path))))


_NUMERIC = re.compile(r"^[-\d,.\s()]+$")
_CODE_PART_RE = re.compile(r"^\d{2,3}$|^\d{5}$|^\d{7}$")


def _roles_from_body(table: RawTable, cols: list[Column]) -> list[Column]:
    """Header words can be lost or misplaced (unruled PDFs, OCR): the body corrects what the header
    could not tell.  A column no header rule claims whose cells are short digit groups holds code
    parts (also in the second and third side of a 基本支出 table); left of the first amount column,
    a column of text holds names."""
    out = list(cols)
    amounts_seen = False
    for col in cols:
        amounts_seen = amounts_seen or any(c.role == "amount" and c.measure and c.index < col.index for c in out)
        texts = [r.cells[col.index].text for r in table.rows if col.index < len(r.cells) and r.cells[col.index]]
        if len(texts) < 3 or col.role == "rowno" or (col.role == "amount" and col.measure):
            continue
        codes = sum(1 for t in texts if _CODE_PART_RE.match(t.strip()))
        numeric = sum(1 for t in texts if _NUMERIC.match(t))
        if codes >= 0.8 * len(texts) and (not amounts_seen or col.role == "amount"):
            out[col.index] = Column(col.index, "code", header=col.header)
        elif not amounts_seen and numeric <= 0.2 * len(texts) and col.role in ("code", "amount"):
            out[col.index] = Column(col.index, "name", header=col.header)
    return out


def _flow_measures(table: RawTable, table_code: str, cols: list[Column]) -> list[Column]:
    """Flow text keeps no header geometry: spot each measure's words in the header text, in order,
    and accept the order when it accounts for every amount column; else the national template."""
    groups = _amount_groups(cols)
    if not groups:
        return cols
    text = squash(table.header_text)
    if len(groups) == 2:  # two-sided: the right side's headers follow its last 行次
        text = text[text.rfind("行次") + 2:] if "行次" in text else text
    target = groups[-1]
    spotted = spot_measures(table_code, text)
    if len(spotted) != len(target):
        spotted = next((list(t) for t in flow_templates().get(table_code, ()) if len(t) == len(target)), None)
    if spotted is None:
        return cols
    out = list(cols)
    for idx, m in zip(target, spotted):
        out[idx] = Column(idx, "amount", m, header=m)
    return out


def _amount_groups(cols: list[Column]) -> list[list[int]]:
    groups: list[list[int]] = []
    prev = None
    for col in cols:
        if col.role == "amount":
            if prev != "amount":
                groups.append([])
            groups[-1].append(col.index)
        prev = col.role
    return groups


def spot_measures(table_code: str, text: str) -> list[str]:
    """Measures whose leaf keywords occur in `text`, ordered by where they occur (longest words first,
    each stretch of text claimed once).  Only rules without path keywords take part."""
    claimed = [False] * len(text)
    found: list[tuple[int, str]] = []
    rules = [r for r in column_rules() if r.table_code == table_code and not r.path_all and r.leaf_any]
    words = sorted(((k, r.measure) for r in rules for k in r.leaf_any), key=lambda km: -len(km[0]))
    seen = set()
    for word, measure in words:
        if measure in seen:
            continue
        for m in re.finditer(re.escape(word), text):
            if not any(claimed[m.start():m.end()]):
                for i in range(m.start(), m.end()):
                    claimed[i] = True
                found.append((m.start(), measure))
                seen.add(measure)
                break
    return [m for _, m in sorted(found)]
