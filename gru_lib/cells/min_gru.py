"""minGRU (Feng et al. 2024): a GRU whose gates do not read the state, run as a loop or a scan.

With the book's convention that ``z`` near 1 keeps the old state, one minGRU step is

- ``z_t = sigmoid(x_t W_z + b_z)``, the update gate, from the input alone;
- ``candidate_t = x_t W_h + b_h``, the candidate, with no ``tanh`` and no reset gate;
- ``h_t = z_t * h_{t-1} + (1 - z_t) * candidate_t``.

Neither ``z_t`` nor the candidate depends on ``h_{t-1}``, so the step is the linear recurrence
``h_t = a_t * h_{t-1} + b_t`` with ``a_t = z_t`` and ``b_t = (1 - z_t) * candidate_t``, all known
before the recurrence starts. :func:`recurrence_coefficients` computes them (the only place the
gate arithmetic lives); :func:`sequential_scan` then runs the recurrence step by step and
:func:`parallel_scan` combines the pairs with the associative operator :func:`combine` in
``O(log T)`` rounds. Both compute the same states.

Weights of :class:`MinGRU`:

- ``kernel`` ``(input_dim, 2 * units)``: column blocks z then candidate;
- ``bias`` ``(2 * units,)``: same blocks.
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

__all__ = [
    "MODES",
    "MinGRU",
    "SCANS",
    "closed_form_states",
    "combine",
    "log_space_states",
    "min_gru_layer",
    "min_gru_reference",
    "parallel_scan",
    "recurrence_coefficients",
    "sequential_scan",
]

MODES = ("parallel", "sequential")


def recurrence_coefficients(x_proj):
    """The coefficients ``a_t`` and ``b_t`` of ``h_t = a_t * h_{t-1} + b_t``,
    from the projected inputs ``x_t W + b``.

    ``x_proj`` ``(..., 2 * units)`` holds the projected inputs with column
    blocks z, candidate. Returns ``(a, b)``, each ``(..., units)``.

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


def combine(first, second):
    """The associative operator of the recurrence:
    ``(a1, b1) ∘ (a2, b2) = (a1 a2, a2 b1 + b2)``.

    Applying step ``(a1, b1)`` and then step ``(a2, b2)`` to a state ``h``
    gives ``a2 (a1 h + b1) + b2``, which is the single step
    ``(a1 a2, a2 b1 + b2)``.

    >>> combine((0.5, 1.0), (0.25, 2.0))
    (0.125, 2.25)
    """
    for name, pair in (("first", first), ("second", second)):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise checks.expected(name, "a pair (a, b)", pair)
    (a1, b1), (a2, b2) = first, second
    return a1 * a2, a2 * b1 + b2


def sequential_scan(a, b, h0, *, return_sequences: bool = True):
    """Run ``h_t = a_t * h_{t-1} + b_t`` one step at a time from ``h0``.

    ``a`` and ``b`` are time-major ``(time, batch, units)`` with a known time length, ``h0`` is
    ``(batch, units)``. Returns every state ``h_1 .. h_T``, ``(time, batch, units)``, or with
    ``return_sequences=False`` the last one, ``(batch, units)``.

    A ``tf.while_loop`` with ``maximum_iterations``, so that XLA can compile it, reading its
    inputs from TensorArrays. Without a sequence to return it carries only the state: measured
    under XLA on a CPU, writing every state to a TensorArray made a training pass grow with the
    square of the length (a tenth of a second at T=256, twenty seconds at T=4096).

    >>> ones = np.ones((3, 1, 1), "float32")
    >>> sequential_scan(0.5 * ones, ones, np.zeros((1, 1), "float32"))[:, 0, 0].numpy().tolist()
    [1.0, 1.5, 1.75]
    """
    return_sequences = checks.flag(return_sequences, "return_sequences")
    steps = a.shape[0]
    a_steps = tf.TensorArray(a.dtype, size=steps).unstack(a)
    b_steps = tf.TensorArray(b.dtype, size=steps).unstack(b)

    def step(t, h_prev):
        return a_steps.read(t) * h_prev + b_steps.read(t)  # h_t = a_t h_{t-1} + b_t

    def more(t, *_):
        return t < steps

    if not return_sequences:
        _, h_last = tf.while_loop(
            more, lambda t, h: (t + 1, step(t, h)), (0, h0), maximum_iterations=steps
        )
        return h_last

    def body(t, h_prev, states):
        h = step(t, h_prev)
        return t + 1, h, states.write(t, h)

    states = tf.TensorArray(b.dtype, size=steps)
    _, _, states = tf.while_loop(more, body, (0, h0, states), maximum_iterations=steps)
    return states.stack()


