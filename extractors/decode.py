"""Bytes -> text for text disclosures, whatever encoding the publisher used."""
from __future__ import annotations

from .model import ExtractionError

# GB18030 is a superset of GBK and GB2312, the usual non-UTF-8 encodings of Chinese sites.
_ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def decode_text(data: bytes) -> str:
    if not data.strip():
        raise ExtractionError("empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionError("binary content, not text")
    for enc in _ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ExtractionError("not decodable as UTF-8, GB18030 or UTF-16 text")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample) < 0.01
