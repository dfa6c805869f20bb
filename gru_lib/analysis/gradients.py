"""How far back a recurrent layer's gradient reaches: how its last state responds to each input.

For a recurrent layer that reads ``x_1 .. x_T`` and ends in the hidden state ``h_T``, the measure
is, for every distance ``k = 0 .. T-1``, the Frobenius norm of the Jacobian

    ``J_k = ∂h_T / ∂x_{T-k}``   (shape ``(units, features)``),

averaged over a batch of sequences. By the chain rule
``J_k = (∂h_T / ∂h_{T-k}) (∂h_{T-k} / ∂x_{T-k})``: the product of ``k`` step-to-step Jacobians
that backpropagation through time multiplies, times one local factor. A loss computed from
``h_T`` can only teach the layer about the input ``k`` steps back through ``J_k``, so its decay
with ``k`` is how fast the learning signal vanishes (or grows).

The measurement treats the layer as a black box: any Keras recurrent layer works (``SimpleRNN``,
``GRU``, ``LSTM``, ``RNN(cell)``), and nothing about its equations is written here twice.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)

__all__ = ["gradient_norms_by_distance", "per_step_factor"]


# The book shows this function (chapter "Why plain RNNs struggle"), so its lines fit an
# 80-column page.
# fmt: off
def gradient_norms_by_distance(rnn: keras.layers.Layer,
                               x: np.ndarray) -> np.ndarray:
    """Mean over sequences of ``‖∂h_T / ∂x_{T-k}‖_F``, for ``k = 0 .. T-1``.

    ``rnn`` is a Keras recurrent layer; if it returns the whole sequence
    (``return_sequences``) its last step is used. ``x`` has shape
    ``(batch, time, features)``. Returns shape ``(time,)``: entry ``k``
    belongs to the input ``k`` steps before the end (``k = 0`` is the last).

    >>> rnn = keras.layers.SimpleRNN(4, activation="linear")
    >>> gradient_norms_by_distance(rnn, np.ones((2, 5, 1))).shape
    (5,)
    """
    x = checks.finite_array(x, "x", ndim=3)
    if not isinstance(rnn, keras.layers.Layer):
        raise checks.invalid("rnn", "Expected a "
            f"Keras recurrent layer, got rnn={rnn!r}.")
    batch, time, features = x.shape
    units = int(_last_state(rnn(x[:1])).shape[-1])
    # One reverse pass gives the gradient of a scalar; the Jacobian has
    # `units` rows. Copy each sequence once per unit and let copy i ask only
    # for unit i: the copies do not interact inside a recurrent layer, so one
    # backward pass over (batch * units) sequences yields every row.
    copies = tf.constant(np.repeat(x, units, axis=0))  # (batch*units, T, d)
    eye = np.eye(units, dtype=np.float32)
    selector = tf.constant(np.tile(eye, (batch, 1)))

    # As a graph (tf.function): 2-3x faster than running the layer's
    # step loop eagerly; the same arithmetic, to float32 round-off.
    @tf.function
    def jacobian_rows(copies, selector):
        with tf.GradientTape() as tape:
            tape.watch(copies)
            last = _last_state(rnn(copies, training=False))
            picked = tf.reduce_sum(last * selector)
        return tape.gradient(picked, copies)

    rows = jacobian_rows(copies, selector).numpy()
    rows = rows.reshape(batch, units, time, features)
    squares = np.square(rows, dtype=np.float64)
    norms = np.sqrt(np.sum(squares, axis=(1, 3)))  # (batch, time)
    # Reversed, so that index k is the distance from the end.
    return norms.mean(axis=0)[::-1].copy()
# fmt: on


def per_step_factor(norms: np.ndarray) -> float:
    """The factor by which a gradient norm changes per step of distance, fitted over all distances.

    ``norms`` has shape ``(time,)`` as :func:`gradient_norms_by_distance` returns it. The factor is
    ``exp(slope)`` of a least-squares line through ``log norms[k]`` against ``k``, so a norm that
    behaves like ``c · a^k`` gives ``a``: below 1 it vanishes, above 1 it explodes. Zeros (norms
    that underflowed) are left out of the fit.

    >>> round(per_step_factor(3.0 * 0.5 ** np.arange(20)), 6)
    0.5
    """
    norms = checks.finite_array(norms, "norms", ndim=1, dtype=np.float64)
    distances = np.flatnonzero(norms > 0)
    if len(distances) < 2:
        raise checks.invalid(
            "norms", f"Expected at least two positive values, got {len(distances)}."
        )
    slope = np.polyfit(distances, np.log(norms[distances]), 1)[0]
    return float(np.exp(slope))


def _last_state(outputs: tf.Tensor | list) -> tf.Tensor:
    """The last hidden state ``(batch, units)`` from whatever a recurrent layer returned."""
    if isinstance(outputs, list | tuple):  # return_state=True: (output, *states)
        outputs = outputs[0]
    return outputs[:, -1, :] if len(outputs.shape) == 3 else outputs
