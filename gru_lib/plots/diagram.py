"""A diagram of one GRU cell, drawn with matplotlib so the book owns it and it matches the code.

The layout follows :func:`gru_lib.cells.gru.gru_step`. The state ``h_{t-1}`` runs along the
top, is scaled by ``z_t`` and topped up with ``(1 - z_t) * candidate``. Below it, ``h_{t-1}``
takes two more paths: along the bus at the bottom, with ``x_t``, into the sigmoid gates; and
along the middle, through its product with ``U_h`` (and, reset after, the bias ``b'_h``), which
the reset gate scales before it reaches the tanh candidate. The candidate's other input is
``x_t W_h + b_h``, drawn as its own line, so no line carries ``h_{t-1}`` into the tanh unreset.

``stage="update"`` draws the cell with the update gate alone (as if ``r_t = 1``), the first step
of building the cell up; ``stage="full"`` adds the reset gate.
"""

from __future__ import annotations

from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from gru_lib import checks
from gru_lib.plots.style import PALETTE, finish, new_figure

__all__ = ["HALO", "LINE", "STAGES", "TEXT_PT", "WIDTH_IN", "gru_cell_diagram"]

TOP, Y_MIX, Y_H, GATE_Y, BUS, Y_X = 5.4, 4.6, 3.7, 2.3, 1.0, 0.4  # heights of the lines
X_DROP, X_INPUT, X_Z, X_U, X_R, X_CANDIDATE = 0.8, 1.6, 2.6, 4.0, 5.6, 9.9
X_ONE_MINUS, X_END = 7.4, 12.2
R_NODE, W_HALF = 0.3, 0.75  # a node's radius, half a weight box's width
# The figure is drawn narrow with large text, so that shrunk to a phone's column (342 px at a
# 390 px window) its smallest text, TEXT_PT, is still 9 px: 11.5 pt * 342 / (6 in * 72) = 9.1.
WIDTH_IN, TEXT_PT = 6.0, 11.5
LINE = {"color": "0.15", "linewidth": 1.6}
HALO = [patheffects.withStroke(linewidth=7, foreground="white")]
STAGES = ("update", "full")


