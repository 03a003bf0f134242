"""What `cnbudget ingest` was given -> the list of sources to read (paths, file:// and http(s) URLs)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse


@dataclass(frozen=True, slots=True)
class Source:
    url: str  # http(s) URL, or file:// URL of a local path
    path: Path | None = None
    overrides: dict[str, str] = field(default_factory=dict)  # manifest columns that override detection

    @property
    def name(self) -> str:
        return str(self.path) if self.path else self.url


def expand(args: list[str]) -> list[Source]:
    out: list[Source] = []
    for arg in args:
        if arg.startswith(("http://", "https://")):
            out.append(Source(arg))
            continue
        path = Path(unquote(urlparse(arg).path)) if arg.startswith("file://") else Path(arg)
        if path.is_dir():
            out += [_local(p) for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p, path)]
        else:
            out.append(_local(path))
    return out


def _local(path: Path) -> Source:
    path = path.resolve()
    return Source(path.as_uri(), path)


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)
