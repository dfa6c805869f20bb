"""Seconds per training pass against the sequence length, on log-log axes, with the crossover.

It draws the table :func:`gru_lib.analysis.length_scaling.forward_backward_seconds` returns.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from gru_lib import checks
from gru_lib.plots.style import MODEL_COLORS, color, finish, legend_below, new_figure

__all__ = ["seconds_by_length"]

_NEEDED = {"layer", "time", "seconds", "compile_seconds"}
_LINE_STYLES = {"parallel": "-", "sequential": "--"}
# Legend names for the layers forward_backward_seconds measures; others keep their own name.
_LABELS = {
    "gru": "Keras GRU",
    "min_gru parallel": "minGRU, parallel scan",
    "min_gru sequential": "minGRU, loop",
}


def seconds_by_length(
    table: pd.DataFrame, *, crossover: int | None = None, crossover_label: str = ""
) -> Figure:
    """Two log-log panels: seconds per forward and backward pass, and compile seconds, by length.

    One line per layer of ``table``, named for the reader ("minGRU, parallel scan" for
    ``"min_gru parallel"``); the minGRU modes share minGRU's colour, solid for the parallel scan
    and dashed for the loop. ``crossover``, a length, draws a dotted vertical line
    in the first panel labelled ``crossover_label``.

    >>> rows = [{"layer": name, "time": t, "seconds": 0.01 * t, "compile_seconds": 1.0}
    ...         for name in ("gru", "min_gru parallel") for t in (64, 256)]
    >>> figure = seconds_by_length(pd.DataFrame(rows), crossover=256, crossover_label="cross")
    >>> [ax.get_xscale() for ax in figure.axes]
    ['log', 'log']
    >>> [text.get_text() for text in figure.legends[0].get_texts()]
    ['Keras GRU', 'minGRU, parallel scan', 'cross']
    """
    if not isinstance(table, pd.DataFrame) or not _NEEDED <= set(table.columns) or table.empty:
        raise checks.invalid(
            "table",
            "Expected a non-empty DataFrame with "
            f"columns {sorted(_NEEDED)} (see forward_backward_seconds), got "
            f"{type(table).__name__}.",
        )
    fig, (passes, compiles) = new_figure(1, 2, width=7.2, height=3.6)
    for index, layer in enumerate(dict.fromkeys(table["layer"])):
        rows = table[table["layer"] == layer].sort_values("time")
        family, _, mode = layer.partition(" ")
        style = {
            "color": MODEL_COLORS.get(family, color(index)),
            "linestyle": _LINE_STYLES.get(mode, "-"),
            "marker": "o",
            "label": _LABELS.get(layer, layer),
        }
        passes.plot(rows["time"], rows["seconds"], **style)
        compiles.plot(rows["time"], rows["compile_seconds"], **style)
    if crossover is not None:
        passes.axvline(crossover, color="0.3", linestyle=":", linewidth=1.2, label=crossover_label)
    lengths = sorted(set(table["time"]))
    for ax, label in [(passes, "seconds per pass (median)"), (compiles, "seconds to compile")]:
        ax.set(xscale="log", yscale="log", xlabel="sequence length T", ylabel=label)
        ax.set_xticks(lengths, [str(t) for t in lengths])
        ax.xaxis.set_minor_locator(NullLocator())
        # Ticks at 1, 2 and 5 times each power of ten, written as plain numbers.
        ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        ax.yaxis.set_minor_locator(NullLocator())
    passes.set_title("one forward and backward pass", fontsize=10)
    compiles.set_title("tracing and XLA compilation, once", fontsize=10)
    # One legend, below both panels, where it covers no line.
    handles, labels = passes.get_legend_handles_labels()
    legend_below(fig, passes, handles=handles, labels=labels, ncols=len(labels))
    return finish(fig)
