"""`text-tsv` / `text-markdown`: tables whose cells are separated by tabs in plain text or markdown.

Pipeline: tab-line blocks -> the title and unit printed above each block -> header rows
(down to the 栏次 / column-number row or the first data row) -> positional body rows.
"""
from __future__ import annotations

from .markup import clean_line
from .model import Cell, Extraction, RawTable, Row
from .tokens import COLUMN_NO_LABEL, is_amount, is_code, is_title_candidate, squash, unit_in

MAX_BLANK_GAP = 3  # blank lines tolerated inside one table (page breaks leave a few)
TITLE_LOOKBACK = 15  # lines above a block searched for its title


def extract_tsv(text: str, layout: str = "text-tsv") -> Extraction:
    lines = [clean_line(line) for line in text.split("\n")]
    tables: list[RawTable] = []
    prev_end = -1
    for start, end in tab_blocks(lines):
        table = _table_for_block(lines, start, end, floor=prev_end + 1)
        prev_end = end
        if table is not None:
            tables.append(table)
    return Extraction(layout=layout, tables=tables, lines=lines)


def tab_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) indices of runs of tab lines, allowing short blank gaps inside."""
    blocks: list[tuple[int, int]] = []
    start = last = None
    for i, line in enumerate(lines):
        if "\t" in line:
            if start is None:
                start = i
            elif i - last - 1 > MAX_BLANK_GAP or any(lines[j].strip() for j in range(last + 1, i)):
                blocks.append((start, last))
                start = i
            last = i
    if start is not None:
        blocks.append((start, last))
    return blocks


def _table_for_block(lines: list[str], start: int, end: int, floor: int) -> RawTable | None:
    lo = max(floor, start - TITLE_LOOKBACK)
    title_idx = next((i for i in range(start - 1, lo - 1, -1) if is_title_candidate(lines[i])), None)
    if title_idx is None:
        return None
    unit = next((u for i in range(title_idx, start) if (u := unit_in(lines[i]))), None)
    grid = [(i, lines[i].split("\t")) for i in range(start, end + 1) if lines[i].strip()]
    n_cols = max(len(cells) for _, cells in grid)
    header_end, body_start = split_header(grid)
    header = [[c.strip() for c in cells] + [""] * (n_cols - len(cells)) for _, cells in grid[:header_end]]
    rows = [
        Row(cells=[Cell(c.strip(), i + 1) if c.strip() else None for c in cells] + [None] * (n_cols - len(cells)), line=i + 1)
        for i, cells in grid[body_start:]
    ]
    title = Cell(lines[title_idx].strip(), title_idx + 1)
    header_text = " ".join(" ".join(h) for h in header)
    return RawTable(title=title, unit=unit, header=header, rows=rows, n_columns=n_cols, method="tsv",
                    header_text=header_text)


def split_header(grid: list[tuple[int, list[str]]]) -> tuple[int, int]:
    """(end of header rows, start of body rows): the 栏次 row or column-number row sits between."""
    for k, (_, cells) in enumerate(grid):
        texts = [squash(c) for c in cells]
        nonempty = [t for t in texts if t]
        if not nonempty:
            continue
        if COLUMN_NO_LABEL.match(nonempty[0]) or _is_column_numbers(nonempty):
            return k, k + 1
        if is_data_row(texts):
            return k, k
    return len(grid), len(grid)


def _is_column_numbers(nonempty: list[str]) -> bool:
    return len(nonempty) >= 2 and all(t.isdigit() for t in nonempty) and \
        [int(t) for t in nonempty] == list(range(1, len(nonempty) + 1))


def is_data_row(texts: list[str]) -> bool:
    first = next((t for t in texts if t), "")
    return is_code(first) or any(is_amount(t) for t in texts)
