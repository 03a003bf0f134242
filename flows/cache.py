"""Raw bytes on disk by doc_id, and per URL the validators for conditional GET on later runs."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Cached:
    url: str
    doc_id: str
    etag: str | None = None
    last_modified: str | None = None


class FetchCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "blobs").mkdir(parents=True, exist_ok=True)
        (root / "urls").mkdir(parents=True, exist_ok=True)

    def _meta(self, url: str) -> Path:
        return self.root / "urls" / (hashlib.sha1(url.encode()).hexdigest() + ".json")

    def lookup(self, url: str) -> Cached | None:
        path = self._meta(url)
        try:
            cached = Cached(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        return cached if (self.root / "blobs" / cached.doc_id).exists() else None

    def blob(self, doc_id: str) -> bytes:
        return (self.root / "blobs" / doc_id).read_bytes()

    def store(self, url: str, doc_id: str, data: bytes, etag: str | None, last_modified: str | None) -> None:
        blob = self.root / "blobs" / doc_id
        if not blob.exists():
            tmp = blob.with_suffix(".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, blob)  # never a half-written blob under its final name
        self._meta(url).write_text(json.dumps(asdict(Cached(url, doc_id, etag, last_modified))), encoding="utf-8")


def default_cache(db: str | Path) -> FetchCache:
    return FetchCache(Path(os.environ.get("CNBUDGET_CACHE", Path(db).parent / "cache")))
