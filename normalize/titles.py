"""Table titles -> table_code, by the title's words and never by its 公开NN number."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .reference import title_variants

_QUOTES = str.maketrans({"“": "", "”": "", '"': "", "‘": "", "’": "", "「": "", "」": "", "（": "(", "）": ")"})
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|附表\d*[:：]?|表\d+[:：]?)")
_YEAR = re.compile(r"^\d{4}年度?")
_SERIAL = re.compile(r"公开\d+表$|[(（]公开\d+表[)）]$")
_OWNER = re.compile(r"(?:局|委员会|委|会|院|所|中心|办公室|办|部门|部|室|队|站|馆|区|市|县|省|州|盟|旗|镇|乡|街道|校|厅|处|单位|公司|社|团|年度|年)$")
MAX_PREFIX = 40  # a department or region name printed before the title


@dataclass(frozen=True, slots=True)
class TitleMatch:
    table_code: str
    report_kind: str
    canonical: str


def title_key(text: str) -> str:
    s = re.sub(r"\s+", "", re.sub(r"\t.*$", "", text)).translate(_QUOTES).lstrip("#*>-·")
    s = _SERIAL.sub("", s)
    return _ENUMERATOR.sub("", s)


@cache
def _variant_keys() -> tuple[tuple, ...]:
    return tuple((v, title_key(v.title)) for v in title_variants())


def match_title(text: str) -> TitleMatch | None:
    """Longest known title the line ends with, after a year, department or enumerator prefix."""
    key = title_key(text)
    best = None
    for v, vk in _variant_keys():
        if key.endswith(vk) and len(key) - len(vk) <= MAX_PREFIX:
            prefix = _YEAR.sub("", key[: len(key) - len(vk)])
            # what stands before may name the department, never change the table (项目 + 支出决算表)
            if prefix and not _OWNER.search(prefix):
                continue
            if best is None or len(vk) > len(title_key(best.title)):
                best = v
    return TitleMatch(best.table_code, best.report_kind, best.title) if best else None
