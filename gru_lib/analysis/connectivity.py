"""Connectivity: how strongly a trained model's prediction depends on each input step.

After Distill's "Visualizing memorization in RNNs" (Madsen 2019): for one sequence, the norm of
the gradient of the prediction with respect to the input at step ``t``, ``|∂ŷ/∂x_t|``, says how
much the prediction would move if that input moved. On the adding problem only the two marked
steps matter, so a model that solved the task should be sensitive there and almost nowhere else.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)

__all__ = ["input_gradients", "marker_contrast", "marker_steps"]


def input_gradients(model: keras.Model, x: np.ndarray, *, channel: int | None = None) -> np.ndarray:
    """``|∂ŷ/∂x_t|`` for each sequence and step: array ``(batch, time)``, float64.

    ``model`` maps ``(batch, time, features)`` to one number per sequence, shape ``(batch,)`` or
    ``(batch, 1)``; ``x`` is ``(batch, time, features)``. Each sequence's prediction depends only
    on its own inputs, so one backward pass of the summed predictions gives every sequence's
    gradient; its norm is taken over the features, or with ``channel`` only that feature's is
    kept. On the adding problem only the value channel (0) shows what a model reads: for the
    exact answer ``ŷ = Σ v_t m_t`` the gradient on the marker channel is ``v_t``, non-zero at every
    step, while on the value channel it is ``m_t``, non-zero at the two marked steps alone.

    >>> from gru_lib.models.build import build_regressor
    >>> model = build_regressor((5, 2), units=3, seed=0)
    >>> input_gradients(model, np.ones((4, 5, 2), np.float32)).shape
    (4, 5)
    """
    if not isinstance(model, keras.Model):
        raise checks.expected("model", "a keras.Model", type(model).__name__)
    x = checks.finite_array(x, "x", ndim=3)
    if channel is not None:
        channel = checks.integer(channel, "channel", minimum=0)
        if channel >= x.shape[2]:
            raise checks.expected("channel", f"a feature index below {x.shape[2]}", channel)
    inputs = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = model(inputs, training=False)
        if outputs.shape[1:].num_elements() != 1:
            raise checks.expected("model", "a model with one output per sequence", outputs.shape)
        total = tf.reduce_sum(outputs)
    gradient = tape.gradient(total, inputs).numpy().astype(np.float64)
    if channel is not None:
        return np.abs(gradient[:, :, channel])
    return np.linalg.norm(gradient, axis=-1)


def marker_steps(x: np.ndarray) -> np.ndarray:
    """The two marked steps of each adding-problem sequence: int array ``(batch, 2)``, ascending.

    ``x`` is ``(batch, time, 2)`` as :func:`gru_lib.data.adding_problem` draws it; channel 1 holds
    exactly two 1s per sequence.

    >>> from gru_lib.data import adding_problem
    >>> x, _ = adding_problem(samples=2, length=6, seed=0)
    >>> marker_steps(x).shape
    (2, 2)
    """
    x = checks.finite_array(x, "x", ndim=3)
    if x.shape[-1] != 2:
        raise checks.expected("x", "adding-problem inputs with 2 features", x.shape)
    marked = x[:, :, 1] == 1.0
    if not np.all(marked.sum(axis=1) == 2):
        raise checks.expected("x", "exactly two marked steps per sequence", x.shape)
    return np.nonzero(marked)[1].reshape(len(x), 2)


def marker_contrast(gradients: np.ndarray, x: np.ndarray) -> dict[str, float]:
    """How much of each sequence's sensitivity sits on its two marked steps.

    ``gradients`` is ``(batch, time)`` from :func:`input_gradients`, ``x`` the matching inputs.
    Each sequence's gradients are divided by their largest value, so sequences weigh alike.
    Returns the mean of those relative gradients at the first and at the second marker, and their
    median over all unmarked steps.

    >>> x = np.zeros((1, 4, 2), np.float32); x[0, [0, 2], 1] = 1.0
    >>> marker_contrast(np.array([[1.0, 0.1, 0.5, 0.1]]), x)
    {'first_marker': 1.0, 'second_marker': 0.5, 'unmarked_median': 0.1}
    """
    checks.finite_array(gradients, "gradients", ndim=2)
    gradients = np.asarray(gradients, dtype=np.float64)  # no float32 rounding on the way
    steps = marker_steps(x)
    if gradients.shape != x.shape[:2]:
        raise checks.expected("gradients", f"an array of shape {x.shape[:2]}", gradients.shape)
    largest = gradients.max(axis=1, keepdims=True)
    relative = gradients / np.where(largest > 0, largest, 1.0)
    rows = np.arange(len(relative))
    unmarked = np.ones_like(relative, dtype=bool)
    unmarked[rows, steps[:, 0]] = unmarked[rows, steps[:, 1]] = False
    return {
        "first_marker": float(relative[rows, steps[:, 0]].mean()),
        "second_marker": float(relative[rows, steps[:, 1]].mean()),
        "unmarked_median": float(np.median(relative[unmarked])),
    }
