"""Export a trained GRU regressor for the gates chapter's interactive explorer.

The explorer (``book/_static/gru-explorer*.js``) reruns the GRU in the reader's browser. The build
hands it everything it needs as one JSON document embedded in the page: the recurrent layer's
weights in Keras's layout, the dense head, the preset input sequences and the colour scales of the
book's gate figures. The walk-through beside the widget quotes :func:`walkthrough`, computed here
with :meth:`gru_lib.ScratchGRU.trace` on the same weights and inputs the browser starts from.

Weight layout (Keras's ``GRU(reset_after=True)``, gate order z, r, h):

- ``kernel`` ``(features, 3 * units)``;
- ``recurrent_kernel`` ``(units, 3 * units)``;
- ``bias`` ``(2, 3 * units)``: the input row, then the recurrent row;
- ``dense_kernel`` ``(units,)`` and ``dense_bias`` (a number): the output ``h_T w + b``.
"""

from __future__ import annotations

import html
import json

import keras
import matplotlib
import numpy as np

from gru_lib import checks
from gru_lib.cells.gru import ScratchGRU
from gru_lib.data import adding_problem
from gru_lib.plots.style import PALETTE

__all__ = [
    "LINE_COLORS",
    "MARKER_COLOR",
    "PRESETS",
    "adding_sequence",
    "explorer_data",
    "explorer_html",
    "presets",
    "regressor_parts",
    "walkthrough",
]

PRESETS = ("adding", "step", "spike")
# Colour scales shared with the book's gate figures: cividis for gates in [0, 1], and a diverging
# scale for the candidate and the state in [-1, 1]. Stops are sampled evenly over the range.
GATE_COLORMAP, STATE_COLORMAP, COLOR_STOPS = "cividis", "PuOr_r", 17
MARKER_COLOR = PALETTE[3]  # the vermillion of the gate heatmaps' marker triangles
# The line plot's gates, in the cell diagram's colours (gru_lib.plots.diagram); the state is drawn
# in the page's text colour, so it reads in light and dark mode.
LINE_COLORS = {"z": PALETTE[5], "r": PALETTE[4]}


def regressor_parts(model: keras.Model) -> tuple[ScratchGRU, keras.layers.Dense]:
    """The ``ScratchGRU`` and the one-output ``Dense`` head of ``Input -> ScratchGRU -> Dense(1)``.

    >>> from gru_lib.models.build import build_regressor
    >>> gru, head = regressor_parts(build_regressor((5, 2), layer="scratch_gru", units=3))
    >>> gru.units, head.units
    (3, 1)
    """
    grus = [layer for layer in model.layers if isinstance(layer, ScratchGRU)]
    denses = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    if len(grus) != 1 or len(denses) != 1 or denses[0].units != 1:
        names = [type(layer).__name__ for layer in model.layers]
        raise checks.invalid(
            "model", f"Expected one ScratchGRU followed by a Dense(1) head, got layers {names}."
        )
    if not grus[0].reset_after:
        raise checks.invalid(
            "model",
            "The explorer runs the reset-after GRU, got a ScratchGRU with reset_after=False.",
        )
    return grus[0], denses[0]


def adding_sequence(
    *, length: int, first: int, second: int, seed: int = 0
) -> tuple[np.ndarray, float]:
    """One adding-problem input ``(length, 2)`` with its markers moved to ``first`` and ``second``.

    The values are those of ``adding_problem(samples=1, length=length, seed=seed)``; the
    marker channel is 1 at the two steps given and 0 elsewhere. Returns the input and its target,
    the sum of the marked values.

    >>> x, target = adding_sequence(length=6, first=1, second=4)
    >>> x.shape, x[:, 1].tolist(), bool(np.isclose(target, x[1, 0] + x[4, 0]))
    ((6, 2), [0.0, 1.0, 0.0, 0.0, 1.0, 0.0], True)
    """
    x, _ = adding_problem(samples=1, length=length, seed=seed)
    half = length // 2
    first = checks.integer(first, "first", minimum=0)
    second = checks.integer(second, "second", minimum=0)
    if first >= half:
        raise checks.invalid(
            "first", f"Expected a step below {half} (the first half), got first={first}."
        )
    if not half <= second < length:
        raise checks.invalid(
            "second",
            f"Expected a step in [{half}, {length}) (the second half), got second={second}.",
        )
    sequence = x[0].copy()
    sequence[:, 1] = 0.0
    sequence[[first, second], 1] = 1.0
    return sequence, float(sequence[first, 0] + sequence[second, 0])


