"""A whole extraction -> its normalized document: tables in the order that lets each one use the
certain figures of those read before it, then metadata."""
from __future__ import annotations

from collections import Counter

from extractors.model import Extraction, RawTable
from extractors.performance import find_reports
from extractors.tokens import unit_in

from . import metadata
from .bounds import Facts
from .model import DocumentMeta, NormalizedDocument
from .ocr_text import mend, mend_table
from .performance import labels, normalize_reports
from .regions import resolve_region
from .tables import normalize_table
from .titles import TitleMatch, match_title

# Summary first, then the tables whose figures bound the others' (see bounds.py).
RESOLUTION_ORDER = ("summary", "gpb_expenditure", "expenditure", "gov_fund", "soe_capital", "fiscal_summary",
                    "income", "gpb_basic", "three_public", "disclosure_stats")


def identify(tables: list[RawTable]) -> list[tuple[TitleMatch, RawTable]]:
    """Tables whose title names a contract table; a table continued under a repeated title is merged."""
    out: list[tuple[TitleMatch, RawTable]] = []
    for table in tables:
        match = match_title(table.title.text)
        if match is None:
            continue
        if out and out[-1][0].table_code == match.table_code and out[-1][1].n_columns == table.n_columns:
            out[-1][1].rows.extend(table.rows)
            for page, method in table.page_methods.items():
                out[-1][1].page_methods.setdefault(page, method)
            continue
        out.append((match, table))
    return out


def normalize_document(ex: Extraction) -> NormalizedDocument:
    if any(_scanned(t) for t in ex.tables):
        ex = Extraction(ex.layout, [mend_table(t) if _scanned(t) else t for t in ex.tables],
                        [mend(line) for line in ex.lines], ex.media_type)
    found = identify(ex.tables)
    doc = NormalizedDocument(meta=describe(ex, [m for m, _ in found]))
    default_unit = _document_unit(ex, [t for _, t in found])
    if ex.media_type != "application/pdf":  # 绩效自评 reports are read from the text layouts
        doc.reports, doc.indicators, findings = normalize_reports(find_reports(ex.lines, labels()), default_unit)
        doc.findings += findings
    if not found:
        if not doc.reports:
            doc.gaps.append(f"no budget or final-account table found (layout {ex.layout})")
        return doc
    facts = Facts()
    for match, table in sorted(found, key=lambda mt: RESOLUTION_ORDER.index(mt[0].table_code)):
        unit = table.unit or default_unit
        if unit is None:
            doc.gaps.append(f"{match.table_code}: no unit printed for '{table.title.text}' (page {table.title.page})")
            continue
        res = normalize_table(table, match.table_code, unit, facts)
        doc.items += res.items
        doc.findings += res.findings
        doc.gaps += res.gaps
    return doc


def _scanned(table: RawTable) -> bool:
    return any(m.startswith("ocr-") for m in (table.method, *table.page_methods.values()))


def describe(ex: Extraction, matches: list[TitleMatch]) -> DocumentMeta:
    dept = metadata.department(ex.lines)
    region = resolve_region(dept, " ".join(line for line in ex.lines[:40] if line.strip()))
    return DocumentMeta(department=dept, fiscal_year=metadata.fiscal_year(ex.lines),
                        report_kind=metadata.report_kind(matches, ex.lines), province=region.province,
                        city=region.city, county=region.county, region_code=region.region_code)


def _document_unit(ex: Extraction, tables: list[RawTable]) -> str | None:
    units = Counter(t.unit for t in tables if t.unit)
    if units:
        return units.most_common(1)[0][0]
    return next((u for line in ex.lines if (u := unit_in(line))), None)
