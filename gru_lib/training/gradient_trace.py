"""A training loop that records, step by step, the batch loss and the gradient norm before any
clipping: what gradient clipping has to tame (chapter "Why plain RNNs struggle").
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from gru_lib import checks
from gru_lib.runtime import seed_everything

__all__ = ["GradientTrace", "trace_training"]


@dataclass(frozen=True)
class GradientTrace:
    """What happened at each training step: the batch's loss and the norm of its gradient.

    Both have shape ``(steps,)``. ``gradient_norm`` is the global norm (all weights together) of
    the loss gradient *before* any clipping, so it shows what clipping had to tame.

    >>> GradientTrace(np.array([1.0, 0.5]), np.array([2.0, 1.0])).loss.shape
    (2,)
    """

    loss: np.ndarray
    gradient_norm: np.ndarray

    def __post_init__(self) -> None:
        # An exploding run's values may be inf or NaN: recorded, not refused.
        for name in ("loss", "gradient_norm"):
            if np.ndim(getattr(self, name)) != 1 or not len(getattr(self, name)):
                raise checks.expected(
                    name, "a non-empty array of shape (steps,)", getattr(self, name)
                )
        checks.same_length(self.loss, self.gradient_norm, ("loss", "gradient_norm"))


def trace_training(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    *,
    steps: int,
    batch_size: int = 32,
    seed: int = 0,
) -> GradientTrace:
    """Train a compiled regressor for ``steps`` mini-batch updates, recording each step's gradient.

    ``x`` has shape ``(n, time, features)`` and ``y`` shape ``(n,)``. The loss is the MSE and the
    update is the model's own optimizer, so a ``clipnorm`` given to
    :func:`gru_lib.models.build.build_regressor` applies. Batches are drawn without replacement from
    ``seed`` and reshuffled after each pass through the data; a pass's last, partial batch is
    skipped.

    >>> from gru_lib.data import adding_problem
    >>> from gru_lib.models.build import build_regressor
    >>> x, y = adding_problem(samples=64, length=10)
    >>> trace_training(build_regressor((10, 2), units=4), x, y, steps=3).loss.shape
    (3,)
    """
    if not isinstance(model, keras.Model) or getattr(model, "optimizer", None) is None:
        raise checks.invalid("model", f"Expected a compiled keras.Model, got model={model!r}.")
    x = checks.finite_array(x, "x", ndim=3)
    y = checks.finite_array(y, "y", ndim=1)
    checks.same_length(x, y, ("x", "y"))
    steps = checks.integer(steps, "steps")
    batch_size = checks.integer(batch_size, "batch_size")
    seed = checks.integer(seed, "seed", minimum=0)
    seed_everything(seed)
    step = _train_step(model)
    rng = np.random.default_rng(seed)
    order, losses, norms = np.array([], dtype=int), [], []
    for _ in range(steps):
        if len(order) < batch_size:  # start a new pass through the data
            order = rng.permutation(len(x))
        batch, order = order[:batch_size], order[batch_size:]
        loss, norm = step(tf.constant(x[batch]), tf.constant(y[batch, None]))
        losses.append(float(loss))
        norms.append(float(norm))
    return GradientTrace(loss=np.array(losses), gradient_norm=np.array(norms))


def _train_step(model: keras.Model):
    """A compiled MSE update by the model's optimizer; returns (loss, unclipped gradient norm)."""

    @tf.function
    def step(x_batch, y_batch):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(x_batch, training=True) - y_batch))
        gradients = tape.gradient(loss, model.trainable_variables)
        model.optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))
        return loss, tf.linalg.global_norm(gradients)

    return step
