"""Sphinx extension: emit each ``<script>`` once per page.

Upstream gap: Sphinx 7's ``app.add_js_file(None, body=...)`` reaches the HTML builder once with
``None`` and once, from the registry, with ``""``, so the builder keeps both copies. Fixed in
Sphinx 8 (https://github.com/sphinx-doc/sphinx/pull/13402); Jupyter Book 1 requires
``sphinx~=7.0``, so this stays until the book moves to a Jupyter Book that allows Sphinx 8.

The script it hits here is sphinx-thebe 0.3.1's inline configuration (``const THEBE_JS_URL = ...``),
which it registers once and pages then carry twice; a browser stops with "Identifier 'THEBE_JS_URL'
has already been declared" on every page. Dropping exact duplicates from the page context removes
the error without touching what each extension asked for.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def _script_key(script) -> tuple:
    # Sphinx's _JavaScript carries the file name and its attributes (an inline body among them).
    # An inline script's file name is None or "" depending on who registered it: the same thing.
    attributes = getattr(script, "attributes", {}) or {}
    return getattr(script, "filename", script) or "", tuple(sorted(attributes.items()))


def drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    # In place: handlers that run later (MathJax's, myst-nb's) append to this very list object,
    # the builder's own, so a new list would silently drop what they add.
    scripts[:] = unique


def setup(app: Sphinx) -> dict:
    # Sphinx stops calling html-page-context handlers at the first that returns a template name,
    # so this one runs early; the duplicates it removes were registered before any page is built.
    app.connect("html-page-context", drop_duplicate_scripts, priority=200)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
