"""Sequence tagging: one label per time step, from a GRU that reads forwards or both ways."""

from __future__ import annotations

import keras
import numpy as np

from gru_lib import checks
from gru_lib.runtime import seed_everything

MERGE_MODES = ("concat", "sum", "mul", "ave")


def build_tagger(
    input_shape: tuple[int, int],
    classes: int,
    *,
    units: int = 32,
    bidirectional: bool = False,
    merge_mode: str = "concat",
    learning_rate: float = 3e-3,
    seed: int = 0,
) -> keras.Model:
    """``Input -> [Bidirectional] GRU(units, return_sequences=True) -> Dense(classes)``.

    Maps ``(batch, time, features)`` to per-step logits ``(batch, time, classes)``. With
    ``bidirectional`` a second GRU reads the sequence backwards and ``merge_mode`` joins the two
    states at each step (``"concat"``, Keras's default, doubles the width). Compiled with Adam
    and sparse categorical cross-entropy on the logits.

    >>> build_tagger((6, 3), 2, units=4, bidirectional=True).get_layer("gru").output.shape
    (None, 6, 8)
    """
    if not isinstance(input_shape, tuple | list) or len(input_shape) != 2:
        raise ValueError(
            "Received an invalid value for argument `input_shape`. Expected (time, features), "
            f"got input_shape={input_shape!r}."
        )
    time, features = (checks.integer(v, "input_shape") for v in input_shape)
    classes = checks.integer(classes, "classes", minimum=2)
    units = checks.integer(units, "units")
    merge_mode = checks.one_of(merge_mode, "merge_mode", MERGE_MODES)
    learning_rate = checks.positive_number(learning_rate, "learning_rate")
    seed_everything(seed)
    inputs = keras.Input((time, features))
    if bidirectional:
        layer = keras.layers.Bidirectional(
            keras.layers.GRU(units, return_sequences=True), merge_mode=merge_mode, name="gru"
        )
    else:
        layer = keras.layers.GRU(units, return_sequences=True, name="gru")
    logits = keras.layers.Dense(classes)(layer(inputs))
    model = keras.Model(inputs, logits, name="bidirectional_tagger" if bidirectional else "tagger")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


def step_accuracy(logits: np.ndarray, tags: np.ndarray) -> float:
    """Share of steps whose most probable class is the tag; ``logits`` ``(n, time, classes)``.

    >>> step_accuracy(np.array([[[2.0, 0.0], [0.0, 1.0]]]), np.array([[0, 0]]))
    0.5
    """
    logits = checks.finite_array(logits, "logits", ndim=3)
    tags = np.asarray(tags)
    if tags.shape != logits.shape[:2]:
        raise ValueError(
            f"Received an invalid value for argument `tags`. Expected shape {logits.shape[:2]}, "
            f"got {tags.shape}."
        )
    return float(np.mean(logits.argmax(axis=-1) == tags))
