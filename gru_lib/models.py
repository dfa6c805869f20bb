"""Single-recurrent-layer regressors: ``Input -> recurrent layer -> Dense(1)``."""

from __future__ import annotations

from collections.abc import Callable

import keras
import pandas as pd

from gru_lib import checks
from gru_lib.min_gru import min_gru_layer
from gru_lib.runtime import seed_everything
from gru_lib.scratch_gru import scratch_gru_layer

# Each factory takes (units, activation) and returns a Keras recurrent layer that emits its
# last state.
RECURRENT_LAYERS: dict[str, Callable[[int, str], keras.layers.Layer]] = {
    "simple_rnn": lambda units, activation: keras.layers.SimpleRNN(units, activation=activation),
    "gru": lambda units, activation: keras.layers.GRU(units, activation=activation),
    "lstm": lambda units, activation: keras.layers.LSTM(units, activation=activation),
    "scratch_gru": scratch_gru_layer,
    "min_gru": min_gru_layer,
}
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
OPTIMIZERS: dict[str, type[keras.optimizers.Optimizer]] = {
    "adam": keras.optimizers.Adam,
    "rmsprop": keras.optimizers.RMSprop,
    "sgd": keras.optimizers.SGD,
}


def build_regressor(
    input_shape: tuple[int, int],
    *,
    layer: str = "gru",
    units: int = 32,
    activation: str = "tanh",
    optimizer: str = "adam",
    learning_rate: float = 1e-3,
    clipnorm: float | None = None,
    seed: int = 0,
) -> keras.Model:
    """Build and compile ``Input(input_shape) -> layer(units) -> Dense(1)`` with MSE loss.

    ``input_shape`` is ``(time, features)``; the model maps ``(batch, time, features)`` to
    ``(batch, 1)``. ``layer`` is a key of ``RECURRENT_LAYERS``, ``activation`` the recurrent
    layer's output activation, ``optimizer`` a key of ``OPTIMIZERS``. ``clipnorm`` clips each
    gradient's norm. The weights are initialised from ``seed``.

    >>> model = build_regressor((10, 1), units=8)
    >>> model.output_shape
    (None, 1)
    """
    time, features = _input_shape(input_shape)
    layer = checks.one_of(layer, "layer", list(RECURRENT_LAYERS))
    units = checks.integer(units, "units")
    activation = checks.one_of(activation, "activation", ACTIVATIONS)
    optimizer = checks.one_of(optimizer, "optimizer", list(OPTIMIZERS))
    learning_rate = checks.positive_number(learning_rate, "learning_rate")
    if clipnorm is not None:
        clipnorm = checks.positive_number(clipnorm, "clipnorm")
    seed_everything(seed)
    inputs = keras.Input(shape=(time, features))
    state = RECURRENT_LAYERS[layer](units, activation)(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(state), name=f"{layer}_{units}")
    model.compile(
        optimizer=OPTIMIZERS[optimizer](learning_rate=learning_rate, clipnorm=clipnorm),
        loss="mse",
        metrics=["mae"],
    )
    return model


def _input_shape(input_shape: object) -> tuple[int, int]:
    if not isinstance(input_shape, tuple | list) or len(input_shape) != 2:
        raise ValueError(
            "Received an invalid value for argument `input_shape`. Expected (time, features), "
            f"got input_shape={input_shape!r}."
        )
    return (
        checks.integer(input_shape[0], "input_shape[0] (time)"),
        checks.integer(input_shape[1], "input_shape[1] (features)"),
    )


def layer_table(model: keras.Model) -> pd.DataFrame:
    """One row per layer of a built ``model``: its name, type, output shape and parameter count.

    A plain table, unlike ``model.summary()``, so it renders as an HTML table in the book.

    >>> layer_table(build_regressor((10, 1), units=4))["parameters"].tolist()
    [0, 84, 5]
    """
    if not isinstance(model, keras.Model):
        raise ValueError(
            f"Received an invalid value for argument `model`. Expected a keras.Model, "
            f"got {type(model).__name__}."
        )
    rows = [
        {
            "layer": layer.name,
            "type": type(layer).__name__,
            "output shape": str(tuple(layer.output.shape)) if layer.output is not None else "",
            "parameters": layer.count_params(),
        }
        for layer in model.layers
    ]
    return pd.DataFrame(rows)
