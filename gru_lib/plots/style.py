"""One look for every figure in the book, readable on a light or a dark page.

Every plot helper starts with :func:`new_figure` and ends with :func:`finish`, which closes the
figure so that a notebook renders it exactly once (as the cell's value), never a second time from
pyplot's global state.

Each model family has one colour and one line style across the whole book
(:data:`FAMILY_STYLES`); :func:`model_style` finds the family from any label a chapter uses
(``"GRU"``, ``"gru (16)"``, ``"tanh RNN, ρ = 2"``, ``"linear AR"``), so a GRU is the same blue
solid line in every figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from gru_lib import checks
from gru_lib.plots.line_record import record_lines

__all__ = [
    "COLUMN_PX",
    "FAMILY_STYLES",
    "FLOOR_STYLE",
    "MIN_FONT_PX",
    "MODEL_COLORS",
    "PALETTE",
    "REFERENCE_STYLE",
    "VARIANT_MARKERS",
    "color",
    "family",
    "finish",
    "legend_below",
    "model_style",
    "model_styles",
    "new_figure",
    "smallest_font_px",
]

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

# One colour and one line style per model family; the line styles keep the families apart in
# greyscale and for readers who cannot tell the colours apart.
FAMILY_STYLES: dict[str, dict[str, object]] = {
    "simple_rnn": {"color": "#D55E00", "linestyle": "-."},  # vermillion, dash-dot
    "gru": {"color": "#0072B2", "linestyle": "-"},  # blue, solid
    "lstm": {"color": "#009E73", "linestyle": "--"},  # green, dashed
    "scratch_gru": {"color": "#CC79A7", "linestyle": (0, (1, 1.5))},  # pink, dotted
    "min_gru": {"color": "#56B4E9", "linestyle": (0, (5, 1.5, 1, 1.5, 1, 1.5))},  # sky blue
    "linear_ar": {"color": "#E69F00", "linestyle": (0, (6, 2))},  # orange, long dashes
    "last_value": {"color": "0.45", "linestyle": ":"},  # grey, dotted
    "noise_free": {"color": "0.25", "linestyle": (0, (1, 3))},  # dark grey, sparse dots
    "actual": {"color": "black", "linestyle": "-"},
}
MODEL_COLORS = {family: str(style["color"]) for family, style in FAMILY_STYLES.items()}
# Reference lines that are not models: a constant guess, an untrained baseline, a noise floor.
REFERENCE_STYLE = {"color": "0.3", "linestyle": ":", "linewidth": 1.2}
FLOOR_STYLE = {"color": "0.3", "linestyle": "-.", "linewidth": 1.0}

# Labels the chapters use, matched case-insensitively at the start of a label.
_ALIASES = [
    (r"(tanh rnn|simple ?rnn|simple_rnn|elman)", "simple_rnn"),
    (r"(scratch ?gru|scratch_gru)", "scratch_gru"),
    (r"(min ?gru|min_gru)", "min_gru"),
    (r"gru", "gru"),
    (r"lstm", "lstm"),
    (r"(linear ar|linear_ar|ar\b)", "linear_ar"),
    (r"(last value|last_value)", "last_value"),
    (r"(noise-free|noise_free|noise free)", "noise_free"),
    (r"actual", "actual"),
]
# Markers that tell apart several variants of one family in one figure (say three tanh RNNs).
VARIANT_MARKERS = ["o", "s", "^", "D", "v"]
# The width of the book's text column in CSS pixels at 1280 px, and the smallest legible text.
COLUMN_PX = 684
MIN_FONT_PX = 9.0

_RC = {
    # An opaque white figure keeps black text legible when the site is switched to dark mode.
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "legend.fontsize": 9.5,
    "legend.frameon": False,
    "figure.dpi": 100,
}


def family(label: str) -> str | None:
    """The model family a label names, or None for a label of no known family.

    >>> family("GRU"), family("gru (16)"), family("tanh RNN, ρ = 2"), family("linear AR")
    ('gru', 'gru', 'simple_rnn', 'linear_ar')
    """
    text = checks.instance(label, "label", str).strip().lower()
    for pattern, name in _ALIASES:
        if re.match(pattern, text):
            return name
    return None


def model_style(label: str, index: int = 0) -> dict[str, object]:
    """Line colour and style for ``label``: its family's, or the ``index``-th palette colour.

    >>> model_style("LSTM")["color"], model_style("LSTM")["linestyle"]
    ('#009E73', '--')
    """
    name = family(label)
    if name is None:
        return {"color": color(index), "linestyle": "-"}
    return dict(FAMILY_STYLES[name])


def model_styles(labels) -> dict[str, dict[str, object]]:
    """:func:`model_style` for each label; labels of one family get a marker each to tell
    them apart (``"tanh RNN, ρ = 0.5"`` and ``"tanh RNN, ρ = 2"``).

    >>> styles = model_styles(["tanh RNN, ρ = 1", "tanh RNN, ρ = 2", "GRU"])
    >>> [s.get("marker") for s in styles.values()]
    ['o', 's', None]
    """
    if isinstance(labels, str) or not isinstance(labels, Iterable):
        raise checks.expected("labels", "an iterable of label strings", labels)
    labels = list(labels)
    families = [family(label) for label in labels]
    styles, seen = {}, {}
    for index, (label, name) in enumerate(zip(labels, families, strict=True)):
        style = model_style(label, index)
        if name is not None and families.count(name) > 1:
            rank = seen.setdefault(name, 0)
            seen[name] = rank + 1
            style["marker"] = VARIANT_MARKERS[rank % len(VARIANT_MARKERS)]
        styles[label] = style
    return styles


def color(index: int) -> str:
    """The ``index``-th colour of the book's palette (wrapping around).

    >>> color(0) == PALETTE[0] == color(len(PALETTE))
    True
    """
    return PALETTE[checks.integer(index, "index", minimum=0) % len(PALETTE)]


def new_figure(
    nrows: int = 1, ncols: int = 1, *, width: float = 7.0, height: float = 3.6, **kwargs
):
    """A figure and its axes drawn in the book's style; ``kwargs`` go to ``plt.subplots``.

    The layout is matplotlib's constrained layout, which makes room for a legend placed outside
    the axes by :func:`legend_below`.

    >>> fig, axes = new_figure(1, 2)
    >>> len(axes), float(fig.get_figwidth())
    (2, 7.0)
    """
    nrows, ncols = checks.integer(nrows, "nrows"), checks.integer(ncols, "ncols")
    width, height = checks.positive_number(width, "width"), checks.positive_number(height, "height")
    kwargs.setdefault("layout", "constrained")
    with plt.rc_context(_RC):
        fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)
    return fig, axes


def legend_below(fig: Figure, ax, *, ncols: int | None = None, handles=None, labels=None) -> None:
    """One legend for the figure, centred below the axes, where it covers no data.

    >>> fig, ax = new_figure()
    >>> _ = ax.plot([0, 1], label="GRU")
    >>> legend_below(fig, ax)
    >>> len(fig.legends)
    1
    """
    checks.instance(fig, "fig", Figure)
    if handles is None:
        handles, labels = checks.instance(ax, "ax", Axes).get_legend_handles_labels()
    if not handles:
        return
    ncols = ncols or min(len(handles), 4)
    fig.legend(handles, labels, loc="outside lower center", ncols=ncols, frameon=False)


def finish(fig: Figure) -> Figure:
    """Lay the figure out, close it in pyplot, and return it for display.

    Every PNG of the figure (as a notebook or the book shows it) then carries the lines it draws,
    :func:`~gru_lib.plots.line_record.drawn_lines`, in its text chunk
    :data:`~gru_lib.plots.line_record.LINE_STYLES_KEY`, so a caption's words for line
    styles can be checked against the image (``gru_book.captions``).

    >>> fig, ax = new_figure()
    >>> finish(fig) is fig
    True
    """
    if checks.instance(fig, "fig", Figure).get_layout_engine() is None:
        fig.tight_layout()
    plt.close(fig)
    return record_lines(fig)


def smallest_font_px(fig: Figure, column_px: float = COLUMN_PX) -> float:
    """The smallest text on ``fig`` in CSS pixels when the figure is shown ``column_px`` wide
    (or at its natural size if narrower), as the book's pages show it.

    >>> fig, ax = new_figure(width=7.0)
    >>> round(smallest_font_px(finish(fig)), 1)  # 9.5 pt tick labels at 100 dpi, shrunk to 684 px
    12.9
    """
    checks.instance(fig, "fig", Figure).draw_without_rendering()  # creates the tick labels
    column_px = checks.positive_number(column_px, "column_px")
    natural_px = fig.get_figwidth() * fig.dpi
    scale = min(1.0, column_px / natural_px)
    sizes = [
        text.get_fontsize()
        for text in fig.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    return float(min(sizes) * fig.dpi / 72.0 * scale) if sizes else float("inf")
