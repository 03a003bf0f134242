"""Image work before OCR, on images drawn here: skew, specks, ruling lines, and word splitting."""
import cv2
import numpy as np
import pytest

from extractors.ocr import _words
from extractors.scan_image import clean, deskew, erase, find_rules, skew_angle

PT = 0.48  # points per pixel at 150 dpi


def grid(rows=6, cols=5, w=1200, h=600) -> np.ndarray:
    img = np.full((h, w), 255, np.uint8)
    for r in range(rows + 1):
        cv2.line(img, (100, 100 + r * 60), (100 + cols * 180, 100 + r * 60), 0, 1)
    for c in range(cols + 1):
        cv2.line(img, (100 + c * 180, 100), (100 + c * 180, 100 + rows * 60), 0, 1)
    for r in range(rows):  # glyph-like strokes inside the cells: a "1" and a "一"
        cv2.line(img, (150, 115 + r * 60), (150, 135 + r * 60), 0, 2)
        cv2.line(img, (320, 130 + r * 60), (338, 130 + r * 60), 0, 2)
    return img


def turned(img: np.ndarray, angle: float) -> np.ndarray:
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


@pytest.mark.parametrize("angle", [-1.2, -0.4, 0.0, 0.7, 1.5])
def test_skew_is_measured_and_undone(angle):
    img = turned(grid(), angle)
    found = skew_angle(img)
    assert abs(found + angle) <= 0.1  # the turn that undoes the scan's
    assert abs(skew_angle(deskew(img, found))) <= 0.1


def test_rules_are_found_glyph_strokes_are_not():
    rules, mask = find_rules(grid(), PT)
    horizontal = sorted({round(r.y0 / PT) for r in rules if not r.vertical})
    vertical = sorted({round(r.x0 / PT) for r in rules if r.vertical})
    assert horizontal == [100 + 60 * k for k in range(7)]
    assert vertical == [100 + 180 * k for k in range(6)]  # the "1" strokes at x=150 are no rule
    cleaned = erase(grid(), mask)
    assert (cleaned[100, 100:1000] == 255).all()  # the rule is gone
    assert (cleaned[115:135, 150] == 0).all()  # the glyph stays


def test_rules_survive_specks_and_a_turn():
    rng = np.random.default_rng(0)
    img = turned(grid(), 0.6).astype(np.float32) + rng.normal(0, 10, (600, 1200))
    dust = rng.random(img.shape)
    img[dust < 0.001] = 0
    img = clean(np.clip(img, 0, 255).astype(np.uint8))
    rules, _ = find_rules(deskew(img, skew_angle(img)), PT)
    assert sum(not r.vertical for r in rules) == 7 and sum(r.vertical for r in rules) == 6


def test_clean_removes_lone_specks_and_keeps_points():
    img = np.full((40, 40), 255, np.uint8)
    img[5, 5] = 0  # a speck of dust
    img[20:22, 20:22] = 0  # a decimal point at 150 dpi
    out = clean(img)
    assert out[5, 5] == 255 and (out[20:22, 20:22] == 0).all()


def line(text, xs, y0=100, y1=125):
    """A rapidocr result line with glyph boxes at the given x ranges (pixels)."""
    glyphs = [[[a, y0], [b, y0], [b, y1], [a, y1]] for a, b in xs]
    box = [[xs[0][0], y0], [xs[-1][1], y0], [xs[-1][1], y1], [xs[0][0], y1]]
    return [box, text, 0.95, glyphs, list(text), [0.99] * (len(text) - 1) + [0.7]]


def test_words_split_at_rules_and_beside_figures():
    # "0.00二、公共" : a figure, then a label one column's padding (10 px) to its right
    xs = [(0, 8), (8, 12), (12, 20), (20, 28), (38, 55), (55, 70), (70, 86), (86, 102)]
    words = _words(line("0.00二、公共", xs), PT, [])
    assert [w.text for w in words] == ["0.00", "二、公共"]
    assert words[0].confidence == 0.99 and words[1].confidence == 0.7  # the least sure glyph
    assert words[0].x0 == 0 and words[1].x0 == pytest.approx(38 * PT)
    # two label cells joined across an erased rule at x=40: cut there although the gap is narrow
    xs = [(0, 16), (16, 32), (44, 60), (60, 76)]
    assert [w.text for w in _words(line("合计收入", xs), PT, [(38.0, 0.0, 500.0)])] == ["合计", "收入"]
    # a rule elsewhere on the page (beside other rows) does not cut this line
    assert [w.text for w in _words(line("合计收入", xs), PT, [(38.0, 300.0, 500.0)])] == ["合计收入"]
