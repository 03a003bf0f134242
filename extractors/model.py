"""The table structure every extractor produces and the normalizer reads."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Cell:
    """Characters as printed, where they were printed."""

    text: str
    page: int  # 1-based PDF page, or 1-based line number for text sources
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None  # OCR only


@dataclass(slots=True)
class Row:
    """One table row.

    `cells` is positional (index = column).  Text pulled out of a PDF without layout loses
    empty cells, so a row may also carry `floating` amounts: they lie, in order, somewhere in
    columns `span[0] .. span[1]-1`, and the normalizer decides where from the table's arithmetic.
    """

    cells: list[Cell | None]
    line: int
    floating: list[Cell] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)


@dataclass(slots=True)
class RawTable:
    title: Cell
    unit: str | None  # as printed: 万元, 元
    header: list[list[str]]  # positional header rows, top to bottom
    rows: list[Row]
    n_columns: int
    method: str  # how the table was read: tsv, flow, words, camelot-lattice ...
    header_text: str = ""  # all header text in reading order
    page_methods: dict[int, str] = field(default_factory=dict)  # a table across text and scanned pages


@dataclass(slots=True)
class Extraction:
    layout: str
    tables: list[RawTable]
    lines: list[str]  # the document's text, for metadata; index + 1 = line (or page) number
    media_type: str = "text/plain"


class ExtractionError(ValueError):
    """The document cannot be read; the message is the one-line reason."""
