"""One look for every figure in the book, readable on a light or a dark page.

Every plot helper starts with :func:`new_figure` and ends with :func:`finish`, which closes the
figure so that a notebook renders it exactly once (as the cell's value), never a second time from
pyplot's global state.
"""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MODEL_COLORS = {
    "simple_rnn": "#D55E00",
    "gru": "#0072B2",
    "lstm": "#009E73",
    "scratch_gru": "#CC79A7",
    "min_gru": "#E69F00",
}

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
    "legend.frameon": False,
    "figure.dpi": 100,
}


def color(index: int) -> str:
    """The ``index``-th colour of the book's palette (wrapping around)."""
    return PALETTE[index % len(PALETTE)]


def new_figure(
    nrows: int = 1, ncols: int = 1, *, width: float = 7.0, height: float = 3.6, **kwargs
):
    """A figure and its axes drawn in the book's style; ``kwargs`` go to ``plt.subplots``."""
    with plt.rc_context(_RC):
        fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)
    return fig, axes


def finish(fig: Figure) -> Figure:
    """Lay the figure out, close it in pyplot, and return it for display."""
    fig.tight_layout()
    plt.close(fig)
    return fig
