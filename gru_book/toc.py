"""The pages of the book, in reading order, as book/_toc.yml lists them.

Shared by the tests, the benchmark and anything else that walks the book, so that every one of
them sees the same chapters. Not a Sphinx extension: it only reads the table of contents.
"""

from __future__ import annotations

from pathlib import Path

import yaml

BOOK = Path(__file__).resolve().parents[1] / "book"


def _pages(entry: dict) -> list[str]:
    pages = [entry[key] for key in ("root", "file") if key in entry]
    for key in ("parts", "chapters", "sections"):
        for child in entry.get(key, []):
            pages.extend(_pages(child))
    return pages


def toc_pages(book: Path = BOOK) -> list[str]:
    """Document names (``"hands-on"``, ...) of every page in ``book/_toc.yml``, in reading order."""
    return _pages(yaml.safe_load((book / "_toc.yml").read_text()))
