"""Amounts as printed -> exact Decimals, and the table's unit -> yuan."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from extractors.tokens import fold

UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
# Printed placeholders for "nothing here": treated like an empty cell, never as zero.
_EMPTY = {"", "-", "--", "—", "——", "－", "/", "*"}
_STRICT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CENT = Decimal("0.01")


class AmountError(ValueError):
    pass


@lru_cache(maxsize=1 << 16)  # the same few thousand strings recur in every table and every check
def parse_amount(raw: str) -> Decimal | None:
    """Strictly: a number with optional thousands separators, sign or parentheses; None for a dash."""
    s = fold(raw).strip().replace("−", "-")
    if s in _EMPTY:
        return None
    s = re.sub(r"(?<=\.)\s+", "", s)  # "1. 41" (a stray space after the point)
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1].strip()
    if not _STRICT.match(s):
        raise AmountError(f"not an amount: {raw!r}")
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid literals
        raise AmountError(f"not an amount: {raw!r}") from exc
    return -value if negative else value


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Scale exactly; a figure that would need rounding to fit DECIMAL(20,2) is refused, not rounded."""
    yuan = value * UNIT_FACTORS[unit]
    if yuan != yuan.quantize(_CENT):
        raise AmountError(f"{value} {unit} has more precision than a cent")
    if abs(yuan) >= Decimal(10) ** 18:
        raise AmountError(f"{value} {unit} is out of range")
    return yuan.quantize(_CENT)


def tolerance_yuan(unit: str, addends: int) -> Decimal:
    """Rounding a 万元 table leaves up to 0.01 万元 (100 yuan) per addend (尾差); 元 tables are exact."""
    return Decimal(100) * addends if unit == "万元" else Decimal(0)
