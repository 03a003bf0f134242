"""Write a sample corpus: N synthetic disclosures spread over the layout families."""
from __future__ import annotations

from pathlib import Path

from .figures import draw
from .render import LAYOUTS, render

SUFFIX = {"text-tsv": ".txt", "text-markdown": ".md", "text-flow": ".txt"}


def write_corpus(out: Path, count: int, first_seed: int = 0, layouts: tuple[str, ...] = LAYOUTS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        layout = layouts[i % len(layouts)]
        text, _ = render(draw(first_seed + i), layout)
        path = out / f"sample-{first_seed + i:05d}-{layout}{SUFFIX[layout]}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
