"""Figures of one training run: loss curves, predictions against truth, forecasts over time."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gru_lib import checks
from gru_lib.plots.style import color, finish, new_figure
from gru_lib.training import TrainingHistory


def loss_curves(
    history: TrainingHistory | Mapping[str, TrainingHistory],
    *,
    title: str = "Training and validation loss",
    baseline: float | None = None,
    baseline_label: str = "baseline",
    log_scale: bool = True,
    ylabel: str = "MSE loss",
) -> Figure:
    """Training (solid) and validation (dashed) loss per epoch, for one run or several named runs.

    ``baseline`` draws a horizontal reference line, such as the MSE of always predicting the mean.
    ``ylabel`` names the loss.
    """
    runs = {"": history} if isinstance(history, TrainingHistory) else dict(history)
    if not runs:
        raise ValueError("Received an empty `history`; expected at least one TrainingHistory.")
    fig, ax = new_figure()
    for index, (name, run) in enumerate(runs.items()):
        line_color = color(index)
        epochs = np.arange(1, run.epochs + 1)
        prefix = f"{name}: " if name else ""
        ax.plot(epochs, run.loss, color=line_color, label=f"{prefix}training")
        ax.plot(epochs, run.val_loss, color=line_color, linestyle="--", label=f"{prefix}validation")
    if baseline is not None:
        ax.axhline(baseline, color="0.3", linestyle=":", label=baseline_label)
    if log_scale:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="epoch", ylabel=ylabel, title=title)
    ax.legend(fontsize=8, ncols=2 if len(runs) > 1 else 1)
    return finish(fig)


def predicted_vs_actual(
    y_true: np.ndarray, y_pred: np.ndarray, *, title: str = "Predicted vs actual (test set)"
) -> Figure:
    """Scatter of predictions against targets (shape ``(n,)`` each) with the line of perfect fit."""
    y_true = checks.finite_array(y_true, "y_true", ndim=1)
    y_pred = checks.finite_array(y_pred, "y_pred", ndim=1)
    checks.same_length(y_true, y_pred, ("y_true", "y_pred"))
    fig, ax = new_figure(width=4.6, height=4.2)
    ax.scatter(y_true, y_pred, s=12, alpha=0.7, label="test sequences")
    low = float(min(y_true.min(), y_pred.min()))
    high = float(max(y_true.max(), y_pred.max()))
    ax.plot([low, high], [low, high], color="0.3", linestyle=":", label="perfect prediction")
    ax.set(xlabel="actual", ylabel="predicted", title=title, aspect="equal")
    ax.legend(fontsize=8, loc="upper left")
    return finish(fig)


def forecasts(
    time: np.ndarray,
    actual: np.ndarray,
    predictions: Mapping[str, np.ndarray],
    *,
    title: str,
    xlabel: str = "time step",
    ylabel: str = "value",
) -> Figure:
    """The actual series ``(n,)`` and each forecaster's one-step forecasts, against ``time``."""
    time = checks.finite_array(time, "time", ndim=1)
    actual = checks.finite_array(actual, "actual", ndim=1)
    checks.same_length(time, actual, ("time", "actual"))
    fig, ax = new_figure(width=8.0, height=3.6)
    ax.plot(time, actual, color="black", linewidth=2.0, label="actual")
    for name, values in predictions.items():
        values = checks.finite_array(values, f"predictions[{name!r}]", ndim=1)
        checks.same_length(actual, values, ("actual", f"predictions[{name!r}]"))
        ax.plot(time, values, linewidth=1.2, label=name)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend(fontsize=8, ncols=len(predictions) + 1, loc="upper left")
    return finish(fig)
