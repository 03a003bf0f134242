"""Compare what a run loaded with what the generator printed: the round-trip test and benchmark use it."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import polars as pl

from .tables import Truth


def truth_key(t: Truth) -> tuple:
    return (t.table_code, t.function_code, t.economic_code, t.row_label, t.measure, t.amount_yuan)


def loaded_keys(items: pl.DataFrame) -> Counter:
    keys = Counter()
    for r in items.iter_rows(named=True):
        code = r["function_code"] or r["economic_code"]
        label = None if code else r["row_label"]
        keys[(r["table_code"], r["function_code"], r["economic_code"], label, r["measure"],
              Decimal(r["amount_yuan"]))] += 1
    return keys


def diff(truths: list[Truth], items: pl.DataFrame) -> tuple[Counter, Counter]:
    """(expected but not loaded, loaded but not expected)"""
    want = Counter(truth_key(t) for t in truths)
    got = loaded_keys(items)
    return want - got, got - want
