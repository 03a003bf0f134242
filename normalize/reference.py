"""Reference data from data/reference/: title variants, header rules, code lists, label rules."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True, slots=True)
class TitleVariant:
    table_code: str
    report_kind: str
    title: str


@dataclass(frozen=True, slots=True)
class ColumnRule:
    table_code: str
    measure: str
    path_all: tuple[str, ...]  # every keyword somewhere in the header path
    leaf_any: tuple[str, ...]  # one keyword in the lowest header cell


@dataclass(frozen=True, slots=True)
class LabelRule:
    table_code: str
    side: str
    label: str
    measure: str


@cache
def title_variants() -> tuple[TitleVariant, ...]:
    return tuple(TitleVariant(r["table_code"], r["report_kind"], r["title"]) for r in _rows("table_titles.csv"))


@cache
def column_rules() -> tuple[ColumnRule, ...]:
    return tuple(
        ColumnRule(r["table_code"], r["measure"], tuple(k for k in r["path"].split("+") if k),
                   tuple(k for k in r["leaf"].split("|") if k))
        for r in _rows("column_measures.csv"))


@cache
def flow_templates() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for r in _rows("flow_column_templates.csv"):
        out.setdefault(r["table_code"], []).append(tuple(r["measures"].split()))
    return {k: tuple(v) for k, v in out.items()}


@cache
def label_rules() -> tuple[LabelRule, ...]:
    return tuple(LabelRule(r["table_code"], r["side"], r["label"], r["measure"]) for r in _rows("summary_labels.csv"))


@cache
def function_class_names() -> dict[str, str]:
    """Class name as printed (any year's wording) -> 3-digit code."""
    return {r["name"]: r["code"] for r in _rows("function_classes.csv")}


@cache
def economic_groups() -> dict[str, str]:
    """Economic class -> personnel (人员经费) or public (公用经费)."""
    return {r["code"]: r["group"] for r in _rows("economic_codes.csv") if len(r["code"]) == 3}


@cache
def code_names() -> tuple[str, ...]:
    """Names of function and economic classification codes, every year's wording."""
    return tuple(r["name"] for name in ("function_codes.csv", "economic_codes.csv") for r in _rows(name))


@dataclass(frozen=True, slots=True)
class Confusion:
    seen: str  # what OCR read
    meant: str  # the glyph printed
    where: str  # word (titles, headers, labels), code (digits of a code) or enumerator (一、)


@cache
def ocr_confusions() -> tuple[Confusion, ...]:
    return tuple(Confusion(r["seen"], r["meant"], r["where"]) for r in _rows("ocr_confusions.csv"))


@cache
def performance_labels() -> dict[str, tuple[str, ...]]:
    """Field -> the labels that name it in 绩效自评 reports (longest first matters only within a field)."""
    out: dict[str, list[str]] = {}
    for r in _rows("performance_labels.csv"):
        out.setdefault(r["field"], []).append(r["label"])
    return {k: tuple(v) for k, v in out.items()}
