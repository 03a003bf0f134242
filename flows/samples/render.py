"""Table specs -> a whole disclosure in one layout family, and the line items it must yield."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .figures import Figures
from .tables import Amount, TableSpec, Truth, build_tables

LAYOUTS = ("text-tsv", "text-markdown", "text-flow")
WRAP = 14  # flow text: names longer than this wrap onto a line of their own


def render(f: Figures, layout: str, tamper: Callable[[list[TableSpec]], None] | None = None) -> tuple[str, list[Truth]]:
    """`tamper` may change printed cells first (tests of the checks print a deliberately wrong figure)."""
    specs = build_tables(f)
    if tamper:
        tamper(specs)
    truths: list[Truth] = []
    body = {"text-tsv": _tsv, "text-markdown": _markdown, "text-flow": _flow}[layout]
    parts = [_cover(f, layout, specs)]
    for n, spec in enumerate(specs, start=1):
        parts.append(body(f, spec, n, truths))
    parts.append(_narrative(f, specs))
    return "\n".join(parts) + "\n", truths


def _fmt(v: Decimal, sep: bool) -> str:
    return f"{v:,.2f}" if sep else f"{v:.2f}"


def cell_text(cell, truths: list[Truth], zeros: bool, sep: bool) -> str:
    """Printed text of a cell; an amount printed is recorded as a line item to expect."""
    if cell is None:
        return ""
    if isinstance(cell, Amount):
        if cell.value == 0 and not zeros:
            return ""
        truths.append(cell.truth)
        return _fmt(cell.value, sep)
    return cell


def _cover(f: Figures, layout: str, specs: list[TableSpec]) -> str:
    toc = [f"{i}、{s.title}" for i, s in zip("一二三四五六七八", specs)]
    if layout == "text-markdown":
        return "\n".join([f"# {f.department}", "", f"## {f.year}年度部门决算公开", "", "# 目 录", "",
                          "<b>第一部分 概况</b>\t1", *[f"{t}\t{i + 2}" for i, t in enumerate(toc)], "",
                          "## 第一部分 概况", "", f"{f.department}负责本级预算执行。", "", f"## 第二部分 {f.year}年度部门决算表", ""])
    return "\n".join(["", f"{f.year} 年度", f"{f.department}部门决算", "", "目 录", "", *[f"- {t}" for t in toc], "",
                      f"第一部分 {f.department}概况", "", "一、部门职责", "", f"{f.department}负责本级预算执行。", "",
                      f"第二部分 {f.year} 年度部门决算表", ""])


def _narrative(f: Figures, specs: list[TableSpec]) -> str:
    return "\n".join(["", f"第三部分 {f.year} 年度部门决算情况说明", "",
                      f"一、收入支出决算总体情况说明：{f.year} 年度收、支总计较上年增加 12.5 {f.unit}，增长 3.2%。", ""])


def _tsv(f: Figures, spec: TableSpec, n: int, truths: list[Truth]) -> str:
    lines = [spec.title, "", f"公开{n:02d}表", f"金额单位：{f.unit}", "", f"部门：{f.department}", "", f"{f.year}年度", ""]
    lines += ["\t".join(r) for r in spec.header]
    if spec.colnos:
        lines.append("\t".join(spec.colnos))
    lines += ["\t".join(cell_text(c, truths, zeros=True, sep=True) for c in row) for row in spec.rows]
    return "\n".join(lines + ["", f"注：本表反映部门本年度{spec.title[:-1]}情况。", ""])


def _markdown(f: Figures, spec: TableSpec, n: int, truths: list[Truth]) -> str:
    lines = [f"### {spec.title}", "", f"公开{n:02d}表", "", f"部门名称：{f.department}", "", f"{f.year}年度", "",
             f"金额单位：{f.unit}", ""]
    lines += ["\t".join(r) for r in spec.header]
    if spec.colnos:
        lines.append("\t".join(spec.colnos))
    lines += ["\t".join(cell_text(c, truths, zeros=False, sep=False) for c in row) for row in spec.rows]
    return "\n".join(lines + ["", "注：本表反映部门本年度收支情况。", ""])


def _flow(f: Figures, spec: TableSpec, n: int, truths: list[Truth]) -> str:
    words = [w for row in spec.header for w in row if w]
    head = [" ".join(words[i:i + 4]) for i in range(0, len(words), 4)]
    lines = [f" {spec.title}", "", f"公开{n:02d}表", f"部门：{f.department} {f.year}年度 单位：{f.unit}", ""]
    lines += [h + "\n" for h in head]
    if spec.colnos:
        lines += [" ".join(c for c in spec.colnos if c), ""]
    for row in spec.rows:
        lines += _flow_row(spec, row, truths)
    return "\n".join(lines + ["注：本表金额转换为万元时，因四舍五入可能存在尾差。"])


def _flow_row(spec: TableSpec, row: list, truths: list[Truth]) -> list[str]:
    zeros = spec.shape == "plain"  # the “三公” row prints every column, 0.00 included
    texts = [cell_text(c, truths, zeros=zeros, sep=False) for c in row]
    if spec.shape == "two_sided":
        half = 3
        left = " ".join(t for t in texts[:half] if t)
        right = " ".join(t for t in texts[half:] if t)
        glue = "" if texts[half - 1] and texts[half] else " "  # an amount runs into the next label
        return [(left + glue + right).strip(), ""]
    if spec.shape == "coded" and len(texts[1]) > WRAP:
        amounts = " ".join(t for t in texts[2:] if t)
        return [texts[0], texts[1][:WRAP], "", texts[1][WRAP:], amounts, ""]
    return [" ".join(t for t in texts if t), ""]
