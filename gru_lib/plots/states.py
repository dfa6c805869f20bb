"""A GRU unit's state over time, with the steps an input marked (see ``ScratchGRU.trace``)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.plots.gates import EVENT_COLOR
from gru_lib.plots.style import FAMILY_STYLES, finish, new_figure

__all__ = ["state_over_time"]


def state_over_time(
    states: np.ndarray,
    markers: np.ndarray,
    values: np.ndarray,
    *,
    unit_label: str = "h_t",
    title: str = "",
) -> Figure:
    """One panel per example: one unit's state ``h_t`` against time, marked steps shaded.

    ``states``, ``markers`` and ``values`` have shape ``(examples, time)``: the unit's state at
    every step, a marker that is non-zero at the steps to highlight (the adding problem's two
    marked steps), and the input value at every step; each marked step is labelled with its
    value, so a reader can see the state jump when a number is stored and hold it afterwards.

    >>> fig = state_over_time(np.zeros((2, 6)), np.eye(2, 6), np.full((2, 6), 0.5))
    >>> len(fig.axes), fig.axes[0].get_ylabel()
    (2, 'h_t')
    """
    states = checks.finite_array(states, "states", ndim=2)
    markers = checks.finite_array(markers, "markers", ndim=2)
    values = checks.finite_array(values, "values", ndim=2)
    for name, array in (("markers", markers), ("values", values)):
        if array.shape != states.shape:
            raise checks.invalid(
                f"{name}", f"Expected shape {states.shape}, like `states`, got shape {array.shape}."
            )
    examples, steps = states.shape
    fig, axes = new_figure(examples, 1, width=7.0, height=1.0 + 1.6 * examples, sharex=True,
                           squeeze=False)  # fmt: skip
    low, high = float(states.min()), float(states.max())
    pad = 0.25 * (high - low or 1.0)
    for row, ax in enumerate(axes[:, 0]):
        color = FAMILY_STYLES["scratch_gru"]["color"]  # the ScratchGRU's colour, solid to be read
        ax.plot(np.arange(steps), states[row], linewidth=2.0, color=color)
        for step in np.flatnonzero(markers[row]):
            ax.axvspan(step - 0.5, step + 0.5, color=EVENT_COLOR, alpha=0.2, linewidth=0)
            ax.annotate(f"{values[row, step]:.2f}", (step, high + 0.6 * pad), ha="center",
                        va="bottom", color=EVENT_COLOR, fontsize=10)  # fmt: skip
        ax.set_ylim(low - pad, high + 2.0 * pad)
        ax.set_ylabel(unit_label)
    axes[-1, 0].set_xlabel("time step (shaded: marked steps, labelled with their numbers)")
    if title:
        fig.suptitle(title)
    return finish(fig)
