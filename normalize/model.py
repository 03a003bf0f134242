"""Typed records that leave the normalizer for the checks and the warehouse."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class LineItem:
    table_code: str
    function_code: str | None
    economic_code: str | None
    row_label: str | None
    level: str | None
    measure: str
    amount_yuan: Decimal
    unit: str
    amount_raw: str
    page: int
    table_title: str
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None
    method: str | None = None  # how the table was read: tsv, flow, words-ruled, camelot-lattice ...

    @property
    def key(self) -> str | None:
        """What identifies the row across tables: its code, else its label."""
        return self.function_code or self.economic_code or self.row_label


@dataclass(frozen=True, slots=True)
class Finding:
    """One row of `checks`: an identity tested, or an extraction decision that needs a reader's eye."""

    check_id: str
    table_code: str | None
    subject: str
    expected: Decimal | None
    actual: Decimal | None
    passed: bool
    message: str


@dataclass(slots=True)
class DocumentMeta:
    department: str | None = None
    fiscal_year: int | None = None
    report_kind: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_code: str | None = None


@dataclass(slots=True)
class NormalizedDocument:
    meta: DocumentMeta
    items: list[LineItem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # why figures are missing (status partial)
    reports: list = field(default_factory=list)  # PerformanceReport
    indicators: list = field(default_factory=list)  # PerformanceIndicator
