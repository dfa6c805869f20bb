"""The counting figure: accuracy on aⁿbⁿ and its near misses against n."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.data.counting import MISSES
from gru_lib.plots.style import REFERENCE_STYLE, finish, legend_below, model_styles, new_figure

__all__ = ["counting_accuracy"]


def counting_accuracy(
    table: pd.DataFrame, *, largest_n: int, reject: pd.Series | None = None
) -> Figure:
    """Accuracy against ``n``, one line per cell (mean over seeds, band from the worst to the best
    seed), the training range ``n <= largest_n`` shaded, and the accuracy of always rejecting
    dotted.

    ``table`` is :func:`gru_lib.analysis.counting.counting_runs`' table or
    :func:`gru_lib.analysis.counting_study.accuracy_by_n`'s. ``reject`` is always rejecting's
    accuracy at each n (a Series indexed by n); by default that of the near misses of
    :data:`gru_lib.data.counting.MISSES`.

    >>> table = pd.DataFrame({"cell": "LSTM", "seed": [0, 0], "n": [1, 2],
    ...                       "accuracy": [1.0, 0.8]})
    >>> counting_accuracy(table, largest_n=1).axes[0].get_xlabel()
    'n (string aⁿbⁿ)'
    """
    needed = {"cell", "seed", "n", "accuracy"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns) or table.empty:
        raise checks.expected(
            "table", f"a non-empty DataFrame with columns {sorted(needed)}", table
        )
    largest_n = checks.integer(largest_n, "largest_n")
    fig, ax = new_figure(width=7.0, height=3.8)
    ax.axvspan(0.5, largest_n + 0.5, color="0.85", alpha=0.6, linewidth=0, label="training range")
    cells = list(dict.fromkeys(table["cell"]))
    for cell, style in model_styles(cells).items():
        by_n = table[table["cell"] == cell].groupby("n")["accuracy"]
        spread = by_n.agg(["mean", "min", "max"])
        ax.plot(spread.index, spread["mean"], label=cell, **style)
        ax.fill_between(
            spread.index, spread["min"], spread["max"], color=style["color"], alpha=0.18
        )
    ns = np.arange(1, int(table["n"].max()) + 1)
    if reject is None:
        # Always rejecting gets every near miss right: all but the one accepted string.
        misses = np.array([sum(n + shift >= 0 for shift in MISSES) for n in ns])
        reject = pd.Series(misses / (misses + 1), index=ns)
    elif not isinstance(reject, pd.Series) or reject.empty:
        raise checks.expected("reject", "a non-empty Series of accuracies indexed by n", reject)
    ax.plot(reject.index, reject.to_numpy(), label="always reject", **REFERENCE_STYLE)
    ax.set(xlabel="n (string aⁿbⁿ)", ylabel="accuracy on aⁿbⁿ and near misses", ylim=(0, 1.03))
    ax.set_title("Counting: accept aⁿbⁿ, reject its near misses")
    legend_below(fig, ax, ncols=4)
    return finish(fig)
