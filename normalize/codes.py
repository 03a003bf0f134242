"""Function (支出功能分类) and economic (经济分类) codes: join split columns, find the level."""
from __future__ import annotations

import re

from extractors.tokens import squash

from .reference import function_class_names

LEVELS = {3: "class", 5: "section", 7: "item"}
_ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")
_TOTAL = re.compile(r"(合计|总计)$")


def join_code(parts: list[str]) -> str | None:
    """`204`, `06`, `01` printed in 类/款/项 columns -> `2040601`; a single column passes through."""
    digits = [squash(p) for p in parts if p and p.strip()]
    if not digits or not all(d.isdigit() for d in digits):
        return None
    code = "".join(digits)
    return code if len(code) in LEVELS else None


def level_of(code: str | None, label: str | None) -> str | None:
    if code:
        return LEVELS.get(len(code))
    if label and _TOTAL.search(squash(label)):
        return "total"
    return None


def strip_enumerator(label: str) -> str:
    return _ENUMERATOR.sub("", squash(label))


def class_code_for(label: str) -> str | None:
    """一、一般公共服务支出 -> 201 (the summary tables print class names without codes)."""
    name = strip_enumerator(label).replace("（类）", "").replace("(类)", "")
    return function_class_names().get(name)
