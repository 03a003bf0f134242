"""camelot lattice on one page -> the same PageTable the geometry path builds (fallback and baseline)."""
from __future__ import annotations

from .model import Cell
from .pdf_geometry import PageGeometry
from .pdf_tables import PageTable, _title_and_unit
from .text_tsv import split_header


def camelot_tables(data: bytes, geo: PageGeometry) -> list[PageTable]:
    import camelot  # imported on use: only ruled pages the geometry path could not read need it

    out = []
    # split_text: a text line running over several cells is cut at the cell borders
    for t in camelot.read_pdf(data, pages=str(geo.number), flavor="lattice", suppress_stdout=True, split_text=True):
        grid = [(r, [c.text.strip() for c in row]) for r, row in enumerate(t.cells)]
        header_end, body_start = split_header(grid)
        header = [cells for _, cells in grid[:header_end]]
        rows = []
        for r in range(body_start, len(t.cells)):
            cells: list[Cell | None] = []
            for c in t.cells[r]:
                text = c.text.strip().replace("\n", "")
                # camelot's y runs up from the page bottom; ours runs down from the top
                bbox = (c.x1, geo.height - c.y2, c.x2, geo.height - c.y1)
                cells.append(Cell(text, geo.number, bbox) if text else None)
            if any(cells):
                rows.append((cells, geo.number))
        top = geo.height - max(c.y2 for row in t.cells for c in row)
        title, unit = _title_and_unit(geo, top)
        out.append(PageTable(geo.number, title, unit, header, rows, len(t.cells[0]), "camelot-lattice", top,
                             " ".join(" ".join(h) for h in header)))
    return out
