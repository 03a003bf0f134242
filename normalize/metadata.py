"""Department, fiscal year and report kind as the disclosure prints them."""
from __future__ import annotations

import re
from collections import Counter

from extractors.tokens import squash

from .titles import TitleMatch

_DEPT = re.compile(r"^\s*(?:部门|部门名称|单位名称|编制部门|预算主管部门|编制单位|单位)\s*[:：]\s*(?P<name>[^\s:：]{2,40})")
_YEAR_LINE = re.compile(r"^\s*[(（]?\s*(\d{4})\s*年度?\s*[)）]?\s*$")
_YEAR_TITLE = re.compile(r"(\d{4})\s*年度?\s*(?:[^\s，。]{0,30}?)(?:部门|单位)?(?:预算|决算)")
_YEAR_ANY = re.compile(r"(\d{4})\s*年度")
_DOC_TITLE = re.compile(r"^\s*(?P<name>[^\s\d，。：:]{4,40}?)\s*(?:\d{4}\s*年度?)?\s*(?:部门|单位)?(?:预算|决算)(?:公开)?\s*$")


def department(lines: list[str]) -> str | None:
    found = Counter(m.group("name") for line in lines if (m := _DEPT.match(line)))
    if found:
        return found.most_common(1)[0][0]
    for line in lines[:40]:
        m = _DOC_TITLE.match(line.strip())
        if m:
            return m.group("name")
    return None


def fiscal_year(lines: list[str]) -> int | None:
    """The year reported on: the year line printed under table titles, else the title's year."""
    for pattern, scope in ((_YEAR_LINE, lines), (_YEAR_TITLE, lines[:80]), (_YEAR_ANY, lines[:80])):
        years = Counter(int(m.group(1)) for line in scope for m in pattern.finditer(line) if 1990 < int(m.group(1)) < 2100)
        if years:
            return years.most_common(1)[0][0]
    return None


def report_kind(matches: list[TitleMatch], lines: list[str]) -> str | None:
    kinds = Counter(m.report_kind for m in matches)
    if kinds:
        return kinds.most_common(1)[0][0]
    # otherwise only the document's own title decides (a 绩效自评 form talks of 预算 without being one)
    head = squash("".join(lines[:40]))
    m = re.search(r"(?:部门|单位)(决算|预算)(?:公开|表|$)", head)
    return {"决算": "final", "预算": "budget"}[m.group(1)] if m else None
