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

from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from gru_lib import checks
from gru_lib.models import ACTIVATIONS, RECURRENT_LAYERS
from gru_lib.runtime import seed_everything


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
        raise ValueError(
            "Received an invalid value for argument `rnn`. Expected a "
            f"Keras recurrent layer, got rnn={rnn!r}."
        )
    batch, time, features = x.shape
    units = int(_last_state(rnn(x[:1])).shape[-1])
    # One reverse pass gives the gradient of a scalar; the Jacobian has
    # `units` rows. Copy each sequence once per unit and let copy i ask only
    # for unit i: the copies do not interact inside a recurrent layer, so one
    # backward pass over (batch * units) sequences yields every row.
    copies = tf.constant(np.repeat(x, units, axis=0))  # (batch*units, T, d)
    eye = np.eye(units, dtype=np.float32)
    selector = tf.constant(np.tile(eye, (batch, 1)))
    with tf.GradientTape() as tape:
        tape.watch(copies)
        last = _last_state(rnn(copies, training=False))
        picked = tf.reduce_sum(last * selector)
    rows = tape.gradient(picked, copies).numpy()
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
    norms = checks.finite_array(norms, "norms", ndim=1).astype(np.float64)
    distances = np.flatnonzero(norms > 0)
    if len(distances) < 2:
        raise ValueError(
            "Received an invalid value for argument `norms`. Expected at least two positive "
            f"values, got {len(distances)}."
        )
    slope = np.polyfit(distances, np.log(norms[distances]), 1)[0]
    return float(np.exp(slope))


def _last_state(outputs: tf.Tensor | list) -> tf.Tensor:
    """The last hidden state ``(batch, units)`` from whatever a recurrent layer returned."""
    if isinstance(outputs, list | tuple):  # return_state=True: (output, *states)
        outputs = outputs[0]
    return outputs[:, -1, :] if len(outputs.shape) == 3 else outputs


def initialised_layer(
    layer: str, *, units: int, features: int, activation: str = "tanh", seed: int = 0
) -> keras.layers.Layer:
    """A layer from :data:`gru_lib.models.RECURRENT_LAYERS`, built with Keras' default initialisers.

    The weights come from ``seed`` and are those the layer starts training from. ``features`` is
    the size of each input step; ``activation`` is one of :data:`gru_lib.models.ACTIVATIONS`.

    >>> tuple(initialised_layer("gru", units=8, features=2).cell.recurrent_kernel.shape)
    (8, 24)
    """
    layer = checks.one_of(layer, "layer", list(RECURRENT_LAYERS))
    units = checks.integer(units, "units")
    features = checks.integer(features, "features")
    activation = checks.one_of(activation, "activation", ACTIVATIONS)
    seed = checks.integer(seed, "seed", minimum=0)
    seed_everything(seed)
    built = RECURRENT_LAYERS[layer](units, activation)
    built.build((None, None, features))
    return built


def set_spectral_radius(rnn: keras.layers.Layer, radius: float, *, seed: int = 0) -> None:
    """Replace a ``SimpleRNN``'s recurrent matrix by ``radius`` times a random orthogonal matrix.

    All eigenvalues of an orthogonal matrix have modulus 1 and all its singular values are 1, so
    the new matrix has spectral radius *and* largest singular value (norm) equal to ``radius``.
    The orthogonal matrix is drawn from ``seed`` (QR decomposition of a Gaussian matrix).

    >>> rnn = initialised_layer("simple_rnn", units=4, features=1)
    >>> set_spectral_radius(rnn, 0.5)
    >>> float(np.abs(np.linalg.eigvals(rnn.cell.recurrent_kernel.numpy())).max().round(4))
    0.5
    """
    if not isinstance(rnn, keras.layers.SimpleRNN) or not rnn.built:
        raise ValueError(
            "Received an invalid value for argument `rnn`. Expected a built "
            f"keras.layers.SimpleRNN, got rnn={rnn!r}."
        )
    radius = checks.positive_number(radius, "radius")
    seed = checks.integer(seed, "seed", minimum=0)
    units = rnn.cell.recurrent_kernel.shape[0]
    gaussian = np.random.default_rng(seed).standard_normal((units, units))
    q, r = np.linalg.qr(gaussian)
    q *= np.sign(np.diag(r))  # sign fix: makes Q uniformly distributed over orthogonal matrices
    rnn.cell.recurrent_kernel.assign((radius * q).astype(np.float32))


def simple_rnn_with_radius(
    units: int, features: int, radius: float, *, activation: str = "tanh", seed: int = 0
) -> keras.layers.SimpleRNN:
    """A built ``SimpleRNN`` whose recurrent matrix has spectral radius (and norm) ``radius``.

    The input kernel is Keras' default (Glorot uniform) and the bias is zero, both from ``seed``;
    the recurrent matrix is set by :func:`set_spectral_radius`. The layer computes
    ``h_t = activation(x_t W + h_{t-1} U + b)`` on inputs of shape ``(batch, time, features)``.

    >>> tuple(simple_rnn_with_radius(8, 2, radius=1.5).cell.recurrent_kernel.shape)
    (8, 8)
    """
    rnn = initialised_layer(
        "simple_rnn", units=units, features=features, activation=activation, seed=seed
    )
    set_spectral_radius(rnn, radius, seed=seed)
    return rnn


@dataclass(frozen=True)
class GradientTrace:
    """What happened at each training step: the batch's loss and the norm of its gradient.

    Both have shape ``(steps,)``. ``gradient_norm`` is the global norm (all weights together) of
    the loss gradient *before* any clipping, so it shows what clipping had to tame.
    """

    loss: np.ndarray
    gradient_norm: np.ndarray


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
    :func:`gru_lib.models.build_regressor` applies. Batches are drawn without replacement from
    ``seed`` and reshuffled after each pass through the data; a pass's last, partial batch is
    skipped.

    >>> from gru_lib.data import adding_problem
    >>> from gru_lib.models import build_regressor
    >>> x, y = adding_problem(samples=64, length=10)
    >>> trace_training(build_regressor((10, 2), units=4), x, y, steps=3).loss.shape
    (3,)
    """
    if not isinstance(model, keras.Model) or getattr(model, "optimizer", None) is None:
        raise ValueError(
            "Received an invalid value for argument `model`. Expected a compiled keras.Model, "
            f"got model={model!r}."
        )
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
