"""Heatmaps of a GRU's gates over time (see :meth:`gru_lib.cells.gru.ScratchGRU.trace`)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.plots.style import PALETTE, finish, new_figure

__all__ = ["EVENT_COLOR", "gate_heatmaps"]

EVENT_COLOR = PALETTE[3]  # vermillion stands out against the blue-to-yellow gate colours


def gate_heatmaps(
    gates: Mapping[str, np.ndarray],
    events: np.ndarray,
    *,
    title: str = "",
    event_label: str = "event",
) -> Figure:
    """One heatmap per example (rows) and gate (columns): units against time, coloured 0 to 1.

    ``gates`` maps a gate's name (such as ``"z"`` or ``"r"``) to its values, shape
    ``(examples, time, units)`` with values in [0, 1], for instance the first rows of
    ``ScratchGRU.trace(x)["z"]``. ``events`` has shape ``(examples, time)`` and is non-zero at the
    steps to mark (such as the adding problem's two markers); each is drawn as a pair of triangles
    on the panel's top and bottom edges.

    >>> gate_heatmaps({"z": np.full((2, 5, 3), 0.5)}, np.eye(2, 5)).axes[0].get_title()
    'z, example 1'
    """
    if not gates:
        raise checks.empty("gates", "at least one gate's values.")
    arrays = {name: checks.finite_array(v, f"gates[{name!r}]", ndim=3) for name, v in gates.items()}
    events = checks.finite_array(events, "events", ndim=2)
    shape = next(iter(arrays.values())).shape
    for name, values in arrays.items():
        if values.shape != shape or values.min() < 0.0 or values.max() > 1.0:
            raise checks.invalid(
                f"gates[{name!r}]",
                "Expected values in "
                f"[0, 1] of shape {shape}, like the first gate's, got shape {values.shape}.",
            )
    if events.shape != shape[:2]:
        raise checks.invalid(
            "events", f"Expected shape {shape[:2]} (examples, time), got shape {events.shape}."
        )
    examples, steps, units = shape
    # The last, narrow column holds one colour bar shared by every panel.
    fig, axes = new_figure(
        examples,
        len(arrays) + 1,
        width=3.6 * len(arrays) + 0.6,
        height=1.3 + 1.5 * examples,
        squeeze=False,
        gridspec_kw={"width_ratios": [1.0] * len(arrays) + [0.05]},
    )
    for row in range(examples):
        marked = np.flatnonzero(events[row])
        for col, (name, values) in enumerate(arrays.items()):
            ax = axes[row, col]
            image = ax.imshow(
                values[row].T,
                aspect="auto",
                origin="lower",
                cmap="cividis",
                vmin=0.0,
                vmax=1.0,
                interpolation="nearest",
                extent=(-0.5, steps - 0.5, -0.5, units - 0.5),
            )
            # Triangles on the top and bottom edges frame each event's column without hiding it.
            for step in marked:
                for y, marker in ((1.0, "v"), (0.0, "^")):
                    ax.plot(
                        [step], [y], marker=marker, markersize=7, color=EVENT_COLOR,
                        transform=ax.get_xaxis_transform(), clip_on=False, linestyle="none",
                    )  # fmt: skip
            ax.grid(False)
            ax.set_title(f"{name}, example {row + 1}", fontsize=9)
            ax.set_ylabel("unit" if col == 0 else "")
            ax.set_xlabel(f"time step (triangles: {event_label})" if row == examples - 1 else "")
    gridspec = axes[0, -1].get_gridspec()
    for ax in axes[:, -1]:
        ax.remove()
    colorbar = fig.colorbar(image, cax=fig.add_subplot(gridspec[:, -1]))
    colorbar.set_label("gate value")
    if title:
        fig.suptitle(title)
    return finish(fig)
