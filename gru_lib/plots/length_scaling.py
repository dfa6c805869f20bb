"""Seconds per training pass against the sequence length, on log-log axes, with the crossover.

It draws the table :func:`gru_lib.analysis.length_scaling.forward_backward_seconds` returns.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from gru_lib import checks
from gru_lib.plots.style import MODEL_COLORS, color, finish, legend_below, new_figure

__all__ = ["seconds_by_length", "time_ratios"]

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


_RATIO_NEEDED = {"time", "ratio", "low", "high"}


def time_ratios(ratios: dict[str, pd.DataFrame], *, reference: str = "equal time") -> Figure:
    """One log-log panel: for each named comparison, a time ratio against the sequence length,
    with its confidence interval as error bars, and a dotted line at 1 labelled ``reference``.

    ``ratios`` maps a legend label (``"scan / loop"``) to a table with columns ``time``,
    ``ratio``, ``low`` and ``high``, as :func:`gru_lib.analysis.timings.ratios_by_length`
    returns. The first comparison is drawn solid in minGRU's colour, the others dashed, the
    second in the GRU's colour (a comparison with the GRU), further ones in the palette's.

    >>> table = pd.DataFrame({"time": [64, 256], "ratio": [2.0, 1.5], "low": [1.9, 1.4],
    ...                       "high": [2.1, 1.6]})
    >>> figure = time_ratios({"scan / loop": table})
    >>> [text.get_text() for text in figure.legends[0].get_texts()]
    ['equal time', 'scan / loop']
    """
    if not isinstance(ratios, dict) or not ratios:
        raise checks.expected("ratios", "a non-empty dict of label to ratio table", ratios)
    for label, table in ratios.items():
        if not isinstance(table, pd.DataFrame) or not _RATIO_NEEDED <= set(table.columns):
            raise checks.invalid(
                "ratios",
                f"Expected a DataFrame with columns {sorted(_RATIO_NEEDED)} for {label!r} (see "
                f"ratios_by_length), got {type(table).__name__}.",
            )
    checks.text(reference, "reference")
    fig, ax = new_figure(width=6.4, height=3.4)
    lengths = set()
    for index, (label, table) in enumerate(ratios.items()):
        rows = table.sort_values("time")
        lengths |= set(rows["time"])
        shade = [MODEL_COLORS["min_gru"], MODEL_COLORS["gru"]][index] if index < 2 else color(index)
        ax.errorbar(
            rows["time"],
            rows["ratio"],
            yerr=[rows["ratio"] - rows["low"], rows["high"] - rows["ratio"]],
            color=shade,
            linestyle="-" if index == 0 else "--",
            marker="o",
            capsize=3,
            label=label,
        )
    ax.axhline(1.0, color="0.3", linestyle=":", linewidth=1.2, label=reference)
    lengths = sorted(lengths)
    ax.set(xscale="log", yscale="log", xlabel="sequence length T", ylabel="ratio of times")
    ax.set_xticks(lengths, [str(t) for t in lengths])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_locator(NullLocator())
    legend_below(fig, ax)
    return finish(fig)
