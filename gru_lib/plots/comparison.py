"""Figures comparing layer kinds over seeds: accuracy per task, and training time per epoch.

Both take the table :func:`gru_lib.experiments.run_experiments` returns, one row per run.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from gru_lib.plots.style import MODEL_COLORS, PALETTE, finish, new_figure


def metric_by_model(
    results: pd.DataFrame,
    *,
    metric: str = "test_mse",
    references: Mapping[str, float] | None = None,
    reference_label: str = "baseline",
    title: str = "",
) -> Figure:
    """One panel per task: mean ± std over seeds of ``metric`` per model, and each seed's value.

    Bars show the mean, error bars the sample standard deviation, dots the individual seeds.
    ``references`` maps a task name to a value drawn as a dotted line, such as the error of a
    forecaster that needs no training. Each panel has its own y axis, since tasks differ in scale.
    """
    _require_columns(results, {"task", "model", metric}, "results")
    tasks = list(dict.fromkeys(results["task"]))
    fig, axes = new_figure(1, len(tasks), width=3.0 * len(tasks) + 0.6, height=3.6)
    axes = np.atleast_1d(axes)
    for ax, task in zip(axes, tasks, strict=True):
        rows = results[results["task"] == task]
        _bars_with_seeds(ax, rows, rows[metric])
        if references and task in references:
            ax.axhline(references[task], color="0.3", linestyle=":", label=reference_label)
        ax.set_title(task, fontsize=10)
    if references:  # one legend, outside the panels, where it hides no bar
        handles = [line for ax in axes for line in ax.get_lines() if line.get_linestyle() == ":"]
        axes[-1].legend(handles[:1], [reference_label], fontsize=8, loc="upper left",
                        bbox_to_anchor=(1.0, 1.0))  # fmt: skip
    name = metric.removeprefix("test_").upper()
    axes[0].set_ylabel(f"test {name} (mean ± std over seeds)")
    if title:
        fig.suptitle(title)
    return finish(fig)


def seconds_per_epoch(results: pd.DataFrame, *, title: str = "") -> Figure:
    """One panel per task: mean ± std over seeds of ``train_seconds / epochs`` for each model.

    The seconds are wall-clock time, so they belong to the machine that ran the experiments;
    name it in the caption (:func:`gru_lib.machine_description`).
    """
    _require_columns(results, {"task", "model", "train_seconds", "epochs"}, "results")
    tasks = list(dict.fromkeys(results["task"]))
    fig, axes = new_figure(1, len(tasks), width=3.0 * len(tasks) + 0.6, height=3.4)
    axes = np.atleast_1d(axes)
    for ax, task in zip(axes, tasks, strict=True):
        rows = results[results["task"] == task]
        _bars_with_seeds(ax, rows, rows["train_seconds"] / rows["epochs"])
        ax.set_title(task, fontsize=10)
        ax.set_ylim(bottom=0.0)
    axes[0].set_ylabel("seconds per epoch (mean ± std)")
    if title:
        fig.suptitle(title)
    return finish(fig)


def _bars_with_seeds(ax: Axes, rows: pd.DataFrame, values: pd.Series) -> None:
    """Bars of the mean per model (in first-seen order), error bars of the std, dots per seed."""
    models = list(dict.fromkeys(rows["model"]))
    seen_layers: set[str] = set()
    for position, model in enumerate(models):
        seed_values = values[rows["model"] == model].to_numpy(dtype=float)
        layer = model.split(" (")[0]
        color = MODEL_COLORS.get(layer, PALETTE[position % len(PALETTE)])
        # A second bar of the same layer kind (another size) is hatched to tell the two apart.
        hatch = "//" if layer in seen_layers else None
        seen_layers.add(layer)
        std = seed_values.std(ddof=1) if len(seed_values) > 1 else 0.0
        ax.bar(position, seed_values.mean(), yerr=std, capsize=4, color=color, alpha=0.75,
               hatch=hatch, edgecolor="white")  # fmt: skip
        ax.scatter(np.full(len(seed_values), position), seed_values, s=10, color="black", zorder=3)
    ax.set_xticks(np.arange(len(models)), models, rotation=30, ha="right", fontsize=8)


def _require_columns(table: object, required: set[str], name: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise ValueError(
            f"Received an invalid value for argument `{name}`. Expected a pandas DataFrame, got "
            f"{type(table).__name__}."
        )
    missing = required - set(table.columns)
    if missing or table.empty:
        raise ValueError(
            f"Received an invalid value for argument `{name}`. Expected a non-empty table with "
            f"columns {sorted(required)}; missing {sorted(missing)}, {len(table)} rows."
        )