def parallel_scan(a, b, h0, *, return_sequences: bool = True):
    """Every state of ``h_t = a_t * h_{t-1} + b_t`` from ``h0``, by an associative scan.

    Same arguments and result as :func:`sequential_scan`. The first step absorbs ``h0``
    (``b_1 <- a_1 h0 + b_1``); then the prefix ``(a_1, b_1) ∘ ... ∘ (a_t, b_t)`` of every ``t`` is
    the state ``h_t`` in its ``b`` part. The time axis is padded with the identity ``(1, 0)`` to a
    power of two, and :func:`_prefixes` halves it, recurses, and fills the gaps: ``O(log T)``
    rounds and ``O(T)`` work. Only products of gates in ``(0, 1)`` and sums of bounded terms
    appear, never a division by a product of gates, so it stays finite at any length.

    >>> ones = np.ones((3, 1, 1), "float32")
    >>> parallel_scan(0.5 * ones, ones, np.zeros((1, 1), "float32"))[:, 0, 0].numpy().tolist()
    [1.0, 1.5, 1.75]
    """
    return_sequences = checks.flag(return_sequences, "return_sequences")
    steps = a.shape[0]
    padded = 1 << (steps - 1).bit_length()  # the next power of two
    b = ops.concatenate([a[:1] * h0[None] + b[:1], b[1:]], axis=0)
    flat_a, flat_b = ops.reshape(a, (steps, -1)), ops.reshape(b, (steps, -1))
    if padded > steps:
        width = ops.shape(flat_a)[1]
        flat_a = ops.concatenate([flat_a, ops.ones((padded - steps, width), a.dtype)], axis=0)
        flat_b = ops.concatenate([flat_b, ops.zeros((padded - steps, width), b.dtype)], axis=0)
    _, states = _prefixes(flat_a, flat_b)
    states = ops.reshape(states[:steps], ops.shape(b))
    return states if return_sequences else states[-1]


