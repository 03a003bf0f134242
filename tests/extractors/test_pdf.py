"""PDF families on the real Shanghai budget (ruled, 元, 类/款/项, tables across pages) and on generated PDFs."""
from decimal import Decimal

import polars as pl
import pymupdf
import pytest

from flows.pipeline import process
from flows.samples.compare import diff
from flows.samples.figures import draw
from flows.samples.render_pdf import PdfStyle, render_pdf
from tests.conftest import REAL_PDF
from tests.fixtures import broken_pdfs
from tests.fixtures.queries import cell

PDF = next(REAL_PDF.glob("*.pdf"))


@pytest.fixture(scope="module")
def real():
    return process(PDF.read_bytes(), PDF.as_uri())


def test_every_table_of_the_budget_section_loads(real):
    counts = dict(real.items.group_by("table_code").len().iter_rows())
    # rows x amount columns, as printed on pages 10-21 (gov_fund and soe_capital print 无)
    assert counts == {"summary": 13, "income": 22 * 5, "expenditure": 22 * 3, "fiscal_summary": 14,
                      "gpb_expenditure": 22 * 3, "gpb_basic": 30 * 3, "three_public": 7}
    r = real.record
    assert (r.layout, r.status, r.report_kind, r.fiscal_year) == ("pdf-ruled", "ok", "budget", 2026)
    assert (r.department, r.province, r.county, r.region_code) == ("上海市普陀区司法局", "上海市", "普陀区", "310107")
    assert real.checks.filter(~pl.col("passed")).height == 0 and real.checks.height > 200


def test_cells_codes_levels_and_pages(real):
    r = cell(real, "income", "total", code="2040601")
    assert (r["amount_yuan"], r["level"], r["row_label"], r["page"], r["unit"]) == (
        Decimal("16726725.44"), "item", "行政运行", 11, "元")
    assert cell(real, "income", "fiscal_appropriation", code="20406")["level"] == "section"
    assert cell(real, "income", "business", code="204")["amount_yuan"] == Decimal("0.00")
    assert cell(real, "income", "total", label="合计")["level"] == "total"
    # 支出预算总表 runs from page 12 onto 13 without its header
    r = cell(real, "expenditure", "basic", code="2080506")
    assert (r["amount_yuan"], r["page"]) == (Decimal("919739.00"), 13)
    assert cell(real, "expenditure", "project", label="合计")["amount_yuan"] == Decimal("70540547.00")
    # 一般公共预算 table runs from page 15 onto 16 with its header repeated
    assert cell(real, "gpb_expenditure", "total", code="2101101")["page"] == 16
    assert cell(real, "gpb_expenditure", "basic", label="合计")["amount_yuan"] == Decimal("25741666.44")
    r = cell(real, "gpb_basic", "personnel", economic="30101")
    assert (r["amount_yuan"], r["function_code"]) == (Decimal("2892504.00"), None)
    assert cell(real, "gpb_basic", "public", economic="302")["amount_yuan"] == Decimal("2141724.44")
    assert cell(real, "gpb_basic", "amount", label="合计")["amount_yuan"] == Decimal("25741666.44")
    assert cell(real, "summary", "expenditure", code="204")["amount_yuan"] == Decimal("87267272.44")
    assert cell(real, "summary", "income_fiscal_appropriation")["amount_raw"] == "96,282,213.44"
    assert cell(real, "fiscal_summary", "general_public_budget", code="221")["amount_yuan"] == Decimal("4521559.00")
    r = cell(real, "three_public", "budget_total")
    assert (r["amount_yuan"], r["unit"]) == (Decimal("108100.00"), "万元")
    assert cell(real, "three_public", "budget_agency_operation")["amount_yuan"] == Decimal("2178300.00")
    assert cell(real, "three_public", "budget_vehicle_operation")["amount_yuan"] == Decimal("99800.00")


def test_every_bbox_shows_its_amount(real):
    doc = pymupdf.open(PDF)
    for r in real.items.iter_rows(named=True):
        x0, y0, x1, y1 = r["bbox"]
        text = doc[r["page"] - 1].get_textbox(pymupdf.Rect(x0 - 1, y0 - 1, x1 + 1, y1 + 1))
        assert r["amount_raw"] in text.replace("\n", ""), r
    assert set(real.items["method"]) == {"words-ruled"}


@pytest.mark.parametrize("style", [PdfStyle(ruled=True, rows_per_page=8), PdfStyle(ruled=False, rows_per_page=8),
                                   PdfStyle(ruled=True, split_codes=False, repeat_header=False, rows_per_page=8)],
                         ids=["ruled-split-codes", "unruled", "ruled-no-repeated-header"])
@pytest.mark.parametrize("seed", range(4))
def test_generated_pdfs_round_trip(seed, style):
    data, truths = render_pdf(draw(seed), style)
    p = process(data, "sample.pdf")
    missing, extra = diff(truths, p.items)
    assert not missing and not extra
    assert p.record.layout == ("pdf-ruled" if style.ruled else "pdf-unruled")
    pages = p.items.group_by("table_code").agg(pl.col("page").n_unique().alias("n"))
    assert pages.filter(pl.col("n") > 1).height >= 2  # tables ran onto a second page
    assert p.checks.filter(~pl.col("passed")).height == 0


@pytest.mark.parametrize("data,name,reason", [
    (b"", "a.pdf", "empty file"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 50, "a.pdf", "not a readable PDF"),
    (b"<html><body><h1>404 Not Found</h1></body></html>", "budget.pdf", "not a PDF although named so"),
    (broken_pdfs.encrypted(), "a.pdf", "encrypted PDF"),
    (broken_pdfs.scanned(), "a.pdf", "no text layer"),
])
def test_broken_pdfs_fail_with_a_reason(data, name, reason):
    p = process(data, name)
    assert p.record.status == "failed" and reason in p.record.error and p.items.height == 0
    assert "\n" not in p.record.error


def test_truncated_pdf_fails_or_loads_what_it_can():
    data = PDF.read_bytes()
    p = process(data[: len(data) // 3], "truncated.pdf")
    assert p.record.status in ("failed", "partial", "ok")
    if p.record.status == "failed":
        assert p.record.error and "\n" not in p.record.error
    else:  # pymupdf repairs what it can: whatever loads is still checked
        assert p.checks.height > 0


def test_pdfs_read_on_threads_read_as_one_by_one():
    """MuPDF and pdfium are not thread-safe; the flow reads sources on threads (extractors/native.py)."""
    from concurrent.futures import ThreadPoolExecutor

    docs = [render_pdf(draw(seed), PdfStyle(ruled=seed % 2 == 0))[0] for seed in range(6)]
    alone = [process(d, "a.pdf").items.height for d in docs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda d: process(d, "a.pdf").items.height, docs * 2))
    assert together == alone * 2 and min(alone) > 100
