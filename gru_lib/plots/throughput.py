"""Training speed relative to Keras's GRU: one group of bars per size, one bar per layer.

It draws the table :func:`gru_lib.analysis.throughput.train_step_throughput` returns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.plots.style import finish, legend_below, model_style, new_figure

__all__ = ["throughput_ratios"]

_NEEDED = {"device", "layer", "time", "units", "ratio_to_gru"}


def throughput_ratios(
    table: pd.DataFrame, *, budget: float | None = 0.9, title: str = ""
) -> Figure:
    """Train steps per second of each layer divided by ``keras.layers.GRU``'s, at every size.

    One panel per device in ``table``; within a panel one group of bars per (time, units) size
    and one bar per layer, labelled with its ratio. A dashed line marks 1 (as fast as Keras's
    GRU); ``budget``, if given, draws the lowest acceptable ratio as a dotted line.

    >>> from gru_lib.analysis.throughput import train_step_throughput
    >>> table = train_step_throughput(batch_size=4, times=(5,), units=(4,), steps=2)
    >>> figure = throughput_ratios(table)
    >>> figure.axes[0].get_title()
    'cpu'
    """
    if not isinstance(table, pd.DataFrame) or not _NEEDED <= set(table.columns) or table.empty:
        raise checks.invalid(
            "table",
            "Expected a non-empty DataFrame with "
            f"columns {sorted(_NEEDED)} (see train_step_throughput), got {type(table).__name__}.",
        )
    if budget is not None:
        budget = checks.positive_number(budget, "budget")
    devices = list(dict.fromkeys(table["device"]))
    fig, axes = new_figure(
        1, len(devices), width=min(7.0, 6.4 * len(devices)), height=4.0, squeeze=False
    )
    for ax, device in zip(axes[0], devices, strict=True):
        rows = table[table["device"] == device]
        sizes = list(dict.fromkeys(zip(rows["time"], rows["units"], strict=True)))
        layers = list(dict.fromkeys(rows["layer"]))
        width = 0.8 / len(layers)
        for index, layer in enumerate(layers):
            ratios = [_ratio(rows, layer, size) for size in sizes]
            positions = np.arange(len(sizes)) + (index - (len(layers) - 1) / 2) * width
            bars = ax.bar(
                positions, ratios, width, label=layer, color=model_style(layer, index)["color"]
            )
            ax.bar_label(bars, fmt="%.2f", fontsize=9, padding=1)
        ax.axhline(1.0, color="0.3", linestyle="--", linewidth=1.0)
        if budget is not None:
            ax.axhline(
                budget, color="0.3", linestyle=":", linewidth=1.0, label=f"budget {budget:g}×"
            )
        ax.set_xticks(np.arange(len(sizes)), [f"time {t}\nunits {u}" for t, u in sizes])
        ax.set(title=str(device), ylabel="train steps/s ÷ keras GRU's")
        ax.set_ylim(0.0, max(1.0, float(np.nanmax(rows["ratio_to_gru"]))) * 1.15)
    legend_below(fig, axes[0, 0])
    if title:
        fig.suptitle(title)
    return finish(fig)


def _ratio(rows: pd.DataFrame, layer: str, size: tuple[int, int]) -> float:
    match = rows[(rows["layer"] == layer) & (rows["time"] == size[0]) & (rows["units"] == size[1])]
    return float(match["ratio_to_gru"].iloc[0]) if len(match) else float("nan")
