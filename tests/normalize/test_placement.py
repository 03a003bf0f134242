from decimal import Decimal as D

from normalize.placement import RowAmounts, solve

COLS = ["total", "basic", "project", "remit"]


def row(*floating, fixed=None):
    return RowAmounts(dict(fixed or {}), [D(v) for v in floating], COLS if not fixed else COLS[1:])


def identity(_k, v):
    return v.get("total", D(0)) == v.get("basic", D(0)) + v.get("project", D(0)) + v.get("remit", D(0))


def test_tree_sums_decide_where_each_amount_goes():
    rows = {
        "T": RowAmounts({"total": D(30), "basic": D(10), "project": D(20)}, [], []),
        "201": row("10", "10"),
        "212": row("20", "20"),
    }
    out = solve(rows, identity, [("T", ["201", "212"])], lambda n: D(0))
    assert out["201"].values == {"total": D(10), "basic": D(10)}
    assert out["212"].values == {"total": D(20), "project": D(20)}
    assert not out["201"].unplaced


def test_what_the_arithmetic_cannot_tell_stays_unplaced():
    rows = {"x": row("5", "5")}
    out = solve(rows, identity, [], lambda n: D(0))
    assert out["x"].positions == {0: "total"} and out["x"].unplaced == [1] and out["x"].options == 3


def test_a_contradicting_source_keeps_every_option():
    rows = {"x": row("5", "7")}  # total 5 cannot be 7: nothing passes, nothing is invented
    out = solve(rows, identity, [], lambda n: D(0))
    assert out["x"].options == 6 and out["x"].unplaced == [0, 1]
