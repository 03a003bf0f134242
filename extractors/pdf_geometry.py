"""What a PDF page offers the table finder: words with boxes, and ruling lines (pymupdf)."""
from __future__ import annotations

from dataclasses import dataclass

RULE_THICKNESS = 2.5  # a filled rectangle thinner than this is a ruling line
MIN_RULE_LENGTH = 5.0


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None = None  # OCR words only

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal (y0 == y1) or vertical (x0 == x1) ruling segment."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return self.x0 == self.x1


@dataclass(slots=True)
class PageGeometry:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    rules: list[Rule]


def page_geometry(page) -> PageGeometry:
    """pymupdf Page -> words and rules; the only function here that touches pymupdf."""
    words = [Word(w[4], w[0], w[1], w[2], w[3]) for w in page.get_text("words", sort=True)]
    rules: list[Rule] = []
    for drawing in page.get_drawings():
        for item in drawing["items"]:
            if item[0] == "l":
                p, q = item[1], item[2]
                rules += _as_rule(min(p.x, q.x), min(p.y, q.y), max(p.x, q.x), max(p.y, q.y))
            elif item[0] == "re":
                r = item[1]
                if r.width < RULE_THICKNESS or r.height < RULE_THICKNESS:
                    rules += _as_rule(r.x0, r.y0, r.x1, r.y1)
                elif drawing.get("color") is not None:  # a stroked box: its four sides
                    rules += [Rule(r.x0, r.y0, r.x1, r.y0), Rule(r.x0, r.y1, r.x1, r.y1),
                              Rule(r.x0, r.y0, r.x0, r.y1), Rule(r.x1, r.y0, r.x1, r.y1)]
    return PageGeometry(page.number + 1, page.rect.width, page.rect.height, words, rules)


def _as_rule(x0: float, y0: float, x1: float, y1: float) -> list[Rule]:
    if x1 - x0 >= y1 - y0 and x1 - x0 >= MIN_RULE_LENGTH:
        y = round((y0 + y1) / 2, 1)
        return [Rule(x0, y, x1, y)]
    if y1 - y0 > x1 - x0 and y1 - y0 >= MIN_RULE_LENGTH:
        x = round((x0 + x1) / 2, 1)
        return [Rule(x, y0, x, y1)]
    return []
