"""Table specs -> a PDF disclosure with a text layer, ruled or unruled, drawn with pymupdf.

Options cover what real PDFs do: function codes in 类 / 款 / 项 columns, tables that run onto the
next page with or without their header repeated, merged header cells.
"""
from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from normalize.headers import fill_spans

from .figures import Figures
from .render import cell_text
from .tables import Amount, TableSpec, Truth, build_tables

PAGE_W, PAGE_H = 842.0, 595.0  # A4 landscape
MARGIN = 40.0
ROW_H = 18.0
CJK = "china-s"
LATIN = "helv"
SIZE = 8.5


@dataclass(frozen=True, slots=True)
class PdfStyle:
    ruled: bool = True
    split_codes: bool = True  # 类 / 款 / 项 columns instead of one code column
    rows_per_page: int = 14  # small, so that most coded tables continue on a second page
    repeat_header: bool = True


def render_pdf(f: Figures, style: PdfStyle = PdfStyle()) -> tuple[bytes, list[Truth]]:
    doc = pymupdf.open()
    truths: list[Truth] = []
    cover = doc.new_page(width=PAGE_W, height=PAGE_H)
    _write(cover, (MARGIN, 120), f"{f.year}年度{f.department}部门决算", 20)
    _write(cover, (MARGIN, 160), f"编制部门：{f.department}", 12)
    for spec in build_tables(f):
        if style.split_codes and spec.shape == "coded":
            spec = split_code_columns(spec)
        _table(doc, f, spec, style, truths)
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data, truths


def split_code_columns(spec: TableSpec) -> TableSpec:
    """`2011350` in one column -> `201 | 13 | 50` under 类 / 款 / 项."""
    header = [["项目"] * 3 + r[1:] if i == 0 else ["功能分类科目编码"] * 3 + r[1:] for i, r in enumerate(spec.header)]
    header.append(["类", "款", "项"] + [""] * (len(spec.header[0]) - 1))
    rows = []
    for row in spec.rows:
        code = row[0] if isinstance(row[0], str) else ""
        if code.isdigit():
            parts = [code[:3], code[3:5], code[5:7]]
            rows.append(parts + row[1:])
        else:
            rows.append([code, "", ""] + row[1:])
    colnos = ["栏次", "", ""] + spec.colnos[1:] if spec.colnos else []
    return TableSpec(spec.table_code, spec.title, header, colnos, rows, spec.shape)


def _write(page, point, text: str, size: float = SIZE) -> None:
    page.insert_text(point, text, fontname=CJK if any(ord(c) > 127 for c in text) else LATIN, fontsize=size)


def _width(text: str) -> float:
    if any(ord(c) > 127 for c in text):
        return len(text) * SIZE
    return pymupdf.get_text_length(text, fontname=LATIN, fontsize=SIZE)


def _column_widths(spec: TableSpec) -> list[float]:
    """Each column as wide as its widest body text (headers wrap instead), scaled to fit the page."""
    n = len(spec.header[-1])
    widths = [24.0] * n
    for row in spec.rows:
        for c, cell in enumerate(row):
            text = f"{cell.value:,.2f}" if isinstance(cell, Amount) else (cell or "")
            widths[c] = max(widths[c], _width(text) + 8)
    for c in range(n):  # a header word of two characters must fit on a line
        widths[c] = max(widths[c], 2 * SIZE + 8)
    room = PAGE_W - 2 * MARGIN
    if sum(widths) > room:
        widths = [w * room / sum(widths) for w in widths]
    return widths


def _wrap(text: str, width: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and _width(cur + ch) > width - 4:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur] if cur else lines


def _merged_cells(header: list[list[str]]) -> list[tuple[int, int, int, int, str]]:
    """(row0, row1, col0, col1, text) of each header cell, spans as the header rows imply them."""
    filled = fill_spans(header)
    n_rows, n_cols = len(filled), len(filled[0])
    cells = []
    for r in range(n_rows):
        c = 0
        while c < n_cols:
            text = filled[r][c]
            c1 = c
            while c1 + 1 < n_cols and text and filled[r][c1 + 1] == text and \
                    all(filled[k][c1 + 1] == filled[k][c] for k in range(r)):
                c1 += 1
            if text:
                r1 = r
                while r1 + 1 < n_rows and all(not filled[r1 + 1][k] for k in range(c, c1 + 1)):
                    r1 += 1
                cells.append((r, r1, c, c1, text))
            c = c1 + 1
    return cells


def _table(doc, f: Figures, spec: TableSpec, style: PdfStyle, truths: list[Truth]) -> None:
    widths = _column_widths(spec)
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    rows = spec.rows
    first = True
    while first or rows:
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        y = MARGIN + 10
        if first:
            _write(page, ((PAGE_W - _width(spec.title) * 1.6) / 2, y), spec.title, SIZE * 1.6)
            _write(page, (MARGIN, y + 26), f"编制部门：{f.department}")
            _write(page, (xs[-1] - 60, y + 26), f"单位：{f.unit}")
            y += 40
        if first or style.repeat_header:
            y = _header(page, spec, xs, y, style)
        body_top = y
        chunk, rows = rows[: style.rows_per_page], rows[style.rows_per_page:]
        for row in chunk:
            for c, cell in enumerate(row):
                text = cell_text(cell, truths, zeros=True, sep=spec.shape == "two_sided")
                if not text:
                    continue
                x = xs[c + 1] - 3 - _width(text) if isinstance(cell, Amount) else xs[c] + 3
                _write(page, (x, y + ROW_H - 5), text)
            y += ROW_H
        if style.ruled:
            for k in range(len(chunk) + 1):
                page.draw_line((xs[0], body_top + k * ROW_H), (xs[-1], body_top + k * ROW_H), color=(0, 0, 0), width=0.5)
            for x in xs:
                page.draw_line((x, body_top), (x, y), color=(0, 0, 0), width=0.5)
        first = False


def _header(page, spec: TableSpec, xs: list[float], y: float, style: PdfStyle) -> float:
    rows = spec.header + ([spec.colnos] if spec.colnos else [])
    cells = _merged_cells(rows)
    heights = [ROW_H] * len(rows)
    for r0, r1, c0, c1, text in cells:  # a row grows to hold its cells' wrapped text
        need = len(_wrap(text, xs[c1 + 1] - xs[c0])) * (SIZE + 1) + 8
        heights[r1] = max(heights[r1], need - sum(heights[r0:r1]))
    tops = [y + sum(heights[:r]) for r in range(len(rows) + 1)]
    for r0, r1, c0, c1, text in cells:
        x0, x1 = xs[c0], xs[c1 + 1]
        y0, y1 = tops[r0], tops[r1 + 1]
        lines = _wrap(text, x1 - x0)
        first = (y0 + y1) / 2 - (len(lines) - 1) * (SIZE + 1) / 2 + 3
        for k, line in enumerate(lines):
            _write(page, ((x0 + x1 - _width(line)) / 2, first + k * (SIZE + 1)), line)
        if style.ruled:
            page.draw_rect(pymupdf.Rect(x0, y0, x1, y1), color=(0, 0, 0), width=0.5)
    return tops[-1]
