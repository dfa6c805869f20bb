"""Figures of one training run: loss curves, predictions against truth, forecasts over time."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gru_lib import checks
from gru_lib.plots.style import (
    FAMILY_STYLES,
    REFERENCE_STYLE,
    finish,
    legend_below,
    model_styles,
    new_figure,
)
from gru_lib.training.engine import TrainingHistory

__all__ = ["forecasts", "loss_curves", "predicted_vs_actual"]


def loss_curves(
    history: TrainingHistory | Mapping[str, TrainingHistory],
    *,
    title: str = "Training and validation loss",
    baseline: float | None = None,
    baseline_label: str = "baseline",
    log_scale: bool = True,
    ylabel: str = "MSE loss",
) -> Figure:
    """Validation (bold) and training (thin, faint) loss per epoch, for one or several named runs.

    Each named run is drawn in its model family's colour and line style (``"GRU"`` blue and
    solid, ``"tanh RNN"`` vermillion and dash-dotted, ...; see :mod:`gru_lib.plots.style`), an
    unnamed run as a GRU. ``baseline`` draws a horizontal reference line, such as the MSE of
    always predicting the mean. ``ylabel`` names the loss. The legend sits below the axes.

    >>> h = TrainingHistory(loss=[1.0, 0.5], val_loss=[1.1, 0.6], seconds=1.0)
    >>> len(loss_curves({"GRU": h, "LSTM": h}).axes[0].get_lines())
    4
    """
    runs = {"": history} if isinstance(history, TrainingHistory) else dict(history)
    if not runs:
        raise checks.empty("history", "at least one TrainingHistory.")
    fig, ax = new_figure(height=3.8)
    styles = model_styles([name or "GRU" for name in runs])
    for (name, run), style in zip(runs.items(), styles.values(), strict=True):
        epochs = np.arange(1, run.epochs + 1)
        prefix = f"{name}: " if name else ""
        style = {**style, "markevery": max(1, run.epochs // 8)} if "marker" in style else style
        ax.plot(epochs, run.loss, linewidth=1.0, alpha=0.5, label=f"{prefix}training", **style)
        ax.plot(epochs, run.val_loss, linewidth=2.0, label=f"{prefix}validation", **style)
    if baseline is not None:
        ax.axhline(baseline, label=baseline_label, **REFERENCE_STYLE)
    if log_scale:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="epoch", ylabel=ylabel, title=title)
    legend_below(fig, ax, ncols=min(3, 2 * len(runs) + (baseline is not None)))
    return finish(fig)


def predicted_vs_actual(
    y_true: np.ndarray, y_pred: np.ndarray, *, title: str = "Predicted vs actual (test set)"
) -> Figure:
    """Scatter of predictions against targets (shape ``(n,)`` each) with the line of perfect fit.

    >>> predicted_vs_actual(np.arange(3.0), np.arange(3.0)).axes[0].get_xlabel()
    'actual'
    """
    y_true = checks.finite_array(y_true, "y_true", ndim=1)
    y_pred = checks.finite_array(y_pred, "y_pred", ndim=1)
    checks.same_length(y_true, y_pred, ("y_true", "y_pred"))
    fig, ax = new_figure(width=4.8, height=4.8)
    gru = FAMILY_STYLES["gru"]["color"]
    ax.scatter(y_true, y_pred, s=12, alpha=0.7, color=gru, label="test sequences")
    low = float(min(y_true.min(), y_pred.min()))
    high = float(max(y_true.max(), y_pred.max()))
    ax.plot([low, high], [low, high], label="perfect prediction", **REFERENCE_STYLE)
    ax.set(xlabel="actual", ylabel="predicted", title=title, aspect="equal")
    legend_below(fig, ax)
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
    """The actual series ``(n,)`` and each forecaster's one-step forecasts, against ``time``.

    Every forecaster keeps its family's colour and line style (the GRU solid blue, the linear
    autoregression orange long dashes, the last value grey dots), so two forecasts that nearly
    coincide stay distinguishable; the legend sits below the axes.

    >>> forecasts(np.arange(3.0), np.zeros(3), {"GRU": np.ones(3)}, title="t").axes[0].get_title()
    't'
    """
    time = checks.finite_array(time, "time", ndim=1)
    actual = checks.finite_array(actual, "actual", ndim=1)
    checks.same_length(time, actual, ("time", "actual"))
    fig, ax = new_figure(width=7.0, height=3.8)
    ax.plot(time, actual, color="black", linewidth=2.4, alpha=0.35, label="actual")
    for name, style in model_styles(predictions).items():
        values = checks.finite_array(predictions[name], f"predictions[{name!r}]", ndim=1)
        checks.same_length(actual, values, ("actual", f"predictions[{name!r}]"))
        ax.plot(time, values, linewidth=1.6, label=name, **style)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    legend_below(fig, ax, ncols=len(predictions) + 1)
    return finish(fig)
