"""Reading the built site's HTML for tests: page text, table rows, and every resource a
page would load."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

RESOURCE_ATTRS = {"script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"],
                  "iframe": ["src"], "video": ["src", "poster"], "audio": ["src"], "embed": ["src"],
                  "object": ["data"], "track": ["src"]}
LINK_RESOURCE_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch",
                      "preconnect", "dns-prefetch", "apple-touch-icon", "shortcut"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text_parts: list[str] = []
        self.resources: list[str] = []
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0            # inside <small class="source">, <script>, <style>
        self._main = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in RESOURCE_ATTRS.get(tag, []):
            if attrs.get(name):
                self.resources.append(attrs[name])
        if tag == "link" and set((attrs.get("rel") or "").split()) & LINK_RESOURCE_RELS:
            self.resources.append(attrs.get("href") or "")
        if attrs.get("style"):
            self.resources += re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs["style"])
        if tag in ("script", "style") or (tag == "small" and "source" in (attrs.get("class") or "")):
            self._skip += 1
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "small") and self._skip:
            self._skip -= 1
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if not self._skip:
            self.text_parts.append(data)


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.text = "".join(page.text_parts)
    return page


def html_pages(site: Path) -> dict[str, Path]:
    """'index', 'schedule', … → the page's index.html (the 404 page too)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        key = "index" if rel.as_posix() == "index.html" else rel.parent.as_posix() if rel.name == "index.html" else rel.stem
        pages[key] = path
    return pages


def is_off_site(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.I)) and not url.startswith("data:")
