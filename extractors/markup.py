"""Strip the markdown and HTML bits some text disclosures carry around their tables."""
from __future__ import annotations

import re

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_EMPHASIS = re.compile(r"\*\*|__")


def clean_line(line: str) -> str:
    line = _TAG.sub("", line)
    line = _HEADING.sub("", line)
    line = _EMPHASIS.sub("", line)
    return line.rstrip()


def has_markup(text: str) -> bool:
    return bool(re.search(r"^#{1,6}\s|<b>|</?(?:table|td|tr|p|br)\b", text[:50000], re.M))
