from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.amounts import AmountError, parse_amount, to_yuan


@pytest.mark.parametrize("raw,value", [
    ("1,636.21", Decimal("1636.21")), ("0.00", Decimal("0")), ("1. 41", Decimal("1.41")),
    ("(12.50)", Decimal("-12.50")), ("－3.00", Decimal("-3.00")), ("１２．５０", Decimal("12.50")),
    ("919739.00", Decimal("919739.00")), ("——", None), ("-", None), ("", None),
])
def test_parse(raw, value):
    assert parse_amount(raw) == value


@pytest.mark.parametrize("raw", ["1e30", "12,34.5", "abc", "1.2.3", "万元"])
def test_parse_is_strict(raw):
    with pytest.raises(AmountError):
        parse_amount(raw)


def test_units():
    assert to_yuan(Decimal("1636.21"), "万元") == Decimal("16362100.00")
    assert to_yuan(Decimal("919739.00"), "元") == Decimal("919739.00")
    with pytest.raises(AmountError):
        to_yuan(Decimal("1.234"), "元")  # never rounded to fit


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_printed_amounts_round_trip_exactly(v):
    assert parse_amount(f"{v:,.2f}") == v
    assert to_yuan(parse_amount(f"{v:.2f}"), "万元") == v * 10000
