"""Place amounts whose column the source lost, from arithmetic alone.

A text-flow row such as `201 一般公共服务支出 96.98 96.98` in a six-column table says only that its
two amounts fall, in order, into two of the columns.  Every order-preserving placement is a
candidate; identities prune them: the row's own (total = Σ parts), bounds from tables already read
(the 一般公共预算 table's basic spending cannot exceed the whole department's), and the code tree
(parent = Σ children, per column).  Pruning repeats until nothing changes (generalised arc
consistency).  A placement left unique is taken; where several remain, only amounts whose column all
of them agree on are placed, and the rest are reported, never guessed.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, product

Placement = tuple[int, ...]
MAX_COMBINATIONS = 60000  # per group; a larger group is skipped (left to the other constraints)


@dataclass(slots=True)
class RowAmounts:
    fixed: dict[str, Decimal]  # measures read from positional cells
    floating: list[Decimal]  # amounts in order, columns unknown
    span: list[str]  # measures of the columns the floating amounts may occupy, in order
    domain: list[Placement] = field(default_factory=list)

    def values(self, placement: Placement) -> dict[str, Decimal]:
        out = dict(self.fixed)
        for value, col in zip(self.floating, placement):
            out[self.span[col]] = value
        return out


@dataclass(frozen=True, slots=True)
class Outcome:
    values: dict[str, Decimal]  # measure -> amount, for every amount placed with certainty
    positions: dict[int, str]  # index of a floating amount -> its measure
    unplaced: list[int]  # indexes of floating amounts left ambiguous
    options: int  # how many placements stayed possible


def solve(rows: dict[str, RowAmounts], unary: Callable[[str, dict[str, Decimal]], bool],
          groups: list[tuple[str, list[str]]], tol: Callable[[int], Decimal]) -> dict[str, Outcome]:
    for key, row in rows.items():
        n, k = len(row.span), len(row.floating)
        row.domain = list(combinations(range(n), k)) if row.floating else [()]
        kept = [p for p in row.domain if unary(key, row.values(p))]
        if kept:  # none kept: the source contradicts itself; the checks will say so
            row.domain = kept
    changed = True
    while changed:
        changed = False
        for parent, children in groups:
            if _dominated(rows, parent, children, tol(1)):
                changed = True
            members = [parent, *children]
            if any(m not in rows for m in members):
                continue
            sizes = 1
            for m in members:
                sizes *= len(rows[m].domain)
            if sizes == 1 or sizes > MAX_COMBINATIONS:
                continue
            support: dict[str, set[Placement]] = {m: set() for m in members}
            for combo in product(*(rows[m].domain for m in members)):
                if _sums_hold([rows[m].values(p) for m, p in zip(members, combo)], tol(len(children))):
                    for m, p in zip(members, combo):
                        support[m].add(p)
            if not support[parent]:
                continue  # the arithmetic fails whatever the placement: leave it to the checks
            for m in members:
                if len(support[m]) < len(rows[m].domain):
                    rows[m].domain = [p for p in rows[m].domain if p in support[m]]
                    changed = True
    return {key: _outcome(row) for key, row in rows.items()}


def _dominated(rows: dict[str, RowAmounts], parent: str, children: list[str], tol: Decimal) -> bool:
    """With no negative amounts, a child cannot exceed its parent in any column: a cheap pruning that
    lets large groups (ten classes under 合计) through the exact sum test below."""
    members = [m for m in (parent, *children) if m in rows]
    if parent not in rows or any(v < 0 for m in members for v in (*rows[m].fixed.values(), *rows[m].floating)):
        return False
    tops = [rows[parent].values(p) for p in rows[parent].domain]
    changed = False
    for c in children:
        if c not in rows:
            continue
        kept = [p for p in rows[c].domain
                if any(all(v <= top.get(m, Decimal(0)) + tol for m, v in rows[c].values(p).items()) for top in tops)]
        if kept and len(kept) < len(rows[c].domain):
            rows[c].domain = kept
            changed = True
    return changed


def _sums_hold(values: list[dict[str, Decimal]], tol: Decimal) -> bool:
    parent, children = values[0], values[1:]
    measures = set(parent).union(*children)
    zero = Decimal(0)
    return all(abs(parent.get(m, zero) - sum((c.get(m, zero) for c in children), zero)) <= tol for m in measures)


def _outcome(row: RowAmounts) -> Outcome:
    positions: dict[int, str] = {}
    unplaced: list[int] = []
    for i in range(len(row.floating)):
        cols = {p[i] for p in row.domain}
        if len(cols) == 1:
            positions[i] = row.span[cols.pop()]
        else:
            unplaced.append(i)
    values = dict(row.fixed)
    values.update({m: row.floating[i] for i, m in positions.items()})
    return Outcome(values, positions, unplaced, len(row.domain))
