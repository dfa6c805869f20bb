"""Figures comparing layer kinds over seeds: accuracy per task, and training time per epoch.

Both take the table :func:`gru_lib.training.runs.run_experiments` returns, one row per run.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.plots.style import (
    FLOOR_STYLE,
    REFERENCE_STYLE,
    finish,
    legend_below,
    model_style,
    new_figure,
)

__all__ = ["difference_intervals", "metric_by_model", "seconds_per_epoch"]


def metric_by_model(
    results: pd.DataFrame,
    *,
    metric: str = "test_mse",
    references: Mapping[str, float] | None = None,
    reference_label: str = "baseline",
    floors: Mapping[str, float] | None = None,
    floor_label: str = "noise floor",
    title: str = "",
) -> Figure:
    """One panel per task: mean ± std over seeds of ``metric`` per model, and each seed's value.

    Bars show the mean, error bars the sample standard deviation, dots the individual seeds; each
    bar has its model family's colour. ``references`` maps a task name to a value drawn as a
    dotted line, such as the error of a forecaster that needs no training; ``floors`` maps a task
    name to the lowest error any model can reach (the noise's own variance), drawn dash-dotted.
    Each panel has its own y axis, since tasks differ in scale; one legend sits below them all.

    >>> runs = pd.DataFrame({"task": "t", "model": ["GRU", "LSTM"], "seed": 0,
    ...                      "test_mse": [0.1, 0.2]})
    >>> len(metric_by_model(runs).axes)
    1
    """
    _require_columns(results, {"task", "model", metric}, "results")
    tasks = list(dict.fromkeys(results["task"]))
    fig, axes = new_figure(1, len(tasks), width=min(7.0, 2.6 * len(tasks) + 0.4), height=3.9)
    axes = np.atleast_1d(axes)
    handles = {}
    for ax, task in zip(axes, tasks, strict=True):
        rows = results[results["task"] == task]
        _bars_with_seeds(ax, rows, rows[metric])
        if references and task in references:
            line = ax.axhline(references[task], **REFERENCE_STYLE)
            handles.setdefault(reference_label, line)
        if floors and task in floors:
            line = ax.axhline(floors[task], **FLOOR_STYLE)
            handles.setdefault(floor_label, line)
            ax.set_ylim(bottom=0.0)
        ax.set_title(task)
    legend_below(fig, axes[-1], handles=list(handles.values()), labels=list(handles))
    name = metric.removeprefix("test_").upper()
    axes[0].set_ylabel(f"test {name} (mean ± std)")
    if title:
        fig.suptitle(title)
    return finish(fig)


def seconds_per_epoch(results: pd.DataFrame, *, title: str = "") -> Figure:
    """One panel per task: mean ± std over seeds of ``train_seconds / epochs`` for each model.

    The seconds are wall-clock time, so they belong to the machine that ran the experiments;
    name it in the caption (:func:`gru_lib.machine_description`).

    >>> runs = pd.DataFrame({"task": "t", "model": ["GRU", "LSTM"], "seed": 0,
    ...                      "train_seconds": [2.0, 3.0], "epochs": 2})
    >>> len(seconds_per_epoch(runs).axes)
    1
    """
    _require_columns(results, {"task", "model", "train_seconds", "epochs"}, "results")
    tasks = list(dict.fromkeys(results["task"]))
    fig, axes = new_figure(1, len(tasks), width=min(7.0, 2.6 * len(tasks) + 0.4), height=3.6)
    axes = np.atleast_1d(axes)
    for ax, task in zip(axes, tasks, strict=True):
        rows = results[results["task"] == task]
        _bars_with_seeds(ax, rows, rows["train_seconds"] / rows["epochs"])
        ax.set_title(task)
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
        color = model_style(layer, position)["color"]
        # A second bar of the same layer kind (another size) is hatched to tell the two apart.
        hatch = "//" if layer in seen_layers else None
        seen_layers.add(layer)
        std = seed_values.std(ddof=1) if len(seed_values) > 1 else 0.0
        ax.bar(position, seed_values.mean(), yerr=std, capsize=4, color=color, alpha=0.75,
               hatch=hatch, edgecolor="white")  # fmt: skip
        ax.scatter(np.full(len(seed_values), position), seed_values, s=10, color="black", zorder=3)
    ax.set_xticks(np.arange(len(models)), models, rotation=35, ha="right")


def _require_columns(table: object, required: set[str], name: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise checks.invalid(f"{name}", f"Expected a pandas DataFrame, got {type(table).__name__}.")
    missing = required - set(table.columns)
    if missing or table.empty:
        raise checks.invalid(
            f"{name}",
            "Expected a non-empty table with "
            f"columns {sorted(required)}; missing {sorted(missing)}, {len(table)} rows.",
        )


def difference_intervals(intervals: pd.DataFrame, *, title: str = "") -> Figure:
    """Each comparison's difference of means as a dot with its confidence interval as a bar.

    ``intervals`` is :func:`gru_lib.analysis.statistics.compare_intervals`' table, possibly of
    several metrics with an extra ``label`` column naming each row; without it rows are labelled
    ``"task: first − second"``. A vertical line marks 0: a bar that crosses it detects no
    difference.

    >>> table = pd.DataFrame({"task": ["t"], "first": ["GRU"], "second": ["LSTM"],
    ...                       "difference": [-0.1], "low": [-0.2], "high": [0.05]})
    >>> difference_intervals(table).axes[0].get_xlabel()
    'difference of means (first − second), 95 % CI'
    """
    _require_columns(intervals, {"task", "first", "second", "difference", "low", "high"},
                     "intervals")  # fmt: skip
    labels = (
        intervals["label"]
        if "label" in intervals
        else intervals["task"] + ": " + intervals["first"] + " − " + intervals["second"]
    )
    fig, ax = new_figure(width=7.0, height=0.9 + 0.42 * len(intervals))
    rows = np.arange(len(intervals))[::-1]
    errors = [
        intervals["difference"] - intervals["low"],
        intervals["high"] - intervals["difference"],
    ]
    ax.errorbar(intervals["difference"], rows, xerr=errors, fmt="o", color="0.15", capsize=3)
    ax.axvline(0.0, **REFERENCE_STYLE)
    ax.set_yticks(rows, list(labels))
    ax.set_xlabel("difference of means (first − second), 95 % CI")
    ax.grid(axis="y", visible=False)
    if title:
        ax.set_title(title)
    return finish(fig)
