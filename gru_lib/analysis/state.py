"""Carrying a GRU's state across calls: ``return_state``/``initial_state`` and ``stateful=True``.

A GRU's whole memory is its state vector ``h``, shape ``(batch, units)``. Handing the final state
of one call to the next as its initial state continues the sequence exactly where it stopped,
so a long stream can be fed in chunks. These checks measure how exactly.
"""

from __future__ import annotations

import keras
import numpy as np

from gru_lib import checks
from gru_lib.runtime import seed_everything

__all__ = ["initial_state_difference", "stateful_stream_difference"]


def initial_state_difference(x: np.ndarray, *, split: int, units: int = 8, seed: int = 0) -> float:
    """Largest ``|one pass - two halves|`` of a GRU's outputs on ``x`` ``(batch, time, features)``.

    One GRU (weights drawn from ``seed``) runs over all of ``x``, then again over
    ``x[:, :split]`` with ``return_state=True`` and over ``x[:, split:]`` with
    ``initial_state`` set to that final state. Returns the largest difference of the per-step
    outputs, which is float round-off when the state is handed over correctly.

    >>> x = np.random.default_rng(0).normal(size=(2, 10, 3))
    >>> initial_state_difference(x, split=4) < 1e-6
    True
    """
    x = checks.finite_array(x, "x", ndim=3)
    split = checks.integer(split, "split")
    if split >= x.shape[1]:
        raise checks.invalid(
            "split", f"Expected a step inside the {x.shape[1]}-step sequences, got split={split}."
        )
    units = checks.integer(units, "units")
    seed_everything(seed)
    gru = keras.layers.GRU(units, return_sequences=True, return_state=True)
    whole, _ = gru(x)
    first, state = gru(x[:, :split])
    second, _ = gru(x[:, split:], initial_state=state)
    halves = np.concatenate([np.asarray(first), np.asarray(second)], axis=1)
    return float(np.abs(np.asarray(whole) - halves).max())


def stateful_stream_difference(
    series: np.ndarray, *, chunk: int, units: int = 8, seed: int = 0
) -> float:
    """Largest ``|one pass - chunked|`` of GRU outputs over a series in chunks.

    ``series`` has shape ``(time,)``; it is standardised and read as one
    sequence of one feature. A GRU with weights drawn from ``seed`` reads it
    in one pass; a ``stateful=True`` copy with the same weights reads it
    ``chunk`` steps at a time (the last chunk may be shorter), keeping its
    state between calls. Returns the largest difference of the outputs.

    >>> stateful_stream_difference(np.sin(np.arange(50.0)), chunk=7) < 1e-6
    True
    """
    series = checks.finite_array(series, "series", ndim=1)
    chunk = checks.integer(chunk, "chunk")
    if chunk >= len(series):
        wanted = f"Expected fewer steps than the series' {len(series)}"
        raise checks.invalid("chunk", f"{wanted}, got chunk={chunk}.")
    units = checks.integer(units, "units")
    scale = float(series.std()) or 1.0
    x = ((series - series.mean()) / scale)[None, :, None]  # (1, time, 1)
    seed_everything(seed)
    whole = keras.layers.GRU(units, return_sequences=True)
    reference = np.asarray(whole(x))
    streaming = keras.layers.GRU(units, return_sequences=True,
                                 stateful=True)  # fmt: skip
    streaming.build((1, None, 1))
    streaming.set_weights(whole.get_weights())
    starts = range(0, x.shape[1], chunk)
    pieces = [np.asarray(streaming(x[:, s : s + chunk])) for s in starts]
    chunked = np.concatenate(pieces, axis=1)
    return float(np.abs(reference - chunked).max())
