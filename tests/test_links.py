"""Every internal link of the built site points to a page that exists, and to an anchor on it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow


def internal_links(html: Path):
    """Yield (page, href) for every link that stays inside the site."""
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for anchor in soup.find_all("a", href=True):
            parts = urlsplit(anchor["href"])
            if (
                parts.scheme
                or parts.netloc
                or anchor["href"].startswith(("mailto:", "javascript:"))
            ):
                continue
            yield page, anchor["href"]


def test_internal_links_and_anchors_resolve(built_book):
    ids: dict[Path, set[str]] = {}
    broken, checked, pages = [], 0, set()
    for page, href in internal_links(built_book):
        checked += 1
        pages.add(page.stem)
        parts = urlsplit(href)
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{page.name}: {href} (no such file)")
            continue
        if parts.fragment and target.suffix == ".html":
            if target not in ids:
                soup = BeautifulSoup(target.read_text(), "html.parser")
                ids[target] = {tag["id"] for tag in soup.find_all(id=True)}
            if unquote(parts.fragment) not in ids[target]:
                broken.append(f"{page.name}: {href} (no anchor)")
    assert broken == []
    # A site with no links, or a finder that finds none, must not pass as "nothing broken".
    assert checked > 100 and {"intro", "rnn-limitations", "gru-vs-lstm"} <= pages
