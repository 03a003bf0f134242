"""Words + ruling lines of one page -> tables of positional cells.

Pipeline (each step a small function): rules -> table regions -> column bands -> header cells (their
spans from the rules around them) -> row bands -> body cells.  Ruled tables take their columns from
the vertical rules; unruled ones from the gaps between the amounts and labels of their body lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Cell
from .pdf_geometry import PageGeometry, Rule, Word
from .tokens import COLUMN_NO_LABEL, is_amount, is_code, is_title_candidate, unit_in

SNAP = 2.0  # points: rules closer than this are one rule
LINE_TOL = 3.0  # points: words whose centres are this close in y share a text line
TITLE_REACH = 90.0  # points above a table searched for its title and unit


@dataclass(slots=True)
class PageTable:
    page: int
    title: Cell | None
    unit: str | None
    header: list[list[str]]
    rows: list[tuple[list[Cell | None], int]]  # positional cells, and the row's page
    n_columns: int
    method: str
    top: float
    header_text: str = ""
    bands: list[tuple[float, float]] = field(default_factory=list)
    body: list[Word] = field(default_factory=list)  # body words, to re-read against another page's bands


@dataclass(slots=True)
class _Region:
    x0: float
    y0: float
    x1: float
    y1: float
    rules: list[Rule] = field(default_factory=list)


def text_lines(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.yc, w.x0)):
        if lines and abs(lines[-1][0].yc - w.yc) <= LINE_TOL:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def line_text(line: list[Word]) -> str:
    return "".join(w.text for w in line)


def regions(rules: list[Rule]) -> list[_Region]:
    """Connected groups of rules: each is one ruled table."""
    out: list[_Region] = []
    for r in sorted(rules, key=lambda r: (r.y0, r.x0)):
        hit = [g for g in out if r.x0 <= g.x1 + SNAP and r.x1 >= g.x0 - SNAP and r.y0 <= g.y1 + SNAP and r.y1 >= g.y0 - SNAP]
        if not hit:
            out.append(_Region(r.x0, r.y0, r.x1, r.y1, [r]))
            continue
        g = hit[0]
        for other in hit[1:]:
            g.rules += other.rules
            g.x0, g.y0, g.x1, g.y1 = min(g.x0, other.x0), min(g.y0, other.y0), max(g.x1, other.x1), max(g.y1, other.y1)
            out.remove(other)
        g.rules.append(r)
        g.x0, g.y0, g.x1, g.y1 = min(g.x0, r.x0), min(g.y0, r.y0), max(g.x1, r.x1), max(g.y1, r.y1)
    return [g for g in out if sum(r.vertical for r in g.rules) >= 2 and sum(not r.vertical for r in g.rules) >= 2]


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def find_tables(geo: PageGeometry) -> list[PageTable]:
    tables = [_ruled(geo, reg) for reg in regions(geo.rules)]
    tables = [t for t in tables if t is not None]
    if not tables:
        t = _unruled(geo)
        if t is not None:
            tables.append(t)
    return tables


def _title_and_unit(geo: PageGeometry, top: float) -> tuple[Cell | None, str | None]:
    above = [line for line in text_lines([w for w in geo.words if top - TITLE_REACH < w.yc < top])]
    title = unit = None
    for line in above:
        text = line_text(line)
        unit = unit_in(" ".join(w.text for w in line)) or unit
        if is_title_candidate(text):
            title = Cell(text, geo.number, _bbox(line))
    return title, unit


def _bbox(words: list[Word]) -> tuple[float, float, float, float]:
    return (min(w.x0 for w in words), min(w.y0 for w in words), max(w.x1 for w in words), max(w.y1 for w in words))


def _is_data_line(line: list[Word], first_col_right: float | None = None) -> bool:
    return any(is_amount(w.text) for w in line) or (bool(line) and is_code(line[0].text) and
                                                    (first_col_right is None or line[0].x1 <= first_col_right + SNAP))


def _ruled(geo: PageGeometry, reg: _Region) -> PageTable | None:
    verticals = [r for r in reg.rules if r.vertical]
    horizontals = [r for r in reg.rules if not r.vertical]
    xs = _snap([r.x0 for r in verticals])
    if len(xs) < 2:
        return None
    bands = list(zip(xs, xs[1:]))
    words = [w for w in geo.words if reg.x0 - SNAP <= w.xc <= reg.x1 + SNAP and reg.y0 - SNAP <= w.yc <= reg.y1 + SNAP]
    lines = text_lines(words)
    first_data = next((i for i, line in enumerate(lines) if _is_data_line(line, bands[0][1])), len(lines))
    header_words = [w for line in lines[:first_data] for w in line]
    body_top = lines[first_data][0].y0 - 1 if first_data < len(lines) else reg.y1
    header = _ruled_header(header_words, verticals, horizontals, bands)
    ys = _snap([r.y0 for r in horizontals if r.y0 >= body_top - SNAP and r.x1 - r.x0 > (reg.x1 - reg.x0) / 3])
    rows = _rows([w for line in lines[first_data:] for w in line], bands, ys, geo.number)
    title, unit = _title_and_unit(geo, reg.y0)
    return PageTable(geo.number, title, unit, header, rows, len(bands), "words-ruled", reg.y0,
                     " ".join(line_text(line) for line in lines[:first_data]))


def _ruled_header(words: list[Word], verticals: list[Rule], horizontals: list[Rule],
                  bands: list[tuple[float, float]]) -> list[list[str]]:
    """Each header word belongs to the cell the rules around it close; the cell covers the columns
    between its left and right rules.  A column's header path is its cells from the top down."""
    cells: dict[tuple[float, float, float], list[Word]] = {}
    for w in words:
        left = max((r.x0 for r in verticals if r.x0 <= w.x0 + SNAP and r.y0 - SNAP <= w.yc <= r.y1 + SNAP), default=bands[0][0])
        right = min((r.x0 for r in verticals if r.x0 >= w.x1 - SNAP and r.y0 - SNAP <= w.yc <= r.y1 + SNAP), default=bands[-1][1])
        top = max((r.y0 for r in horizontals if r.y0 <= w.y0 + SNAP and r.x0 - SNAP <= w.xc <= r.x1 + SNAP), default=0.0)
        # keys rounded: the same rule drawn twice can differ in the last float digits
        cells.setdefault((round(left, 1), round(right, 1), round(top, 1)), []).append(w)
    return _grid(cells, bands)


