"""Running a recurrence over time: the one loop every cell uses, and the scans of a linear one.

:func:`run_over_time` is the loop: it runs a step function ``step(inputs_t, h_prev)`` along the
time axis. :class:`~gru_lib.cells.gru.ScratchGRU` runs :func:`~gru_lib.cells.gru.gru_step` with
it, and :func:`sequential_scan` the linear recurrence ``h_t = a_t * h_{t-1} + b_t`` of minGRU.

A linear recurrence can also be run as a scan: :func:`combine` is its associative operator, and
:func:`parallel_scan` combines the pairs ``(a_t, b_t)`` in ``O(log T)`` rounds. Both scans take
``a`` and ``b`` time-major, ``(time, batch, units)``, and compute the same states.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import tensorflow as tf
from keras import ops

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)

__all__ = [
    "SCANS",
    "combine",
    "parallel_scan",
    "run_over_time",
    "sequential_scan",
    "start_state",
]


def start_state(initial_state, inputs, units: int, dtype) -> tf.Tensor:
    """The state ``h_0`` ``(batch, units)`` a layer reading ``inputs`` starts from.

    ``inputs`` is ``(batch, time, features)``. ``initial_state`` is ``None`` for zeros, or
    ``(batch, units)``, alone or as a list of one tensor as Keras's GRU takes it; it is cast to
    ``dtype``. A wrong shape is refused here, at the layer's boundary.

    >>> import numpy as np
    >>> x = np.zeros((2, 5, 3), "float32")
    >>> tuple(start_state(None, x, 4, "float32").shape)
    (2, 4)
    >>> start_state([np.ones((2, 4))], x, 4, "float32").numpy().dtype
    dtype('float32')
    """
    batch = inputs.shape[0]
    if initial_state is None:
        return ops.zeros((ops.shape(inputs)[0], units), dtype=dtype)
    if isinstance(initial_state, list | tuple):
        if len(initial_state) != 1:
            raise checks.invalid(
                "initial_state",
                f"Expected one state tensor (batch, {units}), got a list of {len(initial_state)}.",
            )
        (initial_state,) = initial_state
    h0 = ops.cast(initial_state, dtype)
    shape = tuple(h0.shape)
    other_batch = len(shape) == 2 and None not in (batch, shape[0]) and shape[0] != batch
    if len(shape) != 2 or shape[-1] != units or other_batch:
        raise checks.invalid(
            "initial_state",
            f"Expected shape (batch, {units}) with the batch of the inputs ({batch}), "
            f"got shape {shape}.",
        )
    return h0


def run_over_time(step: Callable, inputs: Sequence, h0, *, keep: int = 0) -> list[tf.Tensor]:
    """Run ``step(inputs_t, h_prev) -> (h, ...)`` along the time axis of ``inputs``, from ``h0``.

    ``inputs`` is a list of time-major tensors ``(time, batch, ...)`` of one length; ``step``
    receives the list of their slices at step ``t`` and the state ``h_prev`` ``(batch, units)``,
    and returns a tuple whose first entry is the new state. With ``keep = 0`` returns ``[h_T]``,
    the last state ``(batch, units)``; otherwise the first ``keep`` entries of every step's
    tuple, each stacked to ``(time, batch, units)``.

    A TensorFlow while loop over TensorArrays, as Keras's own recurrent layers use on TensorFlow:
    it compiles into the training graph, and carrying only the state when no sequence is wanted
    keeps each step's op count low. Measured on a CPU, ``keras.ops.scan`` (which carries its state
    through a TensorArray and runs one iteration at a time) trained up to a quarter slower than
    ``keras.layers.GRU`` at 32 units, and a Python loop unrolled into the graph far slower; and
    under XLA, writing every state when only the last is wanted made a training pass grow with
    the square of the length (a tenth of a second at T=256, twenty seconds at T=4096).

    >>> import numpy as np
    >>> ones = np.ones((3, 1, 1), "float32")
    >>> def halve_and_add(inputs_t, h_prev):
    ...     return (0.5 * h_prev + inputs_t[0],)
    >>> run_over_time(halve_and_add, [ones], ones[0], keep=0)[0].numpy().tolist()
    [[1.875]]
    """
    keep = checks.integer(keep, "keep", minimum=0)
    if not callable(step):
        raise checks.expected("step", "a function step(inputs_t, h_prev)", step)
    if not isinstance(inputs, list | tuple) or not inputs:
        raise checks.expected("inputs", "a non-empty list of time-major tensors", inputs)
    steps = ops.shape(inputs[0])[0]
    slices = [tf.TensorArray(x.dtype, size=steps).unstack(x) for x in inputs]
    stacks = [tf.TensorArray(h0.dtype, size=steps, element_shape=h0.shape) for _ in range(keep)]

    def body(t, h_prev, stacks):
        values = step([s.read(t) for s in slices], h_prev)
        kept = [s.write(t, v) for s, v in zip(stacks, values[:keep], strict=True)]
        return t + 1, values[0], kept

    # A static bound lets XLA compile the loop inside the engine's whole-epoch function.
    bound = inputs[0].shape[0]
    _, h_last, stacks = tf.while_loop(
        lambda t, *_: t < steps, body, (0, h0, stacks), maximum_iterations=bound
    )
    return [s.stack() for s in stacks] if keep else [h_last]


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
    """Run ``h_t = a_t * h_{t-1} + b_t`` one step at a time from ``h0``, by :func:`run_over_time`.

    ``a`` and ``b`` are time-major ``(time, batch, units)`` with a known time length, ``h0`` is
    ``(batch, units)``. Returns every state ``h_1 .. h_T``, ``(time, batch, units)``, or with
    ``return_sequences=False`` the last one, ``(batch, units)``. A ``tf.while_loop`` with
    ``maximum_iterations``, so that XLA can compile it; without a sequence to return it carries
    only the state.

    >>> import numpy as np
    >>> ones = np.ones((3, 1, 1), "float32")
    >>> sequential_scan(0.5 * ones, ones, np.zeros((1, 1), "float32"))[:, 0, 0].numpy().tolist()
    [1.0, 1.5, 1.75]
    """
    return_sequences = checks.flag(return_sequences, "return_sequences")

    def step(ab_t, h_prev):
        a_t, b_t = ab_t
        return (a_t * h_prev + b_t,)  # h_t = a_t h_{t-1} + b_t

    (states,) = run_over_time(step, [a, b], h0, keep=int(return_sequences))
    return states


def parallel_scan(a, b, h0, *, return_sequences: bool = True):
    """Every state of ``h_t = a_t * h_{t-1} + b_t`` from ``h0``, by an associative scan.

    Same arguments and result as :func:`sequential_scan`. The first step absorbs ``h0``
    (``b_1 <- a_1 h0 + b_1``); then the prefix ``(a_1, b_1) ∘ ... ∘ (a_t, b_t)`` of every ``t`` is
    the state ``h_t`` in its ``b`` part. The time axis is padded with the identity ``(1, 0)`` to a
    power of two, and :func:`_prefixes` halves it, recurses, and fills the gaps: ``O(log T)``
    rounds and ``O(T)`` work. Only products of gates in ``(0, 1)`` and sums of bounded terms
    appear, never a division by a product of gates, so it stays finite at any length.

    >>> import numpy as np
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


# The scans by name: MinGRU's ``mode``.
SCANS = {"parallel": parallel_scan, "sequential": sequential_scan}
