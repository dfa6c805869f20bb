"""Recurrent layers as they start training: Keras's default initialisers, or a chosen spectral
radius for a ``SimpleRNN``'s recurrent matrix. The layers :mod:`gru_lib.analysis.gradients`
measures.
"""

from __future__ import annotations

import keras
import numpy as np

from gru_lib import checks
from gru_lib.models.build import RECURRENT_LAYERS
from gru_lib.models.spec import ACTIVATIONS
from gru_lib.runtime import seed_everything

__all__ = ["initialised_layer", "set_spectral_radius", "simple_rnn_with_radius"]


def initialised_layer(
    layer: str, *, units: int, features: int, activation: str = "tanh", seed: int = 0
) -> keras.layers.Layer:
    """A layer from :data:`gru_lib.models.build.RECURRENT_LAYERS`, built with Keras' default
    initialisers.

    The weights come from ``seed`` and are those the layer starts training from. ``features`` is
    the size of each input step; ``activation`` is one of :data:`gru_lib.models.spec.ACTIVATIONS`.

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
        raise checks.invalid("rnn", f"Expected a built keras.layers.SimpleRNN, got rnn={rnn!r}.")
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
