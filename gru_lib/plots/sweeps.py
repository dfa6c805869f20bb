"""The figure of a one-at-a-time hyperparameter sweep (see :mod:`gru_lib.training.sweeps`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.plots.style import PALETTE, REFERENCE_STYLE, finish, legend_below, new_figure

__all__ = ["sweep_panels"]


def sweep_panels(
    table: pd.DataFrame,
    *,
    metric: str = "test_mse",
    reference: float | None = None,
    reference_label: str = "baseline",
    title: str = "",
) -> Figure:
    """One panel per swept setting: mean ± std of ``metric`` over seeds for each value tried.

    ``table`` is what :func:`gru_lib.training.sweeps.one_at_a_time` returns. The base
    configuration's bar
    is dark blue, the variations' light blue; the y axis is logarithmic so that small and large
    errors both show. ``reference``, if given, draws a dotted line across every panel, such as
    the error of a constant guess, so that a bar above it reads as worse than no model at all.

    >>> table = pd.DataFrame({"setting": "units", "value": [4, 8], "is_base": [True, False],
    ...                       "seed": 0, "test_mse": [0.1, 0.2]})
    >>> len(sweep_panels(table).axes)
    1
    """
    table = checks.frame(table, "table", ["setting", "value", "is_base"])
    metric = checks.one_of(metric, "metric", list(table.columns))
    settings = list(dict.fromkeys(table["setting"]))
    fig, axes = new_figure(
        1, len(settings), width=min(7.0, 2.3 * len(settings) + 0.3), height=3.6, sharey=True
    )
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
        if reference is not None:
            ax.axhline(reference, label=reference_label, **REFERENCE_STYLE)
    axes[0].set_ylabel(f"test {metric.removeprefix('test_').upper()} (mean ± std)")
    if reference is not None:
        legend_below(fig, axes[0])
    if title:
        fig.suptitle(title)
    return finish(fig)
