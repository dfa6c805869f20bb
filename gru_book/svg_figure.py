"""Show a matplotlib figure on a page as SVG, with a PNG beside it for the PDF.

The HTML build prefers ``image/svg+xml`` and the LaTeX build takes ``image/png`` (myst-nb's
render priorities), so one output serves both: the site gets a drawing that stays sharp at any
width, the PDF a bitmap pdflatex can include. Both are made when the page runs, never committed.
The SVG is reproducible: no date in its metadata and a fixed salt for its element ids.
"""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure

from gru_lib import checks

__all__ = ["SvgFigure"]

PNG_DPI = 150  # the PDF's bitmap


class SvgFigure:
    """``fig`` for IPython's display: ``_repr_svg_`` for the site, ``_repr_png_`` for the PDF.

    >>> from gru_lib.plots.diagram import gru_cell_diagram
    >>> shown = SvgFigure(gru_cell_diagram())
    >>> shown._repr_svg_().lstrip().startswith("<?xml"), shown._repr_png_()[:4]
    (True, b'\\x89PNG')
    """

    def __init__(self, fig: Figure) -> None:
        self.fig = checks.instance(fig, "fig", Figure)

    def _repr_svg_(self) -> str:
        buffer = io.StringIO()
        with matplotlib.rc_context({"svg.hashsalt": "gru-book", "svg.fonttype": "path"}):
            self.fig.savefig(buffer, format="svg", metadata={"Date": None})
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return buffer.getvalue()