def _grid(cells: dict[tuple[float, float, float], list[Word]], bands: list[tuple[float, float]]) -> list[list[str]]:
    paths: list[list[tuple[float, str]]] = [[] for _ in bands]
    for (left, right, top), ws in cells.items():
        text = "".join(w.text for w in sorted(ws, key=lambda w: (round(w.yc / LINE_TOL), w.x0)))
        if text.isdigit() or COLUMN_NO_LABEL.match(text):
            continue  # the 栏次 row numbers the columns; it names none
        for i, (b0, b1) in enumerate(bands):
            if b0 >= left - SNAP and b1 <= right + SNAP:
                paths[i].append((top, text))
    depth = max((len(p) for p in paths), default=0)
    grid = [["" for _ in bands] for _ in range(depth)]
    for i, p in enumerate(paths):
        for level, (_, text) in enumerate(sorted(p)):
            grid[level][i] = text
    return grid


def _rows(words: list[Word], bands: list[tuple[float, float]], ys: list[float], page: int) -> list[tuple[list[Cell | None], int]]:
    """Body words -> rows: one row per band between horizontal rules; a band holding several amount
    lines (no rules between rows) splits at them; a line with no amount (a wrapped name) joins its row."""
    first_right = bands[0][1]
    groups: list[tuple[int | None, list[list[Word]]]] = []
    for line in text_lines(words):
        band = next((k for k, (a, b) in enumerate(zip(ys, ys[1:])) if a - SNAP <= line[0].yc <= b + SNAP), None)
        data = _is_data_line(line, first_right)
        if groups:
            g_band, g_lines = groups[-1]
            g_data = any(_is_data_line(ln, first_right) for ln in g_lines)
            if (band is not None and band == g_band and not (data and g_data)) or (band is None and not data):
                g_lines.append(line)
                continue
        groups.append((band, [line]))
    out = []
    for _, group in groups:
        cells: list[list[Word]] = [[] for _ in bands]
        for w in (w for line in group for w in line):
            k = next((i for i, (a, b) in enumerate(bands) if a - SNAP <= w.xc <= b + SNAP), None)
            if k is not None:
                cells[k].append(w)
        row = [Cell(_cell_text(c), page, _bbox(c), _confidence(c)) if c else None for c in cells]
        if any(row):
            out.append((row, page))
    return out


def _confidence(words: list[Word]) -> float | None:
    """OCR: a cell is as sure as its least sure word."""
    known = [w.confidence for w in words if w.confidence is not None]
    return min(known) if known else None


def _cell_text(words: list[Word]) -> str:
    return "".join(w.text for w in sorted(words, key=lambda w: (round(w.yc / LINE_TOL), w.x0)))


