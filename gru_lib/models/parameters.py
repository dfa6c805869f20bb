"""How many weights a recurrent regressor has: closed-form counts, and the units for a budget.

A recurrent layer with ``g`` blocks of weights (1 for a SimpleRNN, 3 gates and candidate blocks for
a GRU, 4 for an LSTM) reading ``f`` features into ``u`` units holds, per block, an input kernel
``(f, u)``, a recurrent kernel ``(u, u)`` and a bias ``(u,)``: ``g · u · (f + u + 1)`` weights. The
Keras GRU's default ``reset_after=True`` keeps a second bias for the recurrent side, ``3u`` more.
The book's regressors add a ``Dense(1)`` head on the last state: ``u + 1`` weights.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from gru_lib import checks
from gru_lib.models.build import RECURRENT_LAYERS

__all__ = [
    "BLOCKS",
    "INPUT_ONLY",
    "SAME_COUNT_AS",
    "parameter_table",
    "recurrent_parameters",
    "regressor_parameters",
    "units_for_parameters",
]

# Weight blocks per layer kind: SimpleRNN one; GRU update, reset and candidate; LSTM input,
# forget, output gates and the candidate cell.
BLOCKS = {"simple_rnn": 1, "gru": 3, "lstm": 4, "min_gru": 2}
# Layers whose blocks read the input only: minGRU's gate and candidate have no recurrent kernel.
INPUT_ONLY = {"min_gru"}
# Layers counted by another kind's formula: the from-scratch GRU keeps Keras's reset-after weights.
SAME_COUNT_AS = {"scratch_gru": "gru"}


def recurrent_parameters(layer: str, *, units: int, features: int, reset_after: bool = True) -> int:
    """Weights of one recurrent layer reading ``(batch, time, features)`` into ``units`` units.

    ``reset_after`` only matters for ``layer="gru"``: Keras's default ``True`` adds a recurrent
    bias of ``3 · units``.

    >>> [recurrent_parameters(kind, units=32, features=1) for kind in ("gru", "lstm")]
    [3360, 4352]
    >>> recurrent_parameters("min_gru", units=32, features=1)  # 2n(d + 1)
    128
    """
    layer, units, features = _checked(layer, units, features)
    reset_after = checks.flag(reset_after, "reset_after")
    recurrent = 0 if layer in INPUT_ONLY else units
    count = BLOCKS[layer] * units * (features + recurrent + 1)
    if layer == "gru" and reset_after:
        count += 3 * units
    return count


def regressor_parameters(layer: str, *, units: int, features: int, reset_after: bool = True) -> int:
    """Weights of :func:`gru_lib.models.build.build_regressor`'s model: the layer plus ``Dense(1)``.

    >>> regressor_parameters("simple_rnn", units=4, features=1)
    29
    """
    count = recurrent_parameters(layer, units=units, features=features, reset_after=reset_after)
    return count + units + 1


def units_for_parameters(layer: str, *, parameters: int, features: int) -> int:
    """The number of units whose regressor comes closest to ``parameters`` weights.

    Ties go to the smaller layer. Use it to compare layer kinds at an equal parameter budget.

    >>> budget = regressor_parameters("gru", units=32, features=1)
    >>> units_for_parameters("lstm", parameters=budget, features=1)
    28
    """
    parameters = checks.integer(parameters, "parameters")
    layer, _, features = _checked(layer, 1, features)
    units, best = 1, 1
    # The count grows with units, so walk up until it passes the target, keeping the closest.
    while True:
        count = regressor_parameters(layer, units=units, features=features)
        closest = regressor_parameters(layer, units=best, features=features)
        if abs(count - parameters) < abs(closest - parameters):
            best = units
        if count >= parameters:
            return best
        units += 1


def parameter_table(
    *, units: Sequence[int], features: int, layers: Sequence[str] = ("simple_rnn", "gru", "lstm")
) -> pd.DataFrame:
    """The formula's count beside Keras's ``count_params()`` for each layer kind and width.

    ``layers`` are keys of :data:`gru_lib.models.build.RECURRENT_LAYERS`. Returns one row per
    (layer, units) with columns ``layer``, ``units``, ``formula`` and ``keras``; the layers are
    built for inputs of shape ``(batch, time, features)`` but never run.

    >>> parameter_table(units=[4], features=1, layers=["lstm"]).to_dict("records")
    [{'layer': 'lstm', 'units': 4, 'formula': 96, 'keras': 96}]
    """
    features = checks.integer(features, "features")
    rows = []
    for layer in layers:
        checks.one_of(layer, "layers", list(RECURRENT_LAYERS))
        for width in units:
            built = RECURRENT_LAYERS[layer](checks.integer(width, "units"), "tanh")
            built.build((None, None, features))
            kind = SAME_COUNT_AS.get(layer, layer)
            formula = recurrent_parameters(kind, units=width, features=features)
            rows.append(
                {"layer": layer, "units": width, "formula": formula, "keras": built.count_params()}
            )
    return pd.DataFrame(rows, columns=["layer", "units", "formula", "keras"])


def _checked(layer: str, units: int, features: int) -> tuple[str, int, int]:
    return (
        checks.one_of(layer, "layer", list(BLOCKS)),
        checks.integer(units, "units"),
        checks.integer(features, "features"),
    )
