"""The PDF: the landing page as unnumbered front matter, one chapter per page, real tables.

Upstream gap: sphinx-jupyterbook-latex (``latex: use_jupyterbook_latex``) restructures the root page
and its toctree for LaTeX, but it sets ``latex_engine`` to xelatex and loads unicode-math and
ucharclasses unconditionally (``override_latex_config``), and the PDF is made with pdflatex from
Debian's TeX Live packages; no upstream issue asking for a pdflatex mode was found. Tables that
cells display as HTML are https://github.com/jupyter-book/jupyter-book/issues/1478 (open): the
advice there, a pandas option that adds a LaTeX representation, is set in the notebook, so every
chapter would need one more set-up cell (new cache keys, a LaTeX copy of each table in every
downloaded notebook), and it gives pandas' own tabular, not the wrapping, width-aware tables made
below.

Sphinx's LaTeX writer puts the pages of a toctree where the toctree stands. Ours stands in the
landing page's "What is inside" section (the ``tableofcontents`` directive), so every chapter
would become a section of a chapter called "What is inside", and the landing page's own
sections ("Notation", ...) numbered chapters after it. This post-transform, for the LaTeX
builder only, drops that section (the PDF has its own table of contents), keeps the landing
page's other sections as unnumbered chapters at the front, and moves the pages after them, where
their titles become the numbered chapters the HTML site shows (1. Hands-on, ...).

Tables that cells display (pandas DataFrames and Stylers) come as HTML, which LaTeX cannot use,
and plain text, which for a Styler is only ``<pandas.io.formats.style.Styler at 0x...>``. For the
LaTeX builder, ``HtmlTablesToTables`` turns such an HTML table into a docutils table before
myst-nb picks an output format, so the PDF shows the same rows and columns as the site.
"""

from __future__ import annotations

from html.parser import HTMLParser

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

UNNUMBERED = (
    r"\newcounter{bookfrontsecnumdepth}"
    r"\setcounter{bookfrontsecnumdepth}{\value{secnumdepth}}"
    r"\setcounter{secnumdepth}{-1}"
)
NUMBERED = r"\setcounter{secnumdepth}{\value{bookfrontsecnumdepth}}"


def _holds_pages(node: nodes.Node) -> bool:
    return any(True for _ in node.findall(addnodes.start_of_file))


class FrontMatterThenChapters(SphinxPostTransform):
    default_priority = 5
    builders = ("latex",)

    def run(self) -> None:
        top = next(
            (child for child in self.document.children if isinstance(child, nodes.section)), None
        )
        if top is None or not _holds_pages(top):  # a single page, not the assembled book
            return
        holder = next(
            (s for s in top.children if isinstance(s, nodes.section) and _holds_pages(s)), None
        )
        if holder is None:  # no table-of-contents section: the pages hang off the page itself
            pages = [child for child in top.children if _holds_pages(child)]
            for page in pages:
                top.remove(page)
        else:
            pages = [child for child in holder.children if _holds_pages(child)]
            top.remove(holder)
        first_section = next(
            (index for index, child in enumerate(top.children) if isinstance(child, nodes.section)),
            len(top.children),
        )
        top.insert(first_section, nodes.raw("", UNNUMBERED, format="latex"))
        top += nodes.raw("", NUMBERED, format="latex")
        top.extend(pages)


