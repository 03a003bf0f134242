import pytest

from extractors.detect import extract, text_layout
from extractors.model import ExtractionError
from tests.fixtures.excerpts import FLOW_SUMMARY, TSV_GROUPED_HEADER


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (bytes(range(256)) * 20, "binary content"),
    ("这是一段没有任何表格的说明文字。\n第二段。".encode(), "unknown layout"),
])
def test_unreadable_input_has_a_reason(data, reason):
    with pytest.raises(ExtractionError, match=reason):
        extract(data)


def test_layouts():
    assert text_layout(TSV_GROUPED_HEADER) == "text-tsv"
    assert text_layout("## 收入决算表\n" + TSV_GROUPED_HEADER) == "text-markdown"
    assert text_layout(FLOW_SUMMARY) == "text-flow"
    assert text_layout("\n".join(["\t单位名称", "\t某中心", "\t预算数", "\t12.5", "\t执行数", "\t10"])) == "form"


def test_encodings():
    gbk = FLOW_SUMMARY.encode("gb18030")
    bom = b"\xef\xbb\xbf" + FLOW_SUMMARY.encode("utf-8")
    for data in (gbk, bom):
        ex = extract(data)
        assert ex.layout == "text-flow" and ex.tables[0].rows[0].cells[2].text == "120.50"


def test_html_tables_read_as_tsv():
    html = ("<html><body><h2>一般公共预算财政拨款支出决算表</h2><p>金额单位：万元</p><table>"
            "<tr><td>科目编码</td><td>科目名称</td><td>小计</td><td>基本支出</td><td>项目支出</td></tr>"
            "<tr><td colspan=2>合计</td><td>3.00</td><td>1.00</td><td>2.00</td></tr>"
            "<tr><td>201</td><td>一般公共服务支出</td><td>3.00</td><td>1.00</td><td>2.00</td></tr>"
            "<tr><td>20101</td><td>人大事务</td><td>3.00</td><td>1.00</td><td>2.00</td></tr>"
            "<tr><td>2010101</td><td>行政运行</td><td>3.00</td><td>1.00</td><td>2.00</td></tr>"
            "</table></body></html>").encode()
    ex = extract(html)
    assert ex.media_type == "text/html" and ex.layout == "text-tsv"
    (t,) = ex.tables
    assert [c.text if c else None for c in t.rows[0].cells] == ["合计", None, "3.00", "1.00", "2.00"]
