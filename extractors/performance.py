"""绩效自评 reports: department-wide (整体支出) and per project (项目支出), in the text layouts.

A report runs from its title to the next report title.  Inside it, what is read: `label：value`
lines, tab grids (label cells followed by their value cells; the indicator grid under its
一级指标 / 二级指标 header) and, for the one-cell-per-line `form` layout, indicator blocks of
name, 参考分值, 分值, 说明, 得分.  Values stay text here; normalize/performance.py types them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markup import clean_line
from .tokens import squash

_LABEL_VALUE = re.compile(r"^\s*([^：:\t]{2,14})\s*[：:]\s*(.+?)\s*$")
_NUMBER = re.compile(r"^[-\d.,]+\s*(分|万元|万|元)?$")


@dataclass(slots=True)
class RawIndicator:
    level1: str | None
    level2: str | None
    indicator: str
    target: str | None
    actual: str | None
    weight: str | None
    score: str | None
    line: int


@dataclass(slots=True)
class RawReport:
    scope: str  # department | project
    title: str
    line: int
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (value as printed, line)
    money_unit: str | None = None  # 元 / 万元 when the report says
    indicators: list[RawIndicator] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Labels:
    by_field: dict[str, tuple[str, ...]]

    def field_of(self, text: str, fields: tuple[str, ...]) -> str | None:
        s = squash(text).rstrip("：:")
        for f in fields:
            if any(s.startswith(lab) or s == lab for lab in self.by_field.get(f, ())):
                return f
        return None


def find_reports(lines: list[str], labels: Labels) -> list[RawReport]:
    clean = [clean_line(line) if line.strip() else line for line in lines]  # a lone tab is an empty form cell
    starts = []
    for i, line in enumerate(clean):
        s = squash(line)
        if len(s) > 60 or "\t" in line.strip("\t"):
            continue
        for scope in ("department", "project"):
            if any(s.endswith(t) or s.startswith(t) or (t in s and s.endswith("表"))
                   for t in labels.by_field[f"report_title_{scope}"]):
                starts.append((i, scope))
                break
    reports = []
    for k, (start, scope) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(clean)
        report = RawReport(scope, squash(clean[start]), start + 1)
        _read_region(report, clean, start + 1, end, labels)
        if report.fields or report.indicators:
            reports.append(report)
    return reports


def _read_region(report: RawReport, lines: list[str], start: int, end: int, labels: Labels) -> None:
    cells_only = sum(1 for i in range(start, end) if lines[i].startswith("\t") and lines[i].count("\t") == 1)
    if cells_only > 20:  # the one-cell-per-line form
        _read_form(report, lines, start, end, labels)
        return
    grid: list[tuple[int, list[str]]] = []
    for i in range(start, end):
        line = lines[i]
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            if not all(re.fullmatch(r"-*", c) for c in cells):  # a markdown rule row (---- | ---) is no row
                grid.append((i + 1, cells))
            continue
        if not line.strip():
            continue  # a blank line inside a table does not end it
        if grid:
            _read_grid(report, grid, labels)
            grid = []
        m = _LABEL_VALUE.match(line)
        if m:
            f = labels.field_of(m.group(1), ("project_name", "unit"))
            if f and f not in report.fields:
                report.fields[f] = (m.group(2), i + 1)
        total = re.search(r"总得分\s*([\d.]+)\s*分", line)
        if total and "score" not in report.fields:
            report.fields["score"] = (total.group(1), i + 1)
    if grid:
        _read_grid(report, grid, labels)


def _unit_in(text: str) -> str | None:
    m = re.search(r"[(（]\s*(万元|元)\s*[)）]", text)
    return m.group(1) if m else None


def _read_grid(report: RawReport, grid: list[tuple[int, list[str]]], labels: Labels) -> None:
    header_at = next((k for k, (_, cells) in enumerate(grid)
                      if sum(1 for c in cells if labels.field_of(c, ("level1", "level2"))) == 2), None)
    money = grid if header_at is None else grid[:header_at]
    _read_money(report, money, labels)
    if header_at is not None:
        _read_indicators(report, grid[header_at:], labels)


def _read_money(report: RawReport, grid: list[tuple[int, list[str]]], labels: Labels) -> None:
    """Label cells and the value cell after them; a 合计 row under a 预算数 / 执行数 header."""
    columns: dict[str, int] = {}
    for line, cells in grid:
        for c in cells:
            report.money_unit = report.money_unit or _unit_in(c)
        for j, c in enumerate(cells):
            f = labels.field_of(c, ("budget", "executed", "execution_rate", "project_name", "unit", "score"))
            if f is None:
                continue
            inline = _LABEL_VALUE.match(c)
            value = inline.group(2) if inline else next((v for v in cells[j + 1:] if v), None)
            numeric = bool(value and _NUMBER.match(value.replace(" ", "")))
            if f in ("budget", "executed", "execution_rate", "score") and not numeric:
                # a header cell: its amounts stand below it, in the 合计 row (得分 there scores the budget part)
                columns.setdefault("budget_score" if f == "score" else f, j)
                continue
            if value and f not in report.fields:
                report.fields[f] = (value, line)
        first = next((c for c in cells if c), "")
        if squash(first) in ("合计", "金额合计", "总计") or (len(cells) > 1 and squash(cells[1]) == "金额合计"):
            for f, j in columns.items():
                if j < len(cells) and _NUMBER.match(cells[j].replace(" ", "")) and f not in report.fields:
                    report.fields[f] = (cells[j], line)


_INDICATOR_FIELDS = ("level1", "level2", "indicator", "target", "target_first", "actual", "weight", "score_col")


def _read_indicators(report: RawReport, grid: list[tuple[int, list[str]]], labels: Labels) -> None:
    """Under the 一级指标 / 二级指标 header: one indicator per row; blank 一级 / 二级 cells repeat the
    row above; 年度指标 may split into 年初指标 and 调整后指标 (the adjusted one wins when printed)."""
    col: dict[str, int] = {}
    body = 0
    for k, (_, cells) in enumerate(grid):
        found = {j: f for j, c in enumerate(cells) if (f := labels.field_of(c, _INDICATOR_FIELDS))}
        if not found:
            break
        body = k + 1
        for j, f in found.items():
            col[f] = j  # a later header row refines an earlier one
    if "indicator" not in col:
        return
    level1 = level2 = None
    for line, cells in grid[body:]:
        def get(f: str) -> str | None:
            j = col.get(f)
            return cells[j].strip() or None if j is not None and j < len(cells) else None

        first = next((c for c in cells if c), "")
        if labels.field_of(first, ("score",)):  # the report's 得分 row closes the indicators
            value = next((v for v in cells[cells.index(first) + 1:] if v), None)
            if value and "score" not in report.fields:
                report.fields["score"] = (value, line)
            break
        name = get("indicator")
        if not name:
            continue
        level1, level2 = get("level1") or level1, get("level2") or level2
        report.indicators.append(RawIndicator(level1, level2, name, get("target") or get("target_first"),
                                              get("actual"), get("weight"), get("score_col"), line))


def _read_form(report: RawReport, lines: list[str], start: int, end: int, labels: Labels) -> None:
    """One cell per line.  Money and score labels are followed by their value cell; the indicator part
    is blocks separated by empty cells: a level-1 block (name, 参考分值, 分值, ——, 得分) or an indicator
    block ([二级指标,] 三级指标, 参考分值, 分值, [说明,] 得分)."""
    cells = [(i + 1, lines[i].strip()) for i in range(start, end) if lines[i].startswith(("\t", " \t"))]
    for k, (line, text) in enumerate(cells):
        report.money_unit = report.money_unit or _unit_in(text)
        f = labels.field_of(text, ("budget", "executed", "unit", "score"))
        if f and k + 1 < len(cells) and f not in report.fields:
            value = cells[k + 1][1]
            if f == "score":  # 综合得分 | 100 (设定) | 90 (得分)
                nums = [t for _, t in cells[k + 1:k + 3] if _NUMBER.match(t)]
                value = nums[-1] if nums else value
            report.fields[f] = (value, cells[k + 1][0])
    for m in (_LABEL_VALUE.match(clean_line(lines[i])) for i in range(start, min(end, start + 8))):
        if m and labels.field_of(m.group(1), ("unit",)) and "unit" not in report.fields:
            report.fields["unit"] = (re.split(r"\s{2,}", m.group(2))[0], start)
    blocks: list[list[tuple[int, str]]] = [[]]
    head = next((k for k, (_, t) in enumerate(cells) if squash(t) in ("参考", "参考分值")), None)
    if head is None:
        return
    def number(t: str) -> bool:
        return bool(_NUMBER.match(t.replace(" ", ""))) or t == "——"

    for line, text in cells[head + 1:]:
        if labels.field_of(text, ("score",)):
            break
        done = sum(number(t) for _, t in blocks[-1]) >= 3 and number(blocks[-1][-1][1]) if blocks[-1] else False
        if text and done and not number(text):
            blocks.append([])  # a scored block is followed by the next indicator's name
        if text:
            blocks[-1].append((line, text))
        elif blocks[-1]:
            blocks.append([])
    merged: list[list[tuple[int, str]]] = []
    for block in blocks:  # an empty 说明 cell looks like a separator: a block opening with a number continues
        if merged and block and number(block[0][1]):
            merged[-1] += block
        elif block:
            merged.append(block)
    level1 = level2 = None
    for block in merged:
        texts = [t for _, t in block]
        numeric = [k for k, t in enumerate(texts) if _NUMBER.match(t.replace(" ", "")) or t == "——"]
        if not numeric:
            continue
        names = texts[: numeric[0]]
        if len(names) == 1 and "——" in texts:  # a level-1 block: 投入 16 16 —— 14
            level1, level2 = squash(names[0]), None
            continue
        if not names:
            continue
        if len(names) >= 2:
            level2 = squash(names[-2])
        rest = texts[numeric[0]:]
        weight = rest[1] if len(rest) > 1 else None
        score = rest[-1] if len(rest) > 2 and _NUMBER.match(rest[-1]) else None
        actual = rest[2] if len(rest) > 3 else None
        report.indicators.append(RawIndicator(level1, level2, names[-1], None, actual, weight, score, block[0][0]))