def _prefixes(a, b):
    """All prefixes of the pairs ``(a_t, b_t)`` under :func:`combine`;
    ``(time, width)``, time a power of two. Pairs neighbours, solves the
    half-length problem, then fills the even places.
    """
    steps = a.shape[0]
    if steps == 1:
        return a, b
    pairs_a = ops.reshape(a, (steps // 2, 2, -1))
    pairs_b = ops.reshape(b, (steps // 2, 2, -1))
    even = (pairs_a[:, 0], pairs_b[:, 0])  # steps 1, 3, 5, ... (from 1)
    odd = (pairs_a[:, 1], pairs_b[:, 1])  # steps 2, 4, 6, ...
    # prefixes ending at steps 2, 4, 6, ...
    odd_a, odd_b = _prefixes(*combine(even, odd))
    before_a = ops.concatenate([ops.ones_like(odd_a[:1]), odd_a[:-1]], axis=0)
    before_b = ops.concatenate([ops.zeros_like(odd_b[:1]), odd_b[:-1]], axis=0)
    # prefixes ending at steps 1, 3, 5, ...
    even_a, even_b = combine((before_a, before_b), even)

    def interleave(first, second):
        return ops.reshape(ops.stack([first, second], axis=1), (steps, -1))

    return interleave(even_a, odd_a), interleave(even_b, odd_b)


SCANS = {"parallel": parallel_scan, "sequential": sequential_scan}


def closed_form_states(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The states of ``h_t = a_t h_{t-1} + b_t`` from ``h_0 = 0`` by the closed form, in float32.

    ``h_t = A_t * sum_{k <= t} b_k / A_k`` with ``A_t = a_1 ... a_t``: one cumulative product
    and one cumulative sum, each a scan in its own right. ``a`` and ``b`` are ``(time, ...)``.
    Shown because it breaks: once ``A_k`` underflows to 0, ``b_k / A_k`` is infinite and the
    states turn into ``inf`` or ``NaN`` (what :func:`log_space_states` and
    :func:`parallel_scan` avoid).

    >>> closed_form_states(np.full(3, 0.5), np.ones(3)).tolist()
    [1.0, 1.5, 1.75]
    >>> bool(np.isnan(closed_form_states(np.full(400, 0.5), np.ones(400))[-1]))
    True
    """
    a, b = _coefficients(a, b)
    with np.errstate(all="ignore"):  # the overflow is the point
        products = np.cumprod(a, axis=0)
        return products * np.cumsum(b / products, axis=0)


def log_space_states(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The closed form of :func:`closed_form_states` evaluated with logarithms (Heinsen 2023).

    ``log h_t = log A_t + log sum_{k <= t} exp(log b_k - log A_k)``: the cumulative sum becomes
    a cumulative log-sum-exp, which never overflows. A logarithm needs a positive argument, so
    ``b`` is split into its positive and negative parts, each run on its own, and
    ``h = h_positive - h_negative``. ``a`` in ``(0, 1]`` and ``b`` are ``(time, ...)``;
    float32, ``h_0 = 0``.

    >>> log_space_states(np.full(3, 0.5), np.array([1.0, -1.0, 2.0])).round(6).tolist()
    [1.0, -0.5, 1.75]
    """
    a, b = _coefficients(a, b)
    log_products = np.cumsum(np.log(a), axis=0)
    parts = []
    for part in (np.maximum(b, 0.0), np.maximum(-b, 0.0)):
        with np.errstate(divide="ignore"):  # log 0 = -inf: that step adds nothing
            log_part = np.log(part)
        log_sums = np.logaddexp.accumulate(log_part - log_products, axis=0)
        parts.append(np.exp(log_products + log_sums))
    return parts[0] - parts[1]


def _coefficients(a: object, b: object) -> tuple[np.ndarray, np.ndarray]:
    a = checks.finite_array(a, "a", ndim=(1, 2, 3))
    b = checks.finite_array(b, "b", ndim=(1, 2, 3))
    if a.shape != b.shape:
        raise checks.mismatch(("a", "b"), "shape", a.shape, b.shape)
    return a, b


@keras.saving.register_keras_serializable(package="gru_lib")
class MinGRU(keras.layers.Layer):
    """A minGRU layer (Feng et al. 2024): gates and candidate from the input alone.

    The state starts at ``initial_state`` (zeros by default) and follows
    ``h_t = z_t * h_{t-1} + (1 - z_t) * candidate_t`` (z near 1 keeps the state). ``kernel`` is
    Glorot-uniform and ``bias`` zero, as in Keras's GRU.

    Args:
        units: size of the state ``h``, an integer >= 1.
        mode: ``"parallel"`` runs :func:`parallel_scan`, ``"sequential"`` :func:`sequential_scan`;
            both compute the same function of the same weights. Both need a known number of
            time steps.
        return_sequences: return every state ``(batch, time, units)`` rather than the last one
            ``(batch, units)``.

    Call arguments:
        inputs: a float tensor of shape ``(batch, time, features)``.
        initial_state: ``h_0``, a tensor of shape ``(batch, units)``, or ``None`` for zeros.

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
        if initial_state is None:
            h0 = ops.zeros_like(a[0])
        else:
            h0 = ops.cast(initial_state, a.dtype)
            if len(h0.shape) != 2 or h0.shape[-1] != self.units:
                raise checks.invalid(
                    "initial_state",
                    f"Expected shape (batch, {self.units}), got shape {tuple(h0.shape)}.",
                )
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


def min_gru_reference(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, initial_state: np.ndarray | None = None
) -> np.ndarray:
    """minGRU's equations as a NumPy loop, in float64; every state ``(batch, time, units)``.

    ``x`` is ``(batch, time, features)``, ``kernel`` ``(features, 2 * units)``, ``bias``
    ``(2 * units,)``, ``initial_state`` ``(batch, units)`` or ``None`` for zeros. The reference
    the layer's two modes are tested against.

    >>> h = min_gru_reference(np.ones((1, 2, 1)), np.array([[0.0, 4.0]]), np.zeros(2))
    >>> h[0, :, 0].tolist()  # z = 0.5: 0.5 * 0 + 0.5 * 4, then 0.5 * 2 + 0.5 * 4
    [2.0, 3.0]
    """
    x = checks.finite_array(x, "x", ndim=3, dtype=np.float64)
    kernel = checks.finite_array(kernel, "kernel", ndim=2, dtype=np.float64)
    bias = checks.finite_array(bias, "bias", ndim=1, dtype=np.float64)
    units = kernel.shape[1] // 2
    if kernel.shape[0] != x.shape[2] or kernel.shape[1] != 2 * units or bias.shape != (2 * units,):
        raise checks.invalid(
            "kernel",
            "Expected shapes kernel "
            f"({x.shape[2]}, 2 * units) and bias (2 * units,), got kernel {kernel.shape} and "
            f"bias {bias.shape}.",
        )
    h = np.zeros((x.shape[0], units))
    if initial_state is not None:
        h = checks.finite_array(initial_state, "initial_state", ndim=2, dtype=np.float64)
    states = []
    for t in range(x.shape[1]):
        projected = x[:, t] @ kernel + bias
        z = 1.0 / (1.0 + np.exp(-projected[:, :units]))
        h = z * h + (1.0 - z) * projected[:, units:]
        states.append(h)
    return np.stack(states, axis=1)


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
