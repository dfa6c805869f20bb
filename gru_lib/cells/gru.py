"""A GRU layer written from the book's equations, weight-for-weight compatible with Keras's GRU.

The per-step arithmetic lives in one function, :func:`gru_step`, whose marked lines are the
chapter's numbered equations. :class:`ScratchGRU` projects every input step at once and then runs
:func:`gru_step` along the time axis with :func:`gru_lib.cells.scan.run_over_time`, the loop
minGRU's sequential scan uses too; :meth:`ScratchGRU.trace` runs the same step and keeps the
gates as well as the state.

Weights, shapes and gate order are exactly those of ``keras.layers.GRU``, so
``scratch.set_weights(keras_gru.get_weights())`` reproduces its outputs:

- ``kernel`` ``(input_dim, 3 * units)``: input weights, column blocks for z, r, h in that order;
- ``recurrent_kernel`` ``(units, 3 * units)``: state weights, same blocks;
- ``bias`` ``(2, 3 * units)`` when ``reset_after`` (input row, then recurrent row), else
  ``(3 * units,)``.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf
from keras import ops

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)
from gru_lib.cells.scan import run_over_time, start_state

__all__ = ["ScratchGRU", "gru_step", "scratch_gru_layer"]


# A float tensor or array; gru_step runs on either.
Tensor = tf.Tensor | np.ndarray


# The book shows this function (chapter "GRU gates"), so its lines fit an 80-column page.
# fmt: off
def gru_step(x_proj: Tensor, h_prev: Tensor, recurrent_kernel: Tensor,
             recurrent_bias: Tensor | None, reset_after: bool,
             hold_reset: bool = False
             ) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """One GRU time step: the update gate, reset gate, candidate, new state.

    ``x_proj`` ``(batch, 3 * units)`` is the input already projected,
    ``x_t W + b``, with column blocks z, r, h; ``h_prev`` ``(batch, units)``
    is ``h_{t-1}``; ``recurrent_kernel`` ``U`` is ``(units, 3 * units)``;
    ``recurrent_bias`` ``(3 * units,)`` is the bias's recurrent row when
    ``reset_after``, else ``None``. ``hold_reset`` holds ``r`` at 1, an
    ablation: the old state always shapes the candidate. Returns
    ``(h, z, r, candidate)``, each ``(batch, units)``.

    >>> zeros = np.zeros((1, 3), "float32")
    >>> h, z, r, c = gru_step(zeros, np.ones((1, 1), "float32"), zeros,
    ...                       np.zeros(3, "float32"), True)
    >>> float(z[0, 0]), float(h[0, 0])  # z = sigmoid(0) keeps half of 1
    (0.5, 0.5)
    """
    reset_after = checks.flag(reset_after, "reset_after")
    hold_reset = checks.flag(hold_reset, "hold_reset")
    units = h_prev.shape[-1]
    # x_t W + b, one block per gate
    x_z, x_r, x_h = ops.split(x_proj, 3, axis=-1)
    if reset_after:  # one product serves all three blocks: h_{t-1} U + b'
        h_all = ops.matmul(h_prev, recurrent_kernel) + recurrent_bias
        h_z, h_r, h_h = ops.split(h_all, 3, axis=-1)
    else:  # z's and r's blocks only: the candidate's waits for r
        u_zr = recurrent_kernel[:, : 2 * units]
        h_z, h_r = ops.split(ops.matmul(h_prev, u_zr), 2, axis=-1)
        u_h = recurrent_kernel[:, 2 * units :]
    z = ops.sigmoid(x_z + h_z)  # update gate z_t
    r = ops.sigmoid(x_r + h_r)  # reset gate r_t
    if hold_reset:  # the ablation: r_t = 1, nothing is reset
        r = ops.ones_like(r)
    if reset_after:  # candidate, reset after the product
        candidate = ops.tanh(x_h + r * h_h)
    else:  # candidate, reset before the product
        candidate = ops.tanh(x_h + ops.matmul(r * h_prev, u_h))
    h = z * h_prev + (1.0 - z) * candidate  # new state h_t: keep z, add 1 - z
    return h, z, r, candidate
# fmt: on


@keras.saving.register_keras_serializable(package="gru_lib")
class ScratchGRU(keras.layers.Layer):
    """A GRU layer built from :func:`gru_step`; a drop-in for ``keras.layers.GRU(units)``.

    The state starts at ``initial_state`` (zeros by default), the update rule is
    ``h_t = z_t * h_{t-1} + (1 - z_t) * candidate_t`` (Keras's convention) and the initialisers
    are Keras's defaults: Glorot-uniform ``kernel``, orthogonal ``recurrent_kernel``, zero
    ``bias``. ``call`` has Keras's signature; masks and dropout are not among its options.

    Args:
        units: size of the state ``h``, an integer >= 1.
        reset_after: apply the reset gate after the recurrent product (Keras's, cuDNN's and
            PyTorch's variant, with a second bias row) instead of before it.
        return_sequences: return every state ``(batch, time, units)`` rather than the last one
            ``(batch, units)``.
        reset_gate: ``False`` holds the reset gate at ``r_t = 1`` (an ablation: the old state
            always enters the candidate). The weights keep their shapes; the reset gate's
            columns are then unused.

    Call arguments:
        sequences: a float tensor of shape ``(batch, time, features)``.
        initial_state: ``h_0``, a tensor of shape ``(batch, units)`` (alone or as a list of one,
            as Keras's GRU takes it), or ``None`` for zeros.
        mask: must be ``None``: the layer does not skip time steps.
        training: accepted for Keras's signature; the layer has no dropout, so it changes nothing.

    >>> layer = ScratchGRU(4)
    >>> tuple(layer(np.zeros((2, 5, 3), "float32")).shape)
    (2, 4)
    >>> [tuple(w.shape) for w in layer.get_weights()]
    [(3, 12), (4, 12), (2, 12)]
    >>> h0 = np.ones((2, 4), "float32")
    >>> tuple(layer(np.zeros((2, 5, 3), "float32"), initial_state=h0).shape)
    (2, 4)
    >>> float(ScratchGRU(4, reset_gate=False).trace(np.ones((1, 5, 3)))["r"].min())
    1.0
    """

    def __init__(
        self,
        units: int,
        reset_after: bool = True,
        return_sequences: bool = False,
        reset_gate: bool = True,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.units = checks.integer(units, "units")
        self.reset_after = checks.flag(reset_after, "reset_after")
        self.return_sequences = checks.flag(return_sequences, "return_sequences")
        self.reset_gate = checks.flag(reset_gate, "reset_gate")

    def build(self, input_shape) -> None:
        _check_rank(input_shape, "sequences")
        input_dim, units = input_shape[-1], self.units
        if input_dim is None:
            raise checks.invalid(
                "sequences",
                f"The last axis (features) must have a known size, got shape {tuple(input_shape)}.",
            )
        self.kernel = self.add_weight(
            shape=(input_dim, 3 * units), initializer="glorot_uniform", name="kernel"
        )
        self.recurrent_kernel = self.add_weight(
            shape=(units, 3 * units), initializer="orthogonal", name="recurrent_kernel"
        )
        # reset_after keeps a second bias row for the recurrent product, which r multiplies.
        bias_shape = (2, 3 * units) if self.reset_after else (3 * units,)
        self.bias = self.add_weight(shape=bias_shape, initializer="zeros", name="bias")

    def call(self, sequences, initial_state=None, mask=None, training=False):
        self._check_inputs(sequences, "sequences")
        if mask is not None:
            raise checks.invalid(
                "mask",
                "ScratchGRU runs every time step and takes no mask; use keras.layers.GRU for "
                f"masked sequences, got a mask of shape {tuple(mask.shape)}.",
            )
        if self.return_sequences:
            (states,) = self._run(sequences, initial_state, keep=1)  # (time, batch, units)
            return ops.transpose(states, (1, 0, 2))
        (last_state,) = self._run(sequences, initial_state, keep=0)
        return last_state

    def trace(
        self, x: np.ndarray, initial_state: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Run the layer on ``x`` ``(batch, time, features)`` and keep its gates at every step.

        ``initial_state`` is ``h_0`` ``(batch, units)``, ``None`` for zeros, as in ``call``.
        Returns NumPy arrays ``"h"``, ``"z"``, ``"r"`` and ``"candidate"``, each
        ``(batch, time, units)``; ``"h"`` holds the states the layer returns.

        >>> trace = ScratchGRU(4).trace(np.zeros((2, 5, 3)))
        >>> sorted(trace), trace["z"].shape
        (['candidate', 'h', 'r', 'z'], (2, 5, 4))
        """
        x = checks.finite_array(x, "x", ndim=3)
        if not self.built:
            self.build(x.shape)
        self._check_inputs(x, "x")
        traced = self._run(ops.convert_to_tensor(x), initial_state, keep=4)
        names = ("h", "z", "r", "candidate")
        return {
            name: np.transpose(ops.convert_to_numpy(value), (1, 0, 2))
            for name, value in zip(names, traced, strict=True)
        }

    def compute_output_shape(self, input_shape) -> tuple:
        _check_rank(input_shape, "sequences")
        batch, time = input_shape[0], input_shape[1]
        return (batch, time, self.units) if self.return_sequences else (batch, self.units)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            units=self.units,
            reset_after=self.reset_after,
            return_sequences=self.return_sequences,
            reset_gate=self.reset_gate,
        )
        return config

    def _check_inputs(self, inputs, name: str) -> None:
        """Check the rank and width of ``inputs`` (argument ``name``), once per entry point."""
        _check_rank(inputs.shape, name)
        if inputs.shape[-1] != self.kernel.shape[0]:
            raise checks.invalid(
                f"{name}",
                "Expected "
                f"{self.kernel.shape[0]} features, the input width the layer was built for, got "
                f"shape {tuple(inputs.shape)}.",
            )

    def _run(self, inputs, initial_state, *, keep: int) -> list:
        """Project checked ``inputs`` and run :func:`gru_step` over time from ``initial_state``,
        by :func:`~gru_lib.cells.scan.run_over_time`."""
        if self.reset_after:
            input_bias, recurrent_bias = self.bias[0], self.bias[1]
        else:
            input_bias, recurrent_bias = self.bias, None
        # Every step's input projection x_t W + b in one product, outside the recurrence, laid out
        # time-major so the loop reads one (batch, 3 * units) slice per step.
        x_proj = ops.matmul(ops.transpose(inputs, (1, 0, 2)), self.kernel) + input_bias
        recurrent_kernel = ops.convert_to_tensor(self.recurrent_kernel)
        h0 = start_state(initial_state, inputs, self.units, x_proj.dtype)
        hold = not self.reset_gate

        def step(inputs_t, h_prev):
            (x_proj_t,) = inputs_t  # (batch, 3 * units)
            return gru_step(
                x_proj_t, h_prev, recurrent_kernel, recurrent_bias, self.reset_after, hold
            )

        return run_over_time(step, [x_proj], h0, keep=keep)


def scratch_gru_layer(
    units: int, activation: str = "tanh", return_sequences: bool = False, **options
) -> ScratchGRU:
    """``ScratchGRU(units)`` for :data:`gru_lib.models.build.RECURRENT_LAYERS`, whose factories
    also take
    the output activation; the equations fix it to ``tanh``, so any other value is refused.

    >>> scratch_gru_layer(8).units
    8
    """
    checks.one_of(activation, "activation", ["tanh"])
    return ScratchGRU(units, return_sequences=return_sequences, **options)


def _check_rank(shape, name: str) -> None:
    if len(shape) != 3:
        raise checks.invalid(
            f"{name}",
            f"Expected a tensor of rank 3, (batch, time, features), got shape {tuple(shape)}.",
        )
