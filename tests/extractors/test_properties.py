"""Property-based: any text yields tables or a clean error; normalizing is idempotent."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.detect import extract
from extractors.model import ExtractionError
from normalize.document import normalize_document

CELL = st.one_of(st.sampled_from(["合计", "201", "20101", "2010101", "一般公共服务支出", "1,234.50", "0.00", "--",
                                  "(3.00)", "１２．５", "1e30", "", "栏次", "1", "收入决算表", "金额单位：万元"]),
                 st.text(max_size=12))
LINE = st.builds(lambda cells, sep: sep.join(cells), st.lists(CELL, min_size=1, max_size=8), st.sampled_from(["\t", " ", ""]))
TEXT = st.lists(st.one_of(LINE, st.sampled_from(["收入决算表", "支出决算表", "金额单位：万元", "栏次 1 2 3", "注：说明"])),
                max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_yields_tables_or_a_clean_error(text):
    try:
        ex = extract(text.encode("utf-8"))
    except ExtractionError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    doc = normalize_document(ex)
    again = normalize_document(extract(text.encode("utf-8")))
    assert doc.items == again.items and doc.gaps == again.gaps  # idempotent


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_yield_tables_or_a_clean_error(data):
    try:
        normalize_document(extract(data))
    except ExtractionError as exc:
        assert str(exc) and "\n" not in str(exc)