def gru_cell_diagram(*, stage: str = "full", reset_after: bool = True) -> Figure:
    """The GRU cell: boxes for the sigmoid gates, the product with ``U_h`` and the tanh
    candidate, nodes for ``*``, ``+`` and ``1 -``, and the labelled paths ``h_{t-1}``, ``x_t``
    and ``h_t``.

    ``stage`` is ``"update"`` (the update gate alone, the reset gate left out as if it were 1)
    or ``"full"`` (both gates). ``reset_after`` only changes the order on the middle path: the
    reset gate scales ``h_{t-1} U_h + b'_h`` (True, Keras's default) or scales ``h_{t-1}``
    before its product with ``U_h`` (False).

    >>> [t.get_text() for t in gru_cell_diagram(stage="update").axes[0].texts][:2]
    ['$h_{t-1}$', '$h_t$']
    """
    checks.one_of(stage, "stage", list(STAGES))
    if not isinstance(reset_after, bool):
        raise checks.invalid(
            "reset_after", f"Expected True or False, got reset_after={reset_after!r}."
        )
    full = stage == "full"
    fig, ax = new_figure(width=WIDTH_IN, height=WIDTH_IN * 6.7 / 12.8, layout=None)
    ax.set(xlim=(-0.3, 12.5), ylim=(-0.7, 6.0), aspect="equal")
    ax.axis("off")

    # The state line along the top: h_{t-1} in, h_t out.
    _arrow(ax, (0.0, TOP), (X_Z - R_NODE, TOP))
    _arrow(ax, (X_Z + R_NODE, TOP), (X_CANDIDATE - R_NODE, TOP))
    _arrow(ax, (X_CANDIDATE + R_NODE, TOP), (X_END, TOP))
    ax.text(-0.1, TOP + 0.25, "$h_{t-1}$", ha="left", fontsize=13)
    ax.text(X_END, TOP + 0.25, "$h_t$", ha="right", fontsize=13)

    # The bus along the bottom: h_{t-1} drops down to it, x_t comes up into it, and both feed
    # the sigmoid gates (the update gate alone in the first stage).
    bus_end = X_R if full else X_Z
    _line(ax, [(X_DROP, TOP), (X_DROP, BUS), (bus_end, BUS)])
    _arrow(ax, (X_INPUT, -0.5), (X_INPUT, BUS))
    ax.text(X_INPUT - 0.15, -0.55, "$x_t$", ha="right", va="bottom", fontsize=13)
    for x in (X_Z, X_R) if full else (X_Z,):
        _arrow(ax, (x, BUS), (x, GATE_Y - 0.38))

    # The candidate's input part, x_t W_h + b_h, on its own line below the bus.
    _line(ax, [(X_INPUT, Y_X), (X_CANDIDATE, Y_X)])
    _arrow(ax, (X_CANDIDATE, Y_X), (X_CANDIDATE, GATE_Y - 0.38))
    ax.text(X_CANDIDATE + 0.12, 0.65, "$x_t W_h + b_h$", ha="left", fontsize=TEXT_PT)

    # The state's part of the candidate: h_{t-1} U_h (+ b'_h), scaled by r_t in the full cell.
    _line(ax, [(X_DROP, Y_H), (X_U - W_HALF, Y_H)])
    down = X_CANDIDATE - 0.85  # where the middle path turns down into the tanh box
    if full and not reset_after:  # reset before: r_t * h_{t-1}, then the product with U_h
        x_box = X_R + 1.6
        _node(ax, X_R, Y_H, r"$\times$")
        _line(ax, [(X_U - W_HALF, Y_H), (X_R - R_NODE, Y_H)])
        _weight_box(ax, x_box, "$U_h$")
        _line(ax, [(X_R + R_NODE, Y_H), (x_box - W_HALF, Y_H)])
        path_start, label = (x_box + W_HALF, Y_H), r"$(r_t \odot h_{t-1})\,U_h$"
        label_at = (x_box, "center", -0.36, "top")  # below: the 1 - z_t node sits above
    else:
        _weight_box(ax, X_U, "$U_h,\\ b'_h$" if reset_after else "$U_h$")
        after_box = r"$h_{t-1}U_h + b'_h$" if reset_after else r"$h_{t-1}U_h$"
        if full:
            _node(ax, X_R, Y_H, r"$\times$")
            _line(ax, [(X_U + W_HALF, Y_H), (X_R - R_NODE, Y_H)])
            ax.text(X_U, Y_H + 0.36, after_box, ha="center", va="bottom", fontsize=TEXT_PT)
            path_start, label = (X_R + R_NODE, Y_H), r"$r_t \odot (h_{t-1}U_h + b'_h)$"
            label_at = (X_R + 0.35, "left", 0.1, "bottom")
        else:
            path_start, label = (X_U + W_HALF, Y_H), after_box
            label_at = (X_U + W_HALF + 0.1, "left", 0.1, "bottom")
    _line(ax, [path_start, (down, Y_H), (down, GATE_Y)])
    _arrow(ax, (down, GATE_Y), (X_CANDIDATE - 0.45, GATE_Y))
    # The label rides along the middle path, clear of the gate arrows and the boxes.
    x, align, dy, va = label_at
    ax.text(x, Y_H + dy, label, ha=align, va=va, fontsize=TEXT_PT)
    for point in [(X_DROP, TOP), (X_DROP, Y_H), (X_INPUT, BUS), (X_INPUT, Y_X), (X_Z, Y_MIX)]:
        ax.plot(*point, "o", color=LINE["color"], markersize=4.5, zorder=5)
    if full:  # r_t rises from its gate into the product on the middle path
        _arrow(ax, (X_R, GATE_Y + 0.38), (X_R, Y_H - R_NODE))
        ax.text(X_R - 0.12, 3.0, "$r_t$", ha="right", va="center", fontsize=TEXT_PT + 1)

    # Gates and candidate.
    _box(ax, X_Z, r"$\sigma$", "update gate", PALETTE[5])
    if full:
        _box(ax, X_R, r"$\sigma$", "reset gate", PALETTE[4])
    _box(ax, X_CANDIDATE, r"$\tanh$", "candidate", PALETTE[1], fontsize=TEXT_PT)

    # Update: z_t keeps part of the old state, 1 - z_t admits the candidate. The z_t line passes
    # over the middle path (the white halo shows which line is on top).
    _arrow(ax, (X_Z, GATE_Y + 0.38), (X_Z, TOP - R_NODE), zorder=3, halo=True)
    ax.text(X_Z - 0.12, 3.0, "$z_t$", ha="right", va="center", fontsize=TEXT_PT + 1)
    _line(ax, [(X_Z, Y_MIX), (X_ONE_MINUS - R_NODE, Y_MIX)])
    _node(ax, X_ONE_MINUS, Y_MIX, "1−", fontsize=TEXT_PT)
    _arrow(ax, (X_ONE_MINUS + R_NODE, Y_MIX), (X_CANDIDATE - R_NODE, Y_MIX))
    ax.text((X_ONE_MINUS + X_CANDIDATE) / 2, Y_MIX + 0.1, "$1-z_t$", ha="center", va="bottom",
            fontsize=TEXT_PT)  # fmt: skip
    _arrow(ax, (X_CANDIDATE, GATE_Y + 0.38), (X_CANDIDATE, Y_MIX - R_NODE))
    ax.text(X_CANDIDATE + 0.12, 3.3, r"$\tilde h_t$", fontsize=12)
    _arrow(ax, (X_CANDIDATE, Y_MIX + R_NODE), (X_CANDIDATE, TOP - R_NODE))
    _node(ax, X_Z, TOP, r"$\times$")
    _node(ax, X_CANDIDATE, Y_MIX, r"$\times$")
    _node(ax, X_CANDIDATE, TOP, "+")
    fig.subplots_adjust(left=0.0, right=1.0, bottom=0.0, top=1.0)
    return finish(fig)


