"""Figures of memory: error against sequence length, and where a trained model looks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.analysis.connectivity import marker_steps
from gru_lib.plots.style import REFERENCE_STYLE, finish, legend_below, model_styles, new_figure

__all__ = ["connectivity_maps", "memory_curve", "validation_curves"]


def memory_curve(
    summary: pd.DataFrame,
    *,
    threshold: float,
    title: str = "Adding problem: error against length",
) -> Figure:
    """Test MSE over the baseline against sequence length, one line per cell, log-log.

    ``summary`` is :func:`gru_lib.analysis.memory.memory_summary`'s table: the line is the mean over
    seeds and the band spans the seeds' minimum to maximum. A dotted line marks the baseline (1)
    and a dashed one the ``threshold`` below which a run counts as solved.

    >>> summary = pd.DataFrame({"cell": ["GRU"] * 2, "length": [10, 20], "mean": [0.1, 0.2],
    ...                         "min": [0.05, 0.1], "max": [0.2, 0.3]})
    >>> memory_curve(summary, threshold=0.05).axes[0].get_xscale()
    'log'
    """
    needed = {"cell", "length", "mean", "min", "max"}
    if not isinstance(summary, pd.DataFrame) or not needed <= set(summary.columns):
        raise checks.expected("summary", f"a DataFrame with columns {sorted(needed)}", summary)
    threshold = checks.positive_number(threshold, "threshold")
    fig, ax = new_figure(width=7.0, height=4.2)
    cells = list(dict.fromkeys(summary["cell"]))
    for cell, style in model_styles(cells).items():
        rows = summary[summary["cell"] == cell].sort_values("length")
        ax.plot(rows["length"], rows["mean"], marker="o", label=cell, **style)
        ax.fill_between(rows["length"], rows["min"], rows["max"], color=style["color"], alpha=0.18)
    ax.axhline(1.0, label="baseline (always answer 1)", **REFERENCE_STYLE)
    ax.axhline(threshold, color="0.3", linestyle="--", linewidth=1.0, label="solved below this")
    lengths = sorted(set(summary["length"]))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(lengths, [str(length) for length in lengths])
    ax.minorticks_off()
    ax.set(xlabel="sequence length T", ylabel="test MSE / baseline", title=title)
    legend_below(fig, ax, ncols=2)
    return finish(fig)


def connectivity_maps(
    gradients: Mapping[str, np.ndarray],
    x: np.ndarray,
    *,
    floor: float = 1e-6,
) -> Figure:
    """One heat map per model: rows are example sequences, columns input steps.

    ``gradients`` maps a label to ``|∂ŷ/∂x_t|`` of shape ``(examples, time)`` from
    :func:`gru_lib.analysis.connectivity.input_gradients`, all for the inputs ``x``
    ``(examples, time, 2)``. Each row is divided by its largest value and drawn on a log colour
    scale from ``floor`` to 1; white rings mark the two marked steps.

    >>> x = np.zeros((2, 6, 2), np.float32); x[:, [1, 4], 1] = 1.0
    >>> len(connectivity_maps({"GRU": np.ones((2, 6))}, x).axes)  # one map and its colour bar
    2
    """
    if not isinstance(gradients, Mapping) or not gradients:
        raise checks.expected("gradients", "a non-empty mapping of labels to arrays", gradients)
    steps = marker_steps(x)
    floor = checks.positive_number(floor, "floor")
    fig, axes = new_figure(
        len(gradients), 1, width=7.0, height=1.0 + 1.25 * len(gradients), sharex=True,
        squeeze=False,
    )  # fmt: skip
    norm = LogNorm(vmin=floor, vmax=1.0)
    rows = np.arange(len(x))
    for ax, (label, values) in zip(axes[:, 0], gradients.items(), strict=True):
        checks.finite_array(values, f"gradients[{label!r}]", ndim=2)
        values = np.asarray(values, dtype=np.float64)
        if values.shape != x.shape[:2]:
            raise checks.expected(f"gradients[{label!r}]", f"shape {x.shape[:2]}", values.shape)
        largest = values.max(axis=1, keepdims=True)
        relative = np.clip(values / np.where(largest > 0, largest, 1.0), floor, 1.0)
        image = ax.imshow(relative, aspect="auto", norm=norm, cmap="viridis",
                          interpolation="nearest")  # fmt: skip
        for column in (0, 1):
            ax.scatter(steps[:, column], rows, s=40, facecolors="none", edgecolors="white",
                       linewidths=1.4)  # fmt: skip
        ax.set_yticks(rows, [str(row + 1) for row in rows])
        ax.set_ylabel("sequence")
        ax.set_title(label, loc="left")
        ax.grid(False)
    axes[-1, 0].set_xlabel("input step t")
    bar = fig.colorbar(image, ax=axes[:, 0], shrink=0.9)
    bar.set_label("|∂ŷ/∂x_t| / its maximum")
    return finish(fig)


def validation_curves(
    curves: Mapping[str, Sequence[float]],
    *,
    updates_per_evaluation: int,
    baseline: float,
    title: str = "Validation loss during training",
) -> Figure:
    """A stored run's validation loss over its baseline against updates, one line per model.

    ``curves`` maps a label to the validation losses a study member recorded after each
    evaluation (its ``val_curve``), ``updates_per_evaluation`` updates apart. Each is divided by
    ``baseline`` and drawn on a log scale in its family's colour and line style, with a dotted
    line at 1 (the baseline) and a marker on each evaluation.

    >>> fig = validation_curves({"GRU": [0.2, 0.01]}, updates_per_evaluation=313, baseline=0.2)
    >>> fig.axes[0].get_lines()[0].get_xdata().tolist()
    [313, 626]
    """
    if not isinstance(curves, Mapping) or not curves:
        raise checks.expected("curves", "a non-empty mapping of labels to loss lists", curves)
    spacing = checks.integer(updates_per_evaluation, "updates_per_evaluation")
    baseline = checks.positive_number(baseline, "baseline")
    fig, ax = new_figure(width=7.0, height=3.8)
    for label, style in model_styles(list(curves)).items():
        values = checks.finite_array(curves[label], f"curves[{label!r}]", ndim=1)
        updates = spacing * np.arange(1, len(values) + 1)
        ax.plot(updates, np.asarray(values) / baseline, linewidth=2.0, label=label,
                **{"marker": ".", **style})  # fmt: skip
    ax.axhline(1.0, label="baseline (always answer 1)", **REFERENCE_STYLE)
    ax.set_yscale("log")
    ax.set(xlabel="Adam updates", ylabel="validation MSE / baseline", title=title)
    legend_below(fig, ax, ncols=2)
    return finish(fig)
