"""The figure of a one-at-a-time hyperparameter sweep (see :mod:`gru_lib.sweeps`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from gru_lib.plots.style import PALETTE, finish, new_figure


def sweep_panels(table: pd.DataFrame, *, metric: str = "test_mse", title: str = "") -> Figure:
    """One panel per swept setting: mean ± std of ``metric`` over seeds for each value tried.

    ``table`` is what :func:`gru_lib.sweeps.one_at_a_time` returns. The base configuration's bar
    is dark blue, the variations' light blue; the y axis is logarithmic so that small and large
    errors both show.
    """
    required = {"setting", "value", "is_base", metric}
    if not required <= set(table.columns):
        raise ValueError(
            f"Received an invalid value for argument `table`. Expected columns {sorted(required)}, "
            f"got {list(table.columns)}."
        )
    settings = list(dict.fromkeys(table["setting"]))
    fig, axes = new_figure(1, len(settings), width=2.7 * len(settings), height=3.2, sharey=True)
    axes = np.atleast_1d(axes)
    for ax, setting in zip(axes, settings, strict=True):
        rows = table[table["setting"] == setting]
        stats = rows.groupby("value", sort=False).agg(
            mean=(metric, "mean"), std=(metric, "std"), is_base=("is_base", "first")
        )
        positions = np.arange(len(stats))
        colors = [PALETTE[0] if base else PALETTE[5] for base in stats["is_base"]]
        ax.bar(positions, stats["mean"], yerr=stats["std"].fillna(0.0), capsize=4, color=colors)
        ax.set_xticks(positions, list(stats.index))
        ax.set(xlabel=setting, yscale="log")
    axes[0].set_ylabel(f"test {metric.removeprefix('test_').upper()} (mean ± std)")
    if title:
        fig.suptitle(title)
    return finish(fig)