class _TableReader(HTMLParser):
    """Rows of the first ``<table>`` of an HTML snippet, spans laid out on a grid.

    ``rows`` holds ``(in_thead, [cell text, ...])``; a cell spanning several rows or columns
    (pandas writes ``rowspan`` for repeated index labels) leaves empty cells in the places it
    covers, so every column keeps its meaning.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[bool, list[str]]] = []
        self._pending: dict[int, int] = {}  # column -> rows a rowspan still covers
        self._in_head = self._in_cell = self._done = False
        self._skip = 0  # inside <style> or <script>

    def _next_free_column(self) -> None:
        cells = self.rows[-1][1]
        while self._pending.get(len(cells), 0) > 0:
            self._pending[len(cells)] -= 1
            cells.append("")

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self.rows.append((self._in_head, []))
        elif tag in ("td", "th") and self.rows:
            self._next_free_column()
            spans = dict(attrs)
            rows, columns = int(spans.get("rowspan") or 1), int(spans.get("colspan") or 1)
            cells = self.rows[-1][1]
            for column in range(len(cells), len(cells) + columns):
                if rows > 1:
                    self._pending[column] = rows - 1
            cells.append("")
            self._cell = len(cells) - 1
            cells.extend([""] * (columns - 1))
            self._in_cell = True

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th"):
            self._in_cell = False
        elif tag == "tr" and self.rows:
            self._next_free_column()
        elif tag == "table" and self.rows:
            self._done = True

    def handle_data(self, data):
        if self._in_cell and not self._skip and not self._done:
            cells = self.rows[-1][1]
            cells[self._cell] = " ".join((cells[self._cell] + " " + data).split())


def html_table(html: str) -> nodes.table | None:
    """A docutils table with the rows of the first ``<table>`` in ``html``; None without one."""
    if "<table" not in html:
        return None
    reader = _TableReader()
    reader.feed(html)
    rows = [(head, cells) for head, cells in reader.rows if cells]
    if not rows:
        return None
    width = max(len(cells) for _, cells in rows)
    group = nodes.tgroup(cols=width)
    group += [nodes.colspec(colwidth=1) for _ in range(width)]
    head, body = nodes.thead(), nodes.tbody()
    for in_head, cells in rows:
        row = nodes.row()
        for text in cells + [""] * (width - len(cells)):
            row += nodes.entry("", nodes.paragraph(text=_breakable(text)))
        (head if in_head else body).append(row)
    if len(head):
        group += head
    group += body
    return nodes.table("", group, classes=["colwidths-auto"])


# A zero-width space (the preamble in _config.yml makes it a break point for pdflatex) after the
# characters that join the parts of long names, so that `test_rmse_original` or a repr can wrap.
BREAK_AFTER = "_=(,/"


def _breakable(text: str) -> str:
    return "".join(char + "\u200b" if char in BREAK_AFTER else char for char in text)


# Wider tables are set in smaller type with narrower gaps, and every column at least as wide as
# a six-digit number in that type (4.8em), so that numbers never run into the next column.
WIDE = r"\footnotesize\setlength{\tabcolsep}{3pt}\setlength{\tymin}{4.8em}"
VERY_WIDE = r"\scriptsize\setlength{\tabcolsep}{2pt}\setlength{\tymin}{4.8em}"


def _table_type(columns: int) -> str | None:
    """The LaTeX type settings for a table of ``columns`` columns; None for the normal ones."""
    return None if columns <= 6 else WIDE if columns <= 10 else VERY_WIDE


class HtmlTablesToTables(SphinxPostTransform):
    default_priority = 3  # before myst-nb chooses a mime type (4)
    builders = ("latex",)

    def run(self) -> None:
        bundles = [
            node
            for node in self.document.findall(nodes.container)
            if node.get("nb_element") == "mime_bundle"
        ]
        for bundle in bundles:
            types = {child.get("mime_type"): child for child in bundle.children}
            if {"image/png", "image/jpeg", "application/pdf", "text/latex"} & set(types):
                continue
            html = types.get("text/html")
            table = html_table(html.astext()) if html is not None else None
            if table is None:
                continue
            settings = _table_type(next(table.findall(nodes.tgroup))["cols"])
            if settings is not None:
                table = [
                    nodes.raw("", r"\begingroup" + settings, format="latex"),
                    table,
                    nodes.raw("", r"\endgroup", format="latex"),
                ]
            bundle.replace_self(table)


def setup(app: Sphinx) -> dict:
    app.add_post_transform(HtmlTablesToTables)
    app.add_post_transform(FrontMatterThenChapters)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