def _line(ax, points, **kwargs) -> None:
    xs, ys = zip(*points, strict=True)
    ax.plot(xs, ys, **{**LINE, "solid_capstyle": "round", "zorder": 1, **kwargs})


def _arrow(ax, start, end, *, zorder: int = 1, halo: bool = False) -> None:
    ax.add_patch(
        FancyArrowPatch(
            start, end, arrowstyle="-|>", mutation_scale=12, shrinkA=0, shrinkB=0, zorder=zorder,
            color=LINE["color"], linewidth=LINE["linewidth"],
            path_effects=HALO if halo else None,
        )
    )  # fmt: skip


def _box(ax, x: float, symbol: str, name: str, color: str, *, fontsize: float = 13) -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x - 0.45, GATE_Y - 0.38), 0.9, 0.76, boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=color, edgecolor="0.15", linewidth=1.4, alpha=0.9, zorder=4,
        )
    )  # fmt: skip
    ax.text(x, GATE_Y, symbol, ha="center", va="center", fontsize=fontsize, zorder=5)
    ax.text(x + 0.52, GATE_Y - 0.45, name, ha="left", va="top", fontsize=TEXT_PT, color="0.25")


def _weight_box(ax, x: float, text: str) -> None:
    """A square box for a product with a weight matrix, on the middle path."""
    ax.add_patch(
        FancyBboxPatch(
            (x - W_HALF, Y_H - 0.3), 2 * W_HALF, 0.6, boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor="white", edgecolor="0.15", linewidth=1.4, zorder=4,
        )
    )  # fmt: skip
    ax.text(x, Y_H, text, ha="center", va="center", fontsize=TEXT_PT, zorder=5)


def _node(ax, x: float, y: float, symbol: str, *, fontsize: float = 12) -> None:
    ax.add_patch(
        Circle((x, y), R_NODE, facecolor="white", edgecolor="0.15", linewidth=1.4, zorder=4)
    )
    ax.text(x, y, symbol, ha="center", va="center", fontsize=fontsize, zorder=5)
