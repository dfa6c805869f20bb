"""Recurrent models built from a ModelSpec: stacked recurrent layers, then a dense head."""

from __future__ import annotations

from collections.abc import Callable

import keras
import pandas as pd

from gru_lib import checks
from gru_lib.cells.gru import scratch_gru_layer
from gru_lib.cells.min_gru import min_gru_layer
from gru_lib.models.spec import LAYER_NAMES, OPTIMIZER_NAMES, ModelSpec
from gru_lib.runtime import private_seed

__all__ = [
    "OPTIMIZERS",
    "RECURRENT_LAYERS",
    "build_model",
    "build_regressor",
    "layer_table",
]

# Each factory takes (units, activation, return_sequences, **options) and returns a Keras
# recurrent layer; with return_sequences it emits every state (batch, time, units), else the last
# one (batch, units). A new recurrent layer joins the book by adding an entry here.
RECURRENT_LAYERS: dict[str, Callable[..., keras.layers.Layer]] = {
    "simple_rnn": lambda units, activation, return_sequences=False, **options: (
        keras.layers.SimpleRNN(
            units, activation=activation, return_sequences=return_sequences, **options
        )
    ),
    "gru": lambda units, activation, return_sequences=False, **options: keras.layers.GRU(
        units, activation=activation, return_sequences=return_sequences, **options
    ),
    "lstm": lambda units, activation, return_sequences=False, **options: keras.layers.LSTM(
        units, activation=activation, return_sequences=return_sequences, **options
    ),
    "scratch_gru": scratch_gru_layer,
    "min_gru": min_gru_layer,
}
OPTIMIZERS: dict[str, type[keras.optimizers.Optimizer]] = {
    "adam": keras.optimizers.Adam,
    "rmsprop": keras.optimizers.RMSprop,
    "sgd": keras.optimizers.SGD,
}
# A spec may only name what is built here (tests/test_models_and_training.py checks both ways).
assert tuple(RECURRENT_LAYERS) == LAYER_NAMES and tuple(OPTIMIZERS) == OPTIMIZER_NAMES


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
    gradient's norm. The weights are initialised from ``seed``. The same as
    :func:`build_model` with a one-layer :class:`~gru_lib.models.spec.ModelSpec`.

    >>> model = build_regressor((10, 1), units=8)
    >>> model.output_shape
    (None, 1)
    """
    spec = ModelSpec(
        layer=layer,
        units=units,
        activation=activation,
        optimizer=optimizer,
        learning_rate=learning_rate,
        clipnorm=clipnorm,
    )
    return build_model(spec, input_shape, seed=seed)


def build_model(
    spec: ModelSpec,
    input_shape: tuple[int, int],
    *,
    classes: int = 0,
    steps: int | None = None,
    seed: int = 0,
) -> keras.Model:
    """Build and compile the model ``spec`` describes, for inputs of ``input_shape``.

    ``input_shape`` is ``(time, features)``. ``spec.layers`` recurrent layers are stacked, every
    one but the last returning its whole sequence of states. The head is a ``Dense`` layer: one
    output for a regression (``classes == 0``, mean squared error), or ``classes`` logits for a
    classification (cross-entropy). Without ``steps`` the model reads the last state and maps
    ``(batch, time, features)`` to ``(batch, 1)`` or ``(batch, classes)``. With ``steps`` it
    predicts at each of the last ``steps`` time steps: ``(batch, steps)`` or
    ``(batch, steps, classes)``. The weights are initialised from ``seed``.

    >>> spec = ModelSpec(units=4, layers=2)
    >>> build_model(spec, (12, 3), classes=5, steps=4).output_shape
    (None, 4, 5)
    """
    if not isinstance(spec, ModelSpec):
        raise checks.invalid("spec", f"Expected a ModelSpec, got spec={spec!r:.200}.")
    time, features = _input_shape(input_shape)
    # The spec validated its own fields when it was made.
    layer, units, depth, activation = spec.layer, spec.units, spec.layers, spec.activation
    options = dict(spec.options)
    classes = checks.integer(classes, "classes", minimum=0)
    if classes == 1:
        raise checks.invalid("classes", "Expected 0 (regression) or at least 2, got classes=1.")
    if steps is not None:
        steps = checks.integer(steps, "steps")
        if steps > time:
            raise checks.invalid(
                "steps", f"Expected at most the {time} time steps of the input, got steps={steps}."
            )
    with private_seed(seed):  # the same weights in any process or thread
        inputs = keras.Input(shape=(time, features))
        hidden = inputs
        for depth_index in range(depth):
            sequences = depth_index < depth - 1 or steps is not None
            recurrent = _recurrent_layer(layer, units, activation, sequences, options)
            if spec.bidirectional:
                recurrent = keras.layers.Bidirectional(recurrent)
            hidden = recurrent(hidden)
        if steps is not None and steps < time:
            hidden = keras.layers.Cropping1D((time - steps, 0))(hidden)  # keep the last `steps`
        outputs = keras.layers.Dense(classes or 1)(hidden)
        if steps is not None and not classes:
            outputs = keras.layers.Reshape((steps,))(outputs)
    name = f"{layer}_{units}" if depth == 1 else f"{layer}_{units}x{depth}"
    model = keras.Model(inputs, outputs, name=name)
    if classes:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        metrics = ["accuracy"]
    else:
        loss, metrics = "mse", ["mae"]
    model.compile(
        optimizer=OPTIMIZERS[spec.optimizer](
            learning_rate=spec.learning_rate,
            clipnorm=spec.clipnorm,
            global_clipnorm=spec.global_clipnorm,
        ),
        loss=loss,
        metrics=metrics,
    )
    return model


def _recurrent_layer(
    layer: str, units: int, activation: str, sequences: bool, options: dict
) -> keras.layers.Layer:
    try:
        return RECURRENT_LAYERS[layer](units, activation, return_sequences=sequences, **options)
    except (TypeError, ValueError) as error:  # an option the layer does not take or accept
        raise checks.invalid(
            "options", f"The {layer!r} layer does not accept options={options!r}: {error}"
        ) from None


def _input_shape(input_shape: object) -> tuple[int, int]:
    if not isinstance(input_shape, tuple | list) or len(input_shape) != 2:
        raise checks.invalid(
            "input_shape", f"Expected (time, features), got input_shape={input_shape!r}."
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
        raise checks.invalid("model", f"Expected a keras.Model, got {type(model).__name__}.")
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
