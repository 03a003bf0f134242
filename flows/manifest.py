"""The sources manifest of CONTRACT: CSV, UTF-8, header row; only `url` is required."""
from __future__ import annotations

import csv
from pathlib import Path

from .sources import Source, expand

OVERRIDABLE = ("province", "city", "county", "department", "fiscal_year", "report_kind")


class ManifestError(ValueError):
    pass


def read_manifest(path: Path) -> list[Source]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise ManifestError(f"{path}: {exc.strerror}") from exc
    if rows and "url" not in rows[0]:
        raise ManifestError(f"{path}: no `url` column")
    out = []
    for n, row in enumerate(rows, start=2):
        url = (row.get("url") or "").strip()
        if not url:
            raise ManifestError(f"{path}: line {n}: empty url")
        overrides = {k: row[k].strip() for k in OVERRIDABLE if row.get(k) and row[k].strip()}
        if "fiscal_year" in overrides and not overrides["fiscal_year"].isdigit():
            raise ManifestError(f"{path}: line {n}: fiscal_year {overrides['fiscal_year']!r} is not a year")
        if overrides.get("report_kind") not in (None, "final", "budget"):
            raise ManifestError(f"{path}: line {n}: report_kind must be final or budget")
        for src in expand([url]):
            out.append(Source(src.url, src.path, overrides))
    return out
