"""minGRU (Feng et al. 2024): a GRU whose gates do not read the state, as a Keras layer.

With the book's convention that ``z`` near 1 keeps the old state, one minGRU step is

- ``z_t = sigmoid(x_t W_z + b_z)``, the update gate, from the input alone;
- ``candidate_t = x_t W_h + b_h``, the candidate, with no ``tanh`` and no reset gate;
- ``h_t = z_t * h_{t-1} + (1 - z_t) * candidate_t``.

Neither ``z_t`` nor the candidate depends on ``h_{t-1}``, so the step is the linear recurrence
``h_t = a_t * h_{t-1} + b_t`` with ``a_t = z_t`` and ``b_t = (1 - z_t) * candidate_t``, all known
before the recurrence starts. :func:`recurrence_coefficients` computes them (the only place the
gate arithmetic lives); :class:`MinGRU` then runs the recurrence with one of the scans of
:mod:`gru_lib.cells.scan`, step by step or in ``O(log T)`` rounds. Both compute the same states.

Weights of :class:`MinGRU`:

- ``kernel`` ``(input_dim, 2 * units)``: column blocks z then candidate;
- ``bias`` ``(2 * units,)``: same blocks.
"""

from __future__ import annotations

import keras
from keras import ops

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)
from gru_lib.cells.scan import SCANS, start_state

__all__ = ["MODES", "MinGRU", "min_gru_layer", "recurrence_coefficients"]

MODES = tuple(SCANS)  # ("parallel", "sequential")


def recurrence_coefficients(x_proj):
    """The coefficients ``a_t`` and ``b_t`` of ``h_t = a_t * h_{t-1} + b_t``,
    from the projected inputs ``x_t W + b``.

    ``x_proj`` ``(..., 2 * units)`` holds the projected inputs with column
    blocks z, candidate. Returns ``(a, b)``, each ``(..., units)``.

    >>> import numpy as np
    >>> a, b = recurrence_coefficients(np.array([[0.0, 4.0]], "float32"))
    >>> float(a[0, 0]), float(b[0, 0])  # z = 0.5 keeps half, writes half of 4
    (0.5, 2.0)
    """
    width = x_proj.shape[-1]
    if width is not None and width % 2:
        raise checks.expected("x_proj", "an even last axis, 2 * units", x_proj)
    gate, candidate = ops.split(x_proj, 2, axis=-1)
    z = ops.sigmoid(gate)  # update gate z_t = sigmoid(x_t W_z + b_z)
    # candidate_t = x_t W_h + b_h, linear; the state is
    # h_t = z_t h_{t-1} + (1 - z_t) candidate_t
    return z, (1.0 - z) * candidate


@keras.saving.register_keras_serializable(package="gru_lib")
class MinGRU(keras.layers.Layer):
    """A minGRU layer (Feng et al. 2024): gates and candidate from the input alone.

    The state starts at ``initial_state`` (zeros by default) and follows
    ``h_t = z_t * h_{t-1} + (1 - z_t) * candidate_t`` (z near 1 keeps the state). ``kernel`` is
    Glorot-uniform and ``bias`` zero, as in Keras's GRU.

    Args:
        units: size of the state ``h``, an integer >= 1.
        mode: ``"parallel"`` runs :func:`~gru_lib.cells.scan.parallel_scan`, ``"sequential"``
            :func:`~gru_lib.cells.scan.sequential_scan`; both compute the same function of the
            same weights. Both need a known number of time steps.
        return_sequences: return every state ``(batch, time, units)`` rather than the last one
            ``(batch, units)``.

    Call arguments:
        inputs: a float tensor of shape ``(batch, time, features)``.
        initial_state: ``h_0``, a tensor of shape ``(batch, units)``, or ``None`` for zeros.

    >>> import numpy as np
    >>> layer = MinGRU(4)
    >>> tuple(layer(np.zeros((2, 5, 3), "float32")).shape)
    (2, 4)
    >>> [tuple(w.shape) for w in layer.get_weights()]
    [(3, 8), (8,)]
    """

    def __init__(
        self, units: int, *, mode: str = "parallel", return_sequences: bool = False, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.units = checks.integer(units, "units")
        self.mode = checks.one_of(mode, "mode", MODES)
        self.return_sequences = checks.flag(return_sequences, "return_sequences")

    def build(self, input_shape) -> None:
        _check_rank(input_shape)
        if input_shape[-1] is None:
            raise checks.invalid(
                "inputs",
                f"The last axis (features) must have a known size, got shape {tuple(input_shape)}.",
            )
        units = self.units
        self.kernel = self.add_weight(
            shape=(input_shape[-1], 2 * units), initializer="glorot_uniform", name="kernel"
        )
        self.bias = self.add_weight(shape=(2 * units,), initializer="zeros", name="bias")

    def call(self, inputs, initial_state=None):
        _check_inputs_shape(inputs.shape)
        if inputs.shape[-1] != self.kernel.shape[0]:
            raise checks.invalid(
                "inputs",
                f"Expected {self.kernel.shape[0]} "
                f"features, the input width the layer was built for, got shape "
                f"{tuple(inputs.shape)}.",
            )
        # Every step's projection x_t W + b in one product, time-major: (time, batch, 2 * units).
        x_proj = ops.matmul(ops.transpose(inputs, (1, 0, 2)), self.kernel) + self.bias
        a, b = recurrence_coefficients(x_proj)
        h0 = start_state(initial_state, inputs, self.units, a.dtype)
        scan = SCANS[self.mode]
        if self.return_sequences:
            states = scan(a, b, h0)  # (time, batch, units)
            return ops.transpose(states, (1, 0, 2))
        return scan(a, b, h0, return_sequences=False)  # (batch, units)

    def compute_output_shape(self, input_shape) -> tuple:
        _check_inputs_shape(input_shape)
        batch, time = input_shape[0], input_shape[1]
        return (batch, time, self.units) if self.return_sequences else (batch, self.units)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(units=self.units, mode=self.mode, return_sequences=self.return_sequences)
        return config


def min_gru_layer(
    units: int, activation: str = "tanh", return_sequences: bool = False, **options
) -> MinGRU:
    """``MinGRU`` for :data:`gru_lib.models.build.RECURRENT_LAYERS`; ``options`` go to the layer.

    The registry's factories take the output activation of Keras's layers. minGRU has none: its
    candidate is linear. The factory accepts ``"linear"``, which says so, and the default
    ``"tanh"`` every model specification carries, and refuses the others (``"relu"``, ...)
    rather than ignore them.

    >>> min_gru_layer(8, "tanh", mode="sequential").mode
    'sequential'
    """
    checks.one_of(activation, "activation", ["tanh", "linear"])
    return MinGRU(units, return_sequences=return_sequences, **options)


def _check_rank(shape) -> None:
    if len(shape) != 3:
        raise checks.invalid(
            "inputs",
            f"Expected a tensor of rank 3, (batch, time, features), got shape {tuple(shape)}.",
        )


def _check_inputs_shape(shape) -> None:
    _check_rank(shape)
    if shape[1] is None or shape[2] is None:
        raise checks.invalid(
            "inputs",
            "The time and feature axes must have "
            f"known sizes (the scan is laid out for a fixed length), got shape {tuple(shape)}.",
        )
