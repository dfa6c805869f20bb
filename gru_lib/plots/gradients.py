"""Figures of gradient flow: how a gradient's norm changes with distance, and what clipping does."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.plots.style import color, finish, legend_below, model_styles, new_figure
from gru_lib.training.records import TrainingHistory

__all__ = ["clipping_demo", "gradient_decay"]


def gradient_decay(
    norms: Mapping[str, np.ndarray],
    *,
    before: Mapping[str, np.ndarray] | None = None,
    title: str = "Gradient norm against distance",
    ylabel: str = r"$\|\partial h_T / \partial x_{T-k}\|_F$",
) -> Figure:
    """One line per named model: gradient norm (log scale) against distance ``k`` (steps back).

    Each model keeps its family's colour and line style (:mod:`gru_lib.plots.style`); several
    models of one family, such as tanh RNNs of different spectral radii, get a marker each.

    ``norms`` maps a label to an array of shape ``(time,)`` whose entry ``k`` belongs to distance
    ``k``, as :func:`gru_lib.analysis.gradients.gradient_norms_by_distance` returns it. ``before``
    optionally maps some of the same labels to the norms of the same model at initialisation,
    drawn dashed in the same colour. Zeros (gradients that underflowed) are left out of the
    log-scale line rather than drawn.

    >>> gradient_decay({"a": 0.5 ** np.arange(10)}).axes[0].get_yscale()
    'log'
    """
    if not norms:
        raise checks.empty("norms", "at least one labelled array.")
    fig, ax = new_figure(width=7.0, height=4.4)
    before = dict(before or {})
    for label, style in model_styles(norms).items():
        style = {**style, "markevery": 10} if "marker" in style else style
        ax.plot(*_log_line(norms[label], f"norms[{label!r}]"), label=label, **style)
        if label in before:
            ax.plot(
                *_log_line(before[label], f"before[{label!r}]"), linewidth=1.0, alpha=0.45,
                label=f"{label}, at initialisation", **style,
            )  # fmt: skip
    ax.set_yscale("log")
    ax.set(xlabel="distance k (steps back from the last input)", ylabel=ylabel, title=title)
    legend_below(fig, ax, ncols=2 if before else 3)
    return finish(fig)


def clipping_demo(
    traces: Mapping[str, TrainingHistory], *, title: str = "Training the same network twice"
) -> Figure:
    """Two panels over training steps: each run's batch loss, and its gradient norm before clipping.

    ``traces`` maps a label (say ``"no clipping"``) to the
    :class:`~gru_lib.training.records.TrainingHistory` of a run trained with
    ``TrainingSettings(trace_steps=True)``. Both panels use a log scale; a step whose loss
    overflowed to inf or NaN leaves a gap.

    >>> trace = TrainingHistory([1.0], [1.0], 0.1, step_loss=[1.0, 0.5],
    ...                         step_gradient_norm=[2.0, 1.0])
    >>> [ax.get_title() for ax in clipping_demo({"plain": trace}).axes]
    ['Loss', 'Gradient norm']
    """
    if not traces or not all(
        isinstance(trace, TrainingHistory) and trace.step_loss for trace in traces.values()
    ):
        raise checks.expected(
            "traces", "a non-empty mapping of labels to histories with steps traced", traces
        )
    fig, (loss_ax, norm_ax) = new_figure(1, 2, width=7.0, height=3.6)
    for index, (label, trace) in enumerate(traces.items()):
        steps = np.arange(1, len(trace.step_loss) + 1)
        style = {"color": color(index), "linestyle": ["-", "--"][index % 2]}
        loss_ax.plot(steps, _finite_or_nan(trace.step_loss), label=label, **style)
        norm_ax.plot(steps, _finite_or_nan(trace.step_gradient_norm), label=label, **style)
    loss_ax.set(yscale="log", xlabel="training step", ylabel="batch MSE loss", title="Loss")
    norm_ax.set(
        yscale="log", xlabel="training step", ylabel="gradient norm (before clipping)",
        title="Gradient norm",
    )  # fmt: skip
    legend_below(fig, loss_ax)
    fig.suptitle(title)
    return finish(fig)


def _log_line(values: object, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Distances and values ready for a log scale: an underflowed 0 becomes a gap (NaN)."""
    values = checks.finite_array(values, name, ndim=1)
    return np.arange(len(values)), np.where(values > 0, values, np.nan)


def _finite_or_nan(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(values), values, np.nan)