def _unruled(geo: PageGeometry) -> PageTable | None:
    """No rules: the body lines (those with amounts) give the column bands by the gaps between words."""
    lines = text_lines(geo.words)
    start = next((i for i, line in enumerate(lines) if _is_data_line(line)), None)
    if start is None:
        return None
    # the header: the lines above the first data line, back to the title / unit lines
    head_start = start
    while head_start > 0 and not is_title_candidate(line_text(lines[head_start - 1])) \
            and not unit_in(" ".join(w.text for w in lines[head_start - 1])) and start - head_start < 14:
        head_start -= 1
    end = start
    while end < len(lines) and (_is_data_line(lines[end]) or _continues(lines, end)):
        end += 1
    body = [w for line in lines[start:end] for w in line]
    spans: list[list[float]] = []
    for w in sorted(body, key=lambda w: w.x0):
        if spans and w.x0 <= spans[-1][1] + SNAP:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    if len(spans) < 2:
        return None
    edges = [spans[0][0] - SNAP] + [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])] + [spans[-1][1] + SNAP]
    bands = list(zip(edges, edges[1:]))
    header_lines = lines[head_start:start]
    cells = _unruled_header_cells([w for line in header_lines for w in line], bands)
    header = _grid(cells, bands)
    rows = _rows(body, bands, [], geo.number)
    top = header_lines[0][0].y0 if header_lines else lines[start][0].y0
    title, unit = _title_and_unit(geo, top)
    return PageTable(geo.number, title, unit, header, rows, len(bands), "words-unruled", top,
                     " ".join(line_text(line) for line in header_lines), bands, body)


def reread(t: PageTable, bands: list[tuple[float, float]]) -> PageTable:
    """An unruled continuation page read with the columns of the page its table started on."""
    rows = _rows(t.body, bands, [], t.page)
    return PageTable(t.page, t.title, t.unit, t.header, rows, len(bands), t.method, t.top, t.header_text, bands, t.body)


def _unruled_header_cells(words: list[Word], bands: list[tuple[float, float]]) -> dict[tuple[float, float, float], list[Word]]:
    """Wrapped header text stacks into cells (overlapping in x, a line apart); a cell with others
    beneath it labels a group and owns the columns nearer to it than to its neighbours in its row;
    a leaf cell owns the columns under it."""
    stacks: list[list[Word]] = []
    words = [w for w in words if not (w.text.isdigit() or COLUMN_NO_LABEL.match(w.text))]  # the 栏次 row
    for w in sorted(words, key=lambda w: (w.y0, w.x0)):
        for st in stacks:
            last = st[-1]
            overlap = min(w.x1, max(v.x1 for v in st)) - max(w.x0, min(v.x0 for v in st))
            gap, height = w.y0 - last.y1, last.y1 - last.y0
            if overlap >= 0.5 * min(w.x1 - w.x0, last.x1 - last.x0) and -0.5 * height <= gap <= 0.3 * height:
                st.append(w)
                break
        else:
            stacks.append([w])
    boxes = [(min(w.x0 for w in st), min(w.y0 for w in st), max(w.x1 for w in st), max(w.y1 for w in st)) for st in stacks]
    out: dict[tuple[float, float, float], list[Word]] = {}
    for st, (x0, y0, x1, y1) in zip(stacks, boxes):
        below = [b for b in boxes if b[1] >= y1 - 1 and x0 - 40 <= (b[0] + b[2]) / 2 <= x1 + 40]
        if below:
            row = sorted((b for b in boxes if b[1] < y1 and b[3] > y0), key=lambda b: b[0])
            i = row.index((x0, y0, x1, y1))
            lo = (row[i - 1][2] + x0) / 2 if i else bands[0][0]
            hi = (x1 + row[i + 1][0]) / 2 if i + 1 < len(row) else bands[-1][1]
            cols = [k for k, (a, b) in enumerate(bands) if lo <= (a + b) / 2 <= hi]
        else:  # a leaf: the column under its centre, and any column it covers whole
            xc = (x0 + x1) / 2
            cols = [k for k, (a, b) in enumerate(bands) if a <= xc <= b or (x0 <= a and b <= x1)]
        cols = cols or [min(range(len(bands)), key=lambda k: abs((bands[k][0] + bands[k][1]) / 2 - (x0 + x1) / 2))]
        out[(bands[cols[0]][0], bands[cols[-1]][1], y0)] = st
    return out


def _continues(lines: list[list[Word]], i: int) -> bool:
    """A line with no amount between two data lines: a wrapped name."""
    return 0 < i < len(lines) - 1 and _is_data_line(lines[i + 1]) and len(lines[i]) <= 2
