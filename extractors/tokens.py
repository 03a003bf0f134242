"""Lexical patterns shared by the text extractors: what an amount, a code, a title, a unit look like."""
from __future__ import annotations

import re

# An amount as printed: thousands separators, a decimal part (sometimes with a stray space after
# the point, "1. 41"), a sign or parentheses, full-width digits are folded before matching.
AMOUNT = r"[-－]?\(?\d{1,3}(?:,\d{3})+(?:\.\s?\d+)?\)?|[-－]?\(?\d+\.\s?\d+\)?"
AMOUNT_RE = re.compile(rf"^(?:{AMOUNT})$")
CODE_RE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|千元|亿元|元)")
NOTE_RE = re.compile(r"^\s*(注|说明)\s*[:：]")
SERIAL_RE = re.compile(r"^\s*公开\s*\d+\s*表?\s*$")
COLUMN_NO_LABEL = re.compile(r"^栏\s*次$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def fold(text: str) -> str:
    """Full-width digits and punctuation to ASCII, so amounts match one pattern."""
    return text.translate(_FULLWIDTH)


def is_amount(text: str) -> bool:
    return bool(AMOUNT_RE.match(fold(text.strip())))


def is_code(text: str) -> bool:
    return bool(CODE_RE.match(text.strip()))


def squash(text: str) -> str:
    """Remove all white space: Chinese headers are often letter-spaced (合 计, 项 目)."""
    return "".join(text.split())  # str.split: the same white space as \s, without a regex per call


_TITLE_END = re.compile(r"表\s*(?:[\(（][^)）]*[\)）])?$")


def is_title_candidate(line: str) -> bool:
    """A line that could be a table title: short, ends with 表, not a sentence or a serial number."""
    s = squash(line)
    if len(s) < 4 or len(s) > 60 or SERIAL_RE.match(s):
        return False
    if any(p in s for p in "。；，"):
        return False
    return bool(_TITLE_END.search(s))


def unit_in(line: str) -> str | None:
    m = UNIT_RE.search(line)
    return m.group(1) if m else None
