"""Live Code (Thebe) on pages whose set-up cells are hidden: run them first, out of sight.

Upstream gap: sphinx-thebe runs the cells tagged ``thebe-init`` that are on the page
(``.tag_thebe-init`` in ``sphinx-thebe.js``), but myst-nb leaves a ``remove-cell`` or
``remove-input`` cell out of the HTML, so a set-up cell tagged ``remove-cell`` and ``thebe-init``
is never run (a throwaway book shows no trace of it in the page); ``hide-input`` would run it but
puts a "show code" toggle on the page. Reported upstream as
https://github.com/jupyter-book/jupyter-book/issues/1557 and
https://github.com/executablebooks/MyST-NB/issues/349, both open.

A chapter's imports and helpers sit in cells tagged ``remove-cell``, so they are not on the page
and Thebe cannot run them: every visible cell would then fail with a ``NameError``. For each
notebook page this puts the chapter's leading ``remove-cell`` code cells (those before the first
visible code cell) into one hidden cell tagged ``thebe-init``, which sphinx-thebe runs as soon as
the Binder kernel is ready. Removed cells further down (``glue`` calls) are left out: they only
feed numbers into the prose.
"""

from __future__ import annotations

import ast
import html
from pathlib import Path

import jupytext
from docutils import nodes
from sphinx.application import Sphinx


def setup_source(chapter: Path) -> str:
    """The code of ``chapter``'s ``remove-cell`` cells that come before its first shown cell."""
    sources = []
    for cell in jupytext.read(chapter).cells:
        if cell.cell_type != "code":
            continue
        if "remove-cell" not in cell.metadata.get("tags", []):
            break
        sources.append(cell.source)
    return "\n\n".join(sources)


HIDDEN_TAGS = {"remove-cell", "remove-input"}


def _names(source: str) -> tuple[set[str], set[str]]:
    """Names a cell binds (assignments, imports) and names it reads."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: nothing we can read
        return set(), set()
    binds, reads = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (binds if isinstance(node.ctx, ast.Store) else reads).add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            binds |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            binds.add(node.name)
    return binds, reads


def names_only_hidden_cells_define(chapter: Path) -> list[str]:
    """Names a shown cell reads that only a hidden cell (not run by Live Code) defines.

    Live Code runs the shown cells and the set-up cells; a shown cell that needs a name defined
    only in a ``remove-cell`` or ``remove-input`` cell further up would fail on the page.
    """
    cells = [cell for cell in jupytext.read(chapter).cells if cell.cell_type == "code"]
    shown, hidden, missing = set(), set(), set()
    for index, cell in enumerate(cells):
        binds, reads = _names(cell.source)
        if HIDDEN_TAGS & set(cell.metadata.get("tags", [])) and not _leading(cells, index):
            hidden |= binds - shown
        else:
            missing |= (reads & hidden) - binds
            shown |= binds
    return sorted(missing)


def _leading(cells: list, index: int) -> bool:
    """Whether ``cells[index]`` is one of the removed cells before the first shown cell."""
    return all("remove-cell" in cell.metadata.get("tags", []) for cell in cells[: index + 1])


def add_setup_cell(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not app.config.thebe_config or "kernelspec" not in app.env.metadata.get(docname, {}):
        return
    source = setup_source(Path(app.env.doc2path(docname)))
    if not source:
        return
    cell = (
        '<div class="cell tag_thebe-init thebe-setup" hidden>'
        f'<div class="cell_input"><pre>{html.escape(source)}</pre></div></div>'
    )
    doctree.insert(0, nodes.raw(text=cell, format="html"))


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", add_setup_cell)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
