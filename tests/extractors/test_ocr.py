"""`pdf-scanned`: generated scans (rendered, rasterized at 150 dpi, turned, speckled) and pages of the
real Shanghai budget rasterized the same way, read by OCR through the table pipeline."""
from pathlib import Path

import polars as pl
import pytest

from flows.pipeline import process
from flows.samples.compare import scan_accuracy
from flows.samples.figures import draw
from flows.samples.render_pdf import PdfStyle, render_pdf
from flows.samples.render_scan import ScanStyle, scan_pdf
from normalize.confidence import min_confidence
from tests.conftest import REAL_PDF

KEY = ["table_code", "function_code", "economic_code", "measure", "amount_yuan"]


@pytest.fixture(scope="module", params=[(1, True), (4, False)], ids=["ruled", "unruled"])
def scanned(request):
    seed, ruled = request.param
    data, truths = render_pdf(draw(seed), PdfStyle(ruled=ruled))
    return truths, process(scan_pdf(data, ScanStyle(), seed=seed), "scan.pdf")


def test_amounts_come_back_exact_and_wrong_ones_are_caught(scanned):
    truths, p = scanned
    acc = scan_accuracy(truths, p.items, p.checks)
    assert acc.expected > 250
    assert acc.share_exact >= 0.99, acc
    assert acc.silent == []  # every wrong amount is in a table with a failed check, or flagged unsure
    missed = acc.expected - acc.exact
    # an amount not read exactly is visible: not an amount (extract.amount) or a failed identity
    assert missed == 0 or p.checks.filter(~pl.col("passed")).height > 0
    assert p.record.layout == "pdf-scanned"


def test_every_amount_carries_confidence_and_the_unsure_ones_are_flagged(scanned):
    _, p = scanned
    assert p.items["method"].str.starts_with("ocr-").all()
    assert p.items["confidence"].null_count() == 0 and p.items["bbox"].null_count() == 0
    unsure = p.items.filter(pl.col("confidence") < min_confidence()).height
    flagged = p.checks.filter(pl.col("check_id") == "ocr.low_confidence")
    assert flagged.height == unsure and not flagged["passed"].any()


def test_a_mixed_pdf_reads_each_page_its_own_way():
    data, truths = render_pdf(draw(3), PdfStyle(rows_per_page=8))
    p = process(scan_pdf(data, ScanStyle(pages=frozenset({3, 4})), seed=3), "mixed.pdf")
    methods = dict(p.items.group_by("page").agg(pl.col("method").first()).iter_rows())
    assert {pg for pg, m in methods.items() if m.startswith("ocr-")} == {3, 4}
    assert all(m == "words-ruled" for pg, m in methods.items() if pg not in (3, 4))
    assert p.items.filter(pl.col("page").is_in([3, 4]))["confidence"].null_count() == 0
    assert p.items.filter(~pl.col("page").is_in([3, 4]))["confidence"].null_count() == p.items.filter(
        ~pl.col("page").is_in([3, 4])).height
    acc = scan_accuracy(truths, p.items, p.checks)
    assert acc.share_exact >= 0.99 and acc.silent == []


def test_real_budget_pages_scanned_read_as_their_text_layer():
    """Pages 11 (income, 类/款/项, 元) and 15 (一般公共预算 expenditure) of the Shanghai budget."""
    pdf = next(Path(REAL_PDF).glob("*.pdf")).read_bytes()
    pages = [11, 15]
    text = process(pdf, "real.pdf").items.filter(pl.col("page").is_in(pages)).select(KEY)
    scan = process(scan_pdf(pdf, ScanStyle(pages=frozenset(pages)), seed=1), "real-scan.pdf")
    read = scan.items.filter(pl.col("page").is_in(pages))
    assert set(read["method"]) == {"ocr-ruled"} and text.height > 80
    same = read.select(KEY).join(text, on=KEY, how="semi", nulls_equal=True).height
    assert same / text.height >= 0.99 and read.height == text.height
    assert scan.record.department == "上海市普陀区司法局"
