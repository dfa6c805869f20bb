"""Sphinx extension: give bibliography entries an ARIA role their list may contain.

Upstream gap: docutils 0.21 writes every citation with ``role="doc-biblioentry"``
(``writers/_html_base.py``, ``visit_citation``), deprecated in DPUB-ARIA 1.1
(https://github.com/w3c/dpub-aria/pull/22); Sphinx 7 requires ``docutils<0.22``. Docutils tracks
bugs on SourceForge, and no report of this one was found.

Docutils writes a bibliography as ``<div role="list">`` holding ``<div role="doc-biblioentry">``
entries. ARIA requires a list's children to be list items, so accessibility checkers report the page
as critically broken and screen readers may not announce the entries as a list. Marking each entry
``role="listitem"`` fixes both.
"""

from __future__ import annotations

from sphinx.application import Sphinx

DEPRECATED_ROLE = 'role="doc-biblioentry"'
LIST_ITEM_ROLE = 'role="listitem"'


def fix_bibliography_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and DEPRECATED_ROLE in body:
        context["body"] = body.replace(DEPRECATED_ROLE, LIST_ITEM_ROLE)


def setup(app: Sphinx) -> dict:
    # Early: Sphinx stops calling html-page-context handlers at the first that returns a value.
    app.connect("html-page-context", fix_bibliography_roles, priority=200)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
