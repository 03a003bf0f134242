"""Compare what a run loaded with what the generator printed: the round-trip test and benchmark use it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from normalize.codes import strip_enumerator
from normalize.confidence import min_confidence

from .tables import Truth


def _label(label: str | None) -> str | None:
    """A row label without its enumerator: OCR drops the stroke of 一、 now and then, a label the
    comparison does not count as an amount read wrong (the amount and its measure are what matter)."""
    return strip_enumerator(label).lstrip("、.．:：") if label else label


def truth_key(t: Truth) -> tuple:
    return (t.table_code, t.function_code, t.economic_code, _label(t.row_label), t.measure, t.amount_yuan)


def loaded_keys(items: pl.DataFrame) -> Counter:
    keys = Counter()
    for r in items.iter_rows(named=True):
        code = r["function_code"] or r["economic_code"]
        label = None if code else _label(r["row_label"])
        keys[(r["table_code"], r["function_code"], r["economic_code"], label, r["measure"],
              Decimal(r["amount_yuan"]))] += 1
    return keys


def diff(truths: list[Truth], items: pl.DataFrame) -> tuple[Counter, Counter]:
    """(expected but not loaded, loaded but not expected)"""
    want = Counter(truth_key(t) for t in truths)
    got = loaded_keys(items)
    return want - got, got - want


@dataclass(frozen=True, slots=True)
class ScanAccuracy:
    expected: int  # amounts the generator printed
    exact: int  # ... loaded with the right row, measure and value
    wrong: int  # amounts loaded that the generator did not print (misread figures, codes or labels)
    silent: list[tuple]  # wrong ones in a table where no check failed and no low-confidence flag names them

    @property
    def share_exact(self) -> float:
        return self.exact / self.expected if self.expected else 1.0


def scan_accuracy(truths: list[Truth], items: pl.DataFrame, checks: pl.DataFrame) -> ScanAccuracy:
    """How a scanned document read back: exact amounts, and whether every wrong one is caught."""
    missing, extra = diff(truths, items)
    failed_tables = set(checks.filter(~pl.col("passed"))["table_code"].drop_nulls())
    flagged = loaded_keys(items.filter(pl.col("confidence") < min_confidence()))
    silent = [k for k in extra if k[0] not in failed_tables and k not in flagged]
    return ScanAccuracy(len(truths), len(truths) - sum(missing.values()), sum(extra.values()), silent)