def presets(*, length: int, first: int, second: int, seed: int = 0) -> dict[str, np.ndarray]:
    """The explorer's preset inputs, each ``(length, 2)`` float32 (channels: value, marker).

    - ``"adding"``: :func:`adding_sequence` with markers at ``first`` and ``second``;
    - ``"step"``: value 0 for the first half and 1 for the second, no marker;
    - ``"spike"``: value 1 and a marker at ``first``, zeros everywhere else.

    >>> {name: int(x[:, 1].sum()) for name, x in presets(length=8, first=1, second=5).items()}
    {'adding': 2, 'step': 0, 'spike': 1}
    """
    adding, _ = adding_sequence(length=length, first=first, second=second, seed=seed)
    step = np.zeros((length, 2), np.float32)
    step[length // 2 :, 0] = 1.0
    spike = np.zeros((length, 2), np.float32)
    spike[first] = 1.0
    return {"adding": adding, "step": step, "spike": spike}


def explorer_data(
    model: keras.Model, *, length: int, first: int, second: int, seed: int = 0
) -> dict:
    """Everything the browser explorer needs, as a JSON-ready ``dict`` of lists and numbers.

    ``model`` is a trained ``Input -> ScratchGRU -> Dense(1)`` regressor; ``length``, ``first``,
    ``second`` and ``seed`` choose the presets (see :func:`presets`).

    >>> from gru_lib.models.build import build_regressor
    >>> model = build_regressor((6, 2), layer="scratch_gru", units=3)
    >>> data = explorer_data(model, length=6, first=1, second=4)
    >>> [len(data["kernel"]), len(data["kernel"][0])], data["presets"]["adding"]["markers"]
    ([2, 9], [1, 4])
    """
    gru, head = regressor_parts(model)
    kernel, recurrent_kernel, bias = (np.asarray(w, np.float64) for w in gru.get_weights())
    if len(kernel) != 2:  # the presets and the widget's editor have a value and a marker channel
        raise checks.invalid(
            "model",
            "Expected a GRU on 2 input features "
            f"(value, marker), got one on {len(kernel)} input features.",
        )
    dense_kernel, dense_bias = (np.asarray(w, np.float64) for w in head.get_weights())
    sequences = presets(length=length, first=first, second=second, seed=seed)
    return {
        "units": gru.units,
        "features": ["value", "marker"],
        "kernel": kernel.tolist(),
        "recurrent_kernel": recurrent_kernel.tolist(),
        "bias": bias.tolist(),
        "dense_kernel": dense_kernel[:, 0].tolist(),
        "dense_bias": float(dense_bias[0]),
        "presets": {
            name: {"inputs": x.astype(np.float64).tolist(), "markers": [first, second]}
            if name == "adding"
            else {"inputs": x.astype(np.float64).tolist()}
            for name, x in sequences.items()
        },
        "colors": {
            "gate": _stops(GATE_COLORMAP),
            "state": _stops(STATE_COLORMAP),
            "marker": MARKER_COLOR,
            "lines": dict(LINE_COLORS),
        },
    }


def explorer_html(data: dict) -> str:
    """The widget's root element, holding ``data`` as an embedded ``application/json`` script.

    ``gru-explorer.js`` finds every element with a ``data-gru-explorer`` attribute and builds the
    explorer inside it; without JavaScript the ``noscript`` note is all a reader sees.

    >>> print(explorer_html({"units": 1}).splitlines()[1])
    <script type="application/json" class="gru-explorer-data">{"units":1}</script>
    """
    if not isinstance(data, dict):
        raise checks.invalid("data", f"Expected a dict, got {type(data)}.")
    # "</" inside a script element would end it early; JSON allows the escaped form "<\/".
    payload = json.dumps(data, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    note = html.escape("The GRU explorer needs JavaScript.")
    return (
        '<div class="gru-explorer" data-gru-explorer>\n'
        f'<script type="application/json" class="gru-explorer-data">{payload}</script>\n'
        f"<noscript><p>{note}</p></noscript>\n</div>"
    )


def walkthrough(model: keras.Model, x: np.ndarray, *, first: int, second: int) -> dict:
    """Numbers for the prose that walks through ``x`` ``(time, features)``, marked at two steps.

    The unit followed is the one whose update gate falls most at ``first`` below its mean over the
    steps before it. Returns that ``unit`` and its ``z_before`` (mean z over steps ``< first``),
    ``z_first`` and ``z_second`` (z at the two markers), ``z_between_min`` (lowest z strictly
    between them), ``h_before`` and ``h_after`` (state just before and at ``first``),
    ``h_between_change`` (largest distance of its state from ``h_after`` before ``second``),
    ``output`` (the model's prediction) and ``target`` (the sum of the marked values).

    >>> from gru_lib.models.build import build_regressor
    >>> model = build_regressor((6, 2), layer="scratch_gru", units=3)
    >>> x, _ = adding_sequence(length=6, first=1, second=4)
    >>> sorted(walkthrough(model, x, first=1, second=4))[:3]
    ['h_after', 'h_before', 'h_between_change']
    """
    gru, head = regressor_parts(model)
    x = checks.finite_array(x, "x", ndim=2)
    length = len(x)
    first = checks.integer(first, "first")  # at least one step before the first marker
    second = checks.integer(second, "second")
    if not first + 1 < second < length:
        raise checks.invalid(
            "second",
            "Expected a step in "
            f"({first + 1}, {length}), after the first marker, got second={second}.",
        )
    trace = gru.trace(x[None])
    z, h = trace["z"][0], trace["h"][0]  # (time, units)
    z_before = z[:first].mean(axis=0)
    unit = int(np.argmax(z_before - z[first]))
    kernel, bias = head.get_weights()
    return {
        "unit": unit,
        "z_before": float(z_before[unit]),
        "z_first": float(z[first, unit]),
        "z_between_min": float(z[first + 1 : second, unit].min()),
        "z_second": float(z[second, unit]),
        "h_before": float(h[first - 1, unit]),
        "h_after": float(h[first, unit]),
        "h_between_change": float(np.abs(h[first:second, unit] - h[first, unit]).max()),
        "output": float(h[-1] @ kernel[:, 0] + bias[0]),
        "target": float(x[first, 0] + x[second, 0]),
    }


def _stops(name: str) -> list[str]:
    """``COLOR_STOPS`` evenly spaced colours of the Matplotlib colour map ``name``, as hex."""
    colormap = matplotlib.colormaps[name]
    return [matplotlib.colors.to_hex(colormap(v)) for v in np.linspace(0.0, 1.0, COLOR_STOPS)]
