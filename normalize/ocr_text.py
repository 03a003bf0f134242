"""OCR confuses look-alike glyphs (收入 -> 收人, 拨款 -> 援款).  Text OCR read as a title, header or
row label is matched against the words this project knows (titles, header keywords, labels, code
names in data/reference/): a known word printed with a known confusion is read as the word.
Amounts are never touched: a misread figure must stay visible to the checks.  A code read with a
letter for a digit or a speck beside it is read as the code (letters only, never digit for digit)."""
from __future__ import annotations

import re
from functools import cache

from extractors.model import Cell, RawTable, Row
from extractors.tokens import is_amount, is_code

from .headers import fill_spans, is_code_header
from .reference import code_names, column_rules, label_rules, ocr_confusions, title_variants


@cache
def _seen_for() -> dict[str, str]:
    """meant character -> the characters OCR reads it as, in words"""
    out: dict[str, str] = {}
    for c in ocr_confusions():
        if c.where == "word":
            out[c.meant] = out.get(c.meant, "") + c.seen
    return out


@cache
def _code_digits() -> dict[str, str]:
    """letters OCR reads in place of digits of a function or economic code"""
    return {c.seen: c.meant for c in ocr_confusions() if c.where == "code"}


@cache
def vocabulary() -> tuple[str, ...]:
    words = {v.title for v in title_variants()}
    for rule in column_rules():
        words.update(rule.path_all + rule.leaf_any)
    words.update(r.label for r in label_rules())
    words.update(code_names())
    return tuple(sorted((w for w in words if len(w) >= 2), key=lambda w: (-len(w), w)))


@cache
def _pattern() -> re.Pattern[str] | None:
    seen = _seen_for()
    alts = []
    for word in vocabulary():
        if any(ch in seen for ch in word):
            alts.append("".join(f"[{re.escape(ch + seen[ch])}]" if ch in seen else re.escape(ch) for ch in word))
    return re.compile("|".join(alts)) if alts else None


_STRAY = ".,:;'`·、"  # specks and rule remnants read as points beside a code


@cache
def _code_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = "\\d" + re.escape("".join(_code_digits()))
    stray = re.escape(_STRAY)
    whole = re.compile(rf"^[{stray}]*([{d}]{{2,7}})[{stray}]*$")  # a code cell (类, 款, 项 or whole)
    # a code at the start of a label: 3, 5 or 7 characters, then the name
    lead = re.compile(rf"^([{d}]{{3}}(?:[{d}]{{2}}){{0,2}})[{stray}]*(?=[^{d}A-Za-z{stray}])")
    return whole, lead


def mend_code(text: str, code_column: bool = False) -> str:
    """A code OCR read with a letter for a digit (208Q5) or a stray point beside it (01.) -> the code.
    Letters only, never one digit for another, so a misread digit stays wrong and visible.  A whole
    cell is mended only in a column the header names a code column (in an amount column "12." is a
    misread figure, not a code); elsewhere only a code glued before a name ("20601.科学…")."""
    whole, lead = _code_patterns()
    m = (whole.match(text) if code_column else None) or lead.match(text)
    if m is None or sum(ch.isdigit() for ch in m.group(1)) < min(2, len(m.group(1)) - 1):
        return text
    return m.group(1).translate(str.maketrans(_code_digits())) + text[m.end():]


@cache
def _enumerator() -> tuple[re.Pattern[str], dict[str, str]]:
    dashes = {c.seen: c.meant for c in ocr_confusions() if c.where == "enumerator"}
    return re.compile(rf"^[{re.escape(''.join(dashes))}](?=[、.．])"), dashes


@cache
def _confusable() -> frozenset[str]:
    """every character OCR reads in place of another, in words"""
    return frozenset("".join(_seen_for().values()))


def mend(text: str) -> str:
    lead, dashes = _enumerator()
    text = lead.sub(lambda m: dashes[m.group(0)], text)
    pattern = _pattern()
    if pattern is None or _confusable().isdisjoint(text):
        return text
    return pattern.sub(lambda m: _known(m.group(0)), text)


def _known(spelling: str) -> str:
    seen = _seen_for()
    for word in vocabulary():
        if len(word) == len(spelling) and all(a == b or (b in seen and a in seen[b]) for a, b in zip(spelling, word)):
            return word
    return spelling  # pragma: no cover - the pattern only matches vocabulary words


def mend_table(table: RawTable) -> RawTable:
    """The table with its title, header and label cells mended; amount cells stay as read."""
    header = [[mend(h) for h in level] for level in table.header]
    code_columns = {i for i in range(table.n_columns) if is_code_header([lv[i] for lv in fill_spans(header) if i < len(lv)])}

    def cell(c: Cell | None, code_column: bool) -> Cell | None:
        if c is None or is_amount(c.text) or is_code(c.text):
            return c
        text = mend(mend_code(c.text, code_column))
        return c if text == c.text else Cell(text, c.page, c.bbox, c.confidence)

    rows = [Row([cell(c, i in code_columns) for i, c in enumerate(r.cells)], r.line, r.floating, r.span)
            for r in table.rows]
    return RawTable(cell(table.title, False), table.unit, header, rows,
                    table.n_columns, table.method, mend(table.header_text), table.page_methods)
