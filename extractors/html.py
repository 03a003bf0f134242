"""Web-page disclosures: HTML tables -> tab-separated lines, so the text-tsv family reads them."""
from __future__ import annotations

from html.parser import HTMLParser


class _TableText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "h1", "h2", "h3", "h4", "li", "tr"):
            self.out.append("\n")
        elif tag in ("td", "th"):
            span = dict(attrs).get("colspan")
            self.out.append("\t")
            if span and span.isdigit():  # a merged cell keeps the columns to its right in place
                self._pad = int(span) - 1
                return
        self._pad = 0

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in ("td", "th") and getattr(self, "_pad", 0):
            self.out.append("\t" * self._pad)
            self._pad = 0

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data.replace("\t", " ").replace("\n", " "))


def html_to_text(html: str) -> str:
    p = _TableText()
    p.feed(html)
    lines = []
    for line in "".join(p.out).split("\n"):
        # a row starts with the tab that opened its first cell
        lines.append(line[1:] if line.startswith("\t") else line)
    return "\n".join(lines)
