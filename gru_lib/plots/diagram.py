"""A diagram of one GRU cell, drawn with matplotlib so the book owns it and it matches the code.

The layout follows :func:`gru_lib.scratch_gru.gru_step`: the state ``h_{t-1}`` runs along the top,
is scaled by ``z_t`` and topped up with ``(1 - z_t) * candidate``; the inputs run along the bottom
into the two sigmoid gates and the tanh candidate.
"""

from __future__ import annotations

from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from gru_lib.plots.style import PALETTE, finish, new_figure

TOP, BUS = 5.2, 1.0  # heights of the state line and of the input bus
GATE_Y = 2.3  # centre height of the sigma and tanh boxes
X_H_DROP, X_INPUT, X_R, X_Z, X_CANDIDATE = 0.9, 1.6, 2.6, 4.6, 7.6
Y_RESET, Y_MIX = 3.4, 4.25  # heights of the reset product and of the (1 - z) product
LINE = {"color": "0.15", "linewidth": 1.6}


def gru_cell_diagram(*, reset_after: bool = True) -> Figure:
    """The GRU cell: boxes for the two sigmoid gates and the tanh candidate, nodes for ``*``,
    ``+`` and ``1 -``, and the labelled paths ``h_{t-1}``, ``x_t`` and ``h_t``.

    ``reset_after`` only changes what the reset gate multiplies: ``h_{t-1} U_h + b'_h`` (True,
    Keras's default) or ``h_{t-1}`` before its product with ``U_h`` (False).

    >>> len(gru_cell_diagram().axes)
    1
    """
    if not isinstance(reset_after, bool):
        raise ValueError(
            "Received an invalid value for argument `reset_after`. Expected True or False, "
            f"got reset_after={reset_after!r}."
        )
    fig, ax = new_figure(width=7.6, height=4.6)
    ax.set(xlim=(-0.4, 10.4), ylim=(-0.5, 6.0), aspect="equal")
    ax.axis("off")

    # The state line along the top: h_{t-1} in, h_t out.
    _arrow(ax, (0.0, TOP), (X_Z - 0.3, TOP))
    _arrow(ax, (X_Z + 0.3, TOP), (X_CANDIDATE - 0.3, TOP))
    _arrow(ax, (X_CANDIDATE + 0.3, TOP), (10.0, TOP))
    ax.text(-0.1, TOP + 0.3, "$h_{t-1}$", ha="left", fontsize=13)
    ax.text(10.0, TOP + 0.3, "$h_t$", ha="right", fontsize=13)

    # The input bus along the bottom: h_{t-1} drops down to it, x_t comes up into it.
    _line(ax, [(X_H_DROP, TOP), (X_H_DROP, BUS), (X_CANDIDATE, BUS)])
    _arrow(ax, (X_INPUT, -0.3), (X_INPUT, BUS))
    ax.text(X_INPUT + 0.15, -0.35, "$x_t$", ha="left", va="bottom", fontsize=13)
    for x in (X_R, X_Z, X_CANDIDATE):
        _arrow(ax, (x, BUS), (x, GATE_Y - 0.38))

    # Gates and candidate.
    _box(ax, X_R, r"$\sigma$", "reset gate", PALETTE[5])
    _box(ax, X_Z, r"$\sigma$", "update gate", PALETTE[5])
    _box(ax, X_CANDIDATE, r"$\tanh$", "candidate", PALETTE[1])

    # Reset: r_t times the state's contribution, which then feeds the candidate.
    _arrow(ax, (X_R, GATE_Y + 0.38), (X_R, Y_RESET - 0.26), label="$r_t$", label_side="left")
    _line(ax, [(X_H_DROP, Y_RESET), (X_R - 0.26, Y_RESET)])
    _node(ax, X_R, Y_RESET, r"$\times$")
    reset_path = [(X_R + 0.26, Y_RESET), (X_CANDIDATE - 0.8, Y_RESET), (X_CANDIDATE - 0.8, GATE_Y)]
    # A white halo where this path crosses the update gate's line shows which passes over.
    halo = [patheffects.withStroke(linewidth=6, foreground="white")]
    _line(ax, reset_path, path_effects=halo, zorder=3)
    _arrow(ax, reset_path[-1], (X_CANDIDATE - 0.47, GATE_Y), zorder=3)
    reset_text = (
        r"$r_t \odot (h_{t-1}U_h + b'_h)$" if reset_after else r"$(r_t \odot h_{t-1})\,U_h$"
    )
    ax.text(X_Z + 0.15, Y_RESET + 0.1, reset_text, fontsize=9, va="bottom")

    # Update: z_t keeps part of the old state, 1 - z_t admits the candidate.
    _arrow(ax, (X_Z, GATE_Y + 0.38), (X_Z, TOP - 0.26), zorder=2)
    ax.text(X_Z - 0.12, 2.95, "$z_t$", ha="right", va="center", fontsize=11)
    _line(ax, [(X_Z, Y_MIX), (5.9 - 0.26, Y_MIX)])
    _node(ax, 5.9, Y_MIX, "1−", fontsize=9)
    _arrow(
        ax, (5.9 + 0.26, Y_MIX), (X_CANDIDATE - 0.26, Y_MIX), label="$1-z_t$", label_side="above"
    )
    _arrow(ax, (X_CANDIDATE, GATE_Y + 0.38), (X_CANDIDATE, Y_MIX - 0.26))
    ax.text(X_CANDIDATE + 0.12, 3.1, r"$\tilde h_t$", fontsize=12)
    _arrow(ax, (X_CANDIDATE, Y_MIX + 0.26), (X_CANDIDATE, TOP - 0.26))
    _node(ax, X_Z, TOP, r"$\times$")
    _node(ax, X_CANDIDATE, Y_MIX, r"$\times$")
    _node(ax, X_CANDIDATE, TOP, "+")
    return finish(fig)


def _line(ax, points, **kwargs) -> None:
    xs, ys = zip(*points, strict=True)
    ax.plot(xs, ys, **{**LINE, "solid_capstyle": "round", "zorder": 1, **kwargs})


def _arrow(ax, start, end, *, label: str = "", label_side: str = "left", zorder: int = 1) -> None:
    ax.add_patch(
        FancyArrowPatch(
            start, end, arrowstyle="-|>", mutation_scale=12, shrinkA=0, shrinkB=0, zorder=zorder,
            color=LINE["color"], linewidth=LINE["linewidth"],
        )
    )  # fmt: skip
    if label:
        x, y = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        if label_side == "left":
            ax.text(x - 0.12, y, label, ha="right", va="center", fontsize=11)
        else:
            ax.text(x, y + 0.1, label, ha="center", va="bottom", fontsize=10)


def _box(ax, x: float, symbol: str, name: str, color: str) -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x - 0.45, GATE_Y - 0.38), 0.9, 0.76, boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=color, edgecolor="0.15", linewidth=1.4, alpha=0.9, zorder=4,
        )
    )  # fmt: skip
    ax.text(x, GATE_Y, symbol, ha="center", va="center", fontsize=13, zorder=5)
    ax.text(x + 0.55, GATE_Y - 0.55, name, ha="left", va="top", fontsize=8, color="0.3")


def _node(ax, x: float, y: float, symbol: str, *, fontsize: int = 12) -> None:
    ax.add_patch(Circle((x, y), 0.26, facecolor="white", edgecolor="0.15", linewidth=1.4, zorder=4))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=fontsize, zorder=5)
