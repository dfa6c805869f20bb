"""The lines a figure draws, in a caption's words, written into every PNG of the figure.

A caption that says "validation loss (dashed)" must sit over a figure with a dashed validation
line. :func:`drawn_lines` lists each visible line of a figure with its look ("solid", "dashed",
"dotted" or "dash-dotted"; faint; bold), and :func:`record_lines`, which
:func:`gru_lib.plots.style.finish` calls on every figure of the book, has that list written into
each PNG of the figure (the text chunk :data:`LINE_STYLES_KEY`), so ``gru_book.captions`` can
check a caption against the very image a reader sees.
"""

from __future__ import annotations

import json

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from gru_lib import checks

__all__ = ["BOLD_WIDTH", "FAINT_ALPHA", "LINE_STYLES_KEY", "drawn_lines", "record_lines"]

# The PNG text chunk in which every figure of the book records the lines it draws (drawn_lines),
# so that a test can hold a caption's "dashed" or "faint" to the figure a reader sees.
LINE_STYLES_KEY = "gru_lib line styles"
# How a line looks, in the words a caption uses: a line is "faint" at this opacity or below and
# "bold" from this width (points) on.
FAINT_ALPHA = 0.6
BOLD_WIDTH = 1.8


def record_lines(fig: Figure) -> Figure:
    """Have every PNG printed of ``fig`` carry :func:`drawn_lines` in its text chunk
    :data:`LINE_STYLES_KEY`; returns ``fig``.

    >>> import io, json
    >>> from PIL import Image
    >>> from gru_lib.plots.style import new_figure
    >>> fig, ax = new_figure()
    >>> _ = ax.plot([0, 1], linestyle=":")
    >>> buffer = io.BytesIO()
    >>> record_lines(fig).savefig(buffer, format="png")
    >>> json.loads(Image.open(buffer).text[LINE_STYLES_KEY])[0]["style"]
    'dotted'
    """
    _StyleRecordingCanvas(checks.instance(fig, "fig", Figure))
    return fig


def drawn_lines(fig: Figure) -> list[dict[str, object]]:
    """Every visible line of ``fig`` (plotted lines, reference lines, error bars), each as
    ``{"label", "style", "faint", "bold"}``: its legend label (``""`` when it has none), its
    dash pattern in a caption's words (``"solid"``, ``"dashed"``, ``"dotted"`` or
    ``"dash-dotted"``), whether it is faint (opacity at most 0.6) and whether it is bold (at
    least 1.8 pt wide).

    >>> from gru_lib.plots.style import new_figure
    >>> fig, ax = new_figure()
    >>> _ = ax.plot([0, 1], linestyle="--", alpha=0.4, label="LSTM")
    >>> drawn_lines(fig)
    [{'label': 'LSTM', 'style': 'dashed', 'faint': True, 'bold': False}]
    """
    lines = []
    for ax in checks.instance(fig, "fig", Figure).axes:
        for artist in ax.get_children():
            if not artist.get_visible():
                continue
            if isinstance(artist, Line2D) and artist.get_linestyle() not in ("None", " ", ""):
                patterns = [artist._unscaled_dash_pattern]
                widths = [artist.get_linewidth()]
            elif isinstance(artist, LineCollection) and len(artist.get_segments()):
                patterns, widths = artist.get_linestyle(), artist.get_linewidths()
            else:
                continue
            label = str(artist.get_label() or "")
            alpha = artist.get_alpha()
            for pattern, width in zip(patterns, list(widths) * len(patterns), strict=False):
                lines.append({
                    "label": "" if label.startswith("_") else label,
                    "style": _dash_word(pattern),
                    "faint": alpha is not None and alpha <= FAINT_ALPHA,
                    "bold": float(width) >= BOLD_WIDTH,
                })  # fmt: skip
    return lines


def _dash_word(pattern) -> str:
    """A dash pattern ``(offset, (on, off, ...))`` in a caption's word for it."""
    dashes = pattern[1] if pattern is not None else None
    if not dashes:
        return "solid"
    on = [float(length) for length in dashes[0::2]]
    if max(on) <= 1.5:
        return "dotted"
    if min(on) >= 2.0:
        return "dashed"
    return "dash-dotted"


class _StyleRecordingCanvas(FigureCanvasAgg):
    """Agg, writing :func:`drawn_lines` into every PNG it prints."""

    # Matplotlib passes print options (dpi, orientation, ...) to a third party's print_png
    # unfiltered; Agg's takes only these two.
    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **_options):
        record = {LINE_STYLES_KEY: json.dumps(drawn_lines(self.figure))}
        return super().print_png(
            filename_or_obj, metadata={**(metadata or {}), **record}, pil_kwargs=pil_kwargs
        )
