"""Image work on a scanned page before and around OCR (numpy + OpenCV, no pymupdf, no OCR):
clean the speckles, undo the small rotation of the scan, and find the ruling lines on the image."""
from __future__ import annotations

import cv2
import numpy as np

from .pdf_geometry import Rule

MAX_SKEW = 3.0  # degrees; a page fed more crookedly than this is not corrected
INK = 160  # grey level: darker pixels are ink
RULE_INK = 200  # a thin rule turned a little is spread over two pixel rows in light grey
RULE_GAP_PT = 6.0  # pieces of one rule broken by dust or a faint stretch are joined over this gap
H_KERNEL_PT = 24.0  # a horizontal rule is a run of ink longer than this (two glyphs and more)
V_KERNEL_PT = 14.0  # a vertical one: taller than a glyph, shorter than a one-line header cell
END_REACH_PT = 3.0  # a vertical rule ends on horizontal rules (a glyph's stroke does not)


def clean(gray: np.ndarray) -> np.ndarray:
    """A scanner's speckles read as stray dots and commas.  Only ink pixels with no ink around them
    are removed: a median filter would also erase one-pixel strokes (一) and decimal points."""
    ink = (gray < INK).astype(np.uint8)
    neighbours = cv2.boxFilter(ink, cv2.CV_16U, (3, 3), normalize=False) - ink
    out = gray.copy()
    out[(ink == 1) & (neighbours == 0)] = 255
    return out


def skew_angle(gray: np.ndarray) -> float:
    """Degrees to turn the page by (counter-clockwise positive) to straighten it: the angle at which
    the rows of ink are sharpest (text lines and rules line up with the pixel rows)."""
    ink = (gray < INK).astype(np.uint8) * 255
    scale = 800 / max(ink.shape)
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink

    def sharpness(angle: float) -> float:
        rows = _rotate(small, angle, 0).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness))


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    return gray if abs(angle) < 0.05 else _rotate(gray, angle, 255)


def _rotate(img: np.ndarray, angle: float, fill: int) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def find_rules(gray: np.ndarray, points_per_pixel: float) -> tuple[list[Rule], np.ndarray]:
    """Ruling lines, in PDF points, and the mask of their pixels (to erase before OCR, which reads a
    rule beside a figure as 1 or a stray point).  Rules are long thin runs of ink: the kernels are
    longer than any glyph (一, —, 丨 are about a character wide or tall), shorter than one cell."""
    ink = (gray < RULE_INK).astype(np.uint8)
    # a scanner's speckles punch holes into one-pixel rules: bridge them along each direction first
    across = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    min_h = max(3, round(H_KERNEL_PT / points_per_pixel))
    min_v = max(3, round(V_KERNEL_PT / points_per_pixel))
    found: dict[bool, list[tuple[Rule, int, int, np.ndarray]]] = {False: [], True: []}
    for vertical, kernel, img in ((False, (min_h, 1), across), (True, (1, min_v), down)):
        mask = cv2.morphologyEx(img, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for k in range(1, n):
            x, y, w, h = (int(v) for v in stats[k][:4])
            x0, y0, x1, y1 = (v * points_per_pixel for v in (x, y, x + w, y + h))
            if vertical and h > 2 * w:
                xc = round((x0 + x1) / 2, 1)
                found[True].append((Rule(xc, y0, xc, y1), x, y, labels[y:y + h, x:x + w] == k))
            elif not vertical and w > 2 * h:
                yc = round((y0 + y1) / 2, 1)
                found[False].append((Rule(x0, yc, x1, yc), x, y, labels[y:y + h, x:x + w] == k))
    kept = _framed(_joined([f[0] for f in found[False]]), _joined([f[0] for f in found[True]]))
    erase = np.zeros(gray.shape, dtype=np.uint8)
    for r, x, y, part in found[False] + found[True]:
        if any(_within(r, k) for k in kept):
            erase[y:y + part.shape[0], x:x + part.shape[1]] |= part.astype(np.uint8)
    # the light grey fringe of a rule turned a little would stay behind as dots and read as points
    return kept, cv2.dilate(erase, np.ones((5, 5), np.uint8))


def erase(gray: np.ndarray, mask: np.ndarray) -> np.ndarray:
    out = gray.copy()
    out[mask > 0] = 255
    return out


def _joined(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces a short gap apart -> one rule (all horizontal or all vertical)."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (round(r.x0 if r.vertical else r.y0), r.y0 if r.vertical else r.x0)):
        last = out[-1] if out else None
        if last is not None and r.vertical and abs(r.x0 - last.x0) <= 1.5 and r.y0 - last.y1 <= RULE_GAP_PT:
            out[-1] = Rule(last.x0, last.y0, last.x1, max(last.y1, r.y1))
        elif last is not None and not r.vertical and abs(r.y0 - last.y0) <= 1.5 and r.x0 - last.x1 <= RULE_GAP_PT:
            out[-1] = Rule(last.x0, last.y0, max(last.x1, r.x1), last.y1)
        else:
            out.append(r)
    return out


def _within(piece: Rule, rule: Rule) -> bool:
    return piece.vertical == rule.vertical and rule.x0 - 1.5 <= piece.x0 and piece.x1 <= rule.x1 + 1.5 \
        and rule.y0 - 1.5 <= piece.y0 and piece.y1 <= rule.y1 + 1.5


def _framed(across: list[Rule], down: list[Rule]) -> list[Rule]:
    """A table's rules meet at their ends: a horizontal rule ends on vertical ones and a vertical on
    horizontal ones.  Glyph strokes the kernels let through (1, 丨, a row of 一) stand free."""
    def on_vertical(x: float, y: float, rules: list[Rule]) -> bool:
        return any(abs(v.x0 - x) <= END_REACH_PT and v.y0 - END_REACH_PT <= y <= v.y1 + END_REACH_PT for v in rules)

    def on_horizontal(x: float, y: float, rules: list[Rule]) -> bool:
        return any(abs(h.y0 - y) <= END_REACH_PT and h.x0 - END_REACH_PT <= x <= h.x1 + END_REACH_PT for h in rules)

    across = [h for h in across if on_vertical(h.x0, h.y0, down) and on_vertical(h.x1, h.y0, down)]
    down = [v for v in down if on_horizontal(v.x0, v.y0, across) and on_horizontal(v.x0, v.y1, across)]
    return across + down
