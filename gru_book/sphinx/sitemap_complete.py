"""sitemap.xml lists every page, also after an incremental build.

Upstream gap: sphinx-sitemap (2.9) lists only the pages a build writes,
https://github.com/jdillard/sphinx-sitemap/issues/13 (open, since 2018).

sphinx-sitemap collects a page's address as the page is written, so a build that rewrites only
the changed pages would write a sitemap of those pages alone. Just before it writes the file,
this adds every page of the book that the build did not write, through sphinx-sitemap's own
``add_html_link`` (same suffix and exclusions).
"""

from __future__ import annotations

import queue

import sphinx_sitemap
from sphinx.application import Sphinx


def add_unwritten_pages(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app.env.app, "sitemap_links", None)
    if exception is not None or links is None or app.builder.format != "html":
        return
    collected = []
    while True:
        try:
            collected.append(links.get_nowait())
        except queue.Empty:
            break
    for link in collected:
        links.put(link)
    written = {link for link, _ in collected}
    suffix = app.config.html_file_suffix or ".html"
    for docname in sorted(app.env.found_docs):
        if docname + suffix not in written:
            sphinx_sitemap.add_html_link(app, docname, None, None, None)


def setup(app: Sphinx) -> dict:
    # Before sphinx-sitemap writes sitemap.xml (its build-finished handler has priority 500).
    app.connect("build-finished", add_unwritten_pages, priority=499)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
