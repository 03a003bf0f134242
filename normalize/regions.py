"""Place names in a disclosure -> province / city / county and the 6-digit division code.

Uses cpca's administrative-division dataset (maintained upstream) rather than a hand-typed list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache


@dataclass(frozen=True, slots=True)
class Region:
    province: str | None
    city: str | None
    county: str | None
    region_code: str | None


NO_REGION = Region(None, None, None, None)
_NOT_PLACE = re.compile(r"[\d.,，%\s]+")


@cache
def _transform():
    import cpca  # imported lazily: it loads its dataset (about half a second)

    return cpca.transform


def _clean(v) -> str | None:
    return v if isinstance(v, str) and v and v != "市辖区" else None


def resolve_region(*texts: str | None) -> Region:
    """The first text that names a province resolves the region; later texts are fallbacks."""
    for text in texts:
        # figures and years name no place: without them the same department's documents share a key
        region = _region_in(_NOT_PLACE.sub("", text)[:300]) if text else NO_REGION
        if region.province:
            return region
    return NO_REGION


@lru_cache(maxsize=4096)  # a department publishes every year under the same name: cpca costs ms a call
def _region_in(text: str) -> Region:
    row = _transform()([text]).iloc[0]
    province, code = _clean(row["省"]), row.get("adcode")
    if not province:
        return NO_REGION
    code = str(code)[:6] if isinstance(code, str) and code[:6].isdigit() else None
    return Region(province, _clean(row["市"]), _clean(row["区"]), code)
