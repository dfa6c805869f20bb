"""How the time of one training pass grows with the sequence length, for minGRU and the GRU.

:func:`forward_backward_seconds` times one forward and backward pass of a recurrent layer,
compiled with XLA as the book's training engine compiles it, at several sequence lengths, and
:func:`crossover_length` reads off where one layer overtakes another. They return data; the
figure comes from :func:`gru_lib.plots.length_scaling.seconds_by_length`.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Sequence

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from gru_lib import checks
from gru_lib.cells.min_gru import MinGRU
from gru_lib.runtime import private_seed, seed_everything

__all__ = [
    "COLUMNS",
    "LAYERS",
    "crossover_length",
    "describe_crossover",
    "forward_backward_seconds",
    "pass_seconds",
]

# The layers compared, by the name the table gives them.
LAYERS: dict[str, Callable[[int], keras.layers.Layer]] = {
    "min_gru parallel": lambda units: MinGRU(units, mode="parallel"),
    "min_gru sequential": lambda units: MinGRU(units, mode="sequential"),
    "gru": lambda units: keras.layers.GRU(units),
    "lstm": lambda units: keras.layers.LSTM(units),
}
# What forward_backward_seconds compares: minGRU's two modes against the GRU.
_SCALING = ("min_gru parallel", "min_gru sequential", "gru")
COLUMNS = ["layer", "time", "batch_size", "units", "features", "seconds", "compile_seconds"]


def forward_backward_seconds(
    *,
    lengths: Sequence[int] = (64, 256, 1024, 4096),
    batch_size: int = 16,
    units: int = 32,
    features: int = 8,
    repeats: int = 3,
    seed: int = 0,
) -> pd.DataFrame:
    """Median seconds of one forward and backward pass of minGRU's two modes and the GRU.

    For every length ``T`` in ``lengths``, each layer reads one fixed batch ``(batch, T,
    features)`` into ``units`` units and returns its last state ``(batch, units)``; the pass
    computes the sum of the squared states and its gradient with respect to the layer's weights,
    inside one ``tf.function(jit_compile=True)``. The first call traces and compiles it; its
    time, minus one pass, is ``compile_seconds``. Then the layers take turns for ``repeats``
    rounds, so that a burst of load on a shared machine slows all of them alike, and
    ``seconds`` is the median of each layer's passes. Returns :data:`COLUMNS`, one row per
    (time, layer).

    >>> table = forward_backward_seconds(lengths=(4,), batch_size=2, units=2, features=1, repeats=1)
    >>> table["layer"].tolist(), bool((table["seconds"] > 0).all())
    (['min_gru parallel', 'min_gru sequential', 'gru'], True)
    """
    lengths = _lengths(lengths)
    batch_size = checks.integer(batch_size, "batch_size")
    units = checks.integer(units, "units")
    features = checks.integer(features, "features")
    repeats = checks.integer(repeats, "repeats")
    seed = checks.integer(seed, "seed", minimum=0)
    rows = []
    for length in lengths:
        x = (
            np.random.default_rng(seed)
            .normal(size=(batch_size, length, features))
            .astype(np.float32)
        )
        x = tf.constant(x)  # (batch, time, features)
        passes, compile_seconds = {}, {}
        for name, make in ((name, LAYERS[name]) for name in _SCALING):
            seed_everything(seed)
            passes[name] = _compiled_pass(make(units), x)
            start = clock.perf_counter()
            passes[name]()
            compile_seconds[name] = clock.perf_counter() - start
        seconds = {name: [] for name in _SCALING}
        for _ in range(repeats):
            for name, one_pass in passes.items():
                start = clock.perf_counter()
                one_pass()
                seconds[name].append(clock.perf_counter() - start)
        for name in _SCALING:
            median = float(np.median(seconds[name]))
            rows.append(
                {
                    "layer": name,
                    "time": length,
                    "batch_size": batch_size,
                    "units": units,
                    "features": features,
                    "seconds": median,
                    "compile_seconds": max(compile_seconds[name] - median, 0.0),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def pass_seconds(
    layer: str,
    length: int,
    *,
    batch_size: int = 16,
    units: int = 32,
    features: int = 8,
    repeats: int = 20,
    seed: int = 0,
) -> dict:
    """Time ``repeats`` forward and backward passes of one layer of :data:`LAYERS`, alone.

    The pass is :func:`forward_backward_seconds`'s, on the batch it draws from ``seed``; the
    first call compiles it (``compile_seconds``, that call's time less the median pass). Returns
    ``seconds`` (each pass, a list), ``compile_seconds`` and ``loss``, the pass's output, which
    depends only on the seed, the layer and the sizes (a check that two timings ran the same
    computation).

    >>> timed = pass_seconds("gru", 4, batch_size=2, units=2, features=1, repeats=3)
    >>> len(timed["seconds"]), timed["loss"] > 0
    (3, True)
    """
    layer = checks.one_of(layer, "layer", list(LAYERS))
    length = checks.integer(length, "length")
    batch_size = checks.integer(batch_size, "batch_size")
    units = checks.integer(units, "units")
    features = checks.integer(features, "features")
    repeats = checks.integer(repeats, "repeats")
    seed = checks.integer(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    x = tf.constant(rng.normal(size=(batch_size, length, features)).astype(np.float32))
    with private_seed(seed):  # the same weights whatever else this process has drawn
        one_pass = _compiled_pass(LAYERS[layer](units), x)
    start = clock.perf_counter()
    loss = one_pass()
    first = clock.perf_counter() - start
    seconds = []
    for _ in range(repeats):
        start = clock.perf_counter()
        one_pass()
        seconds.append(clock.perf_counter() - start)
    median = float(np.median(seconds))
    return {"seconds": seconds, "compile_seconds": max(first - median, 0.0), "loss": loss}


def crossover_length(table: pd.DataFrame, faster: str, slower: str) -> int | None:
    """The shortest measured length from which ``faster`` takes less time than ``slower`` at
    every longer length measured, or ``None`` if it is slower at the longest.

    ``table`` is a :func:`forward_backward_seconds` table; ``faster`` and ``slower`` are layer
    names in it. Lengths between two measured ones are not interpolated: the answer is a
    measured length.

    >>> rows = [{"layer": name, "time": t, "seconds": s} for name, t, s in
    ...         [("a", 64, 2.0), ("b", 64, 1.0), ("a", 256, 2.0), ("b", 256, 3.0)]]
    >>> crossover_length(pd.DataFrame(rows), "a", "b")
    256
    """
    needed = {"layer", "time", "seconds"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns) or table.empty:
        raise checks.invalid(
            "table",
            "Expected a non-empty DataFrame with "
            f"columns {sorted(needed)} (see forward_backward_seconds), got {type(table).__name__}.",
        )
    names = list(dict.fromkeys(table["layer"]))
    faster = checks.one_of(faster, "faster", names)
    slower = checks.one_of(slower, "slower", names)
    by_length = table.pivot(index="time", columns="layer", values="seconds").sort_index()
    ahead = (by_length[faster] < by_length[slower]).to_numpy()
    if not ahead[-1]:
        return None
    first = len(ahead) - int(np.argmin(ahead[::-1])) if not ahead.all() else 0
    return int(by_length.index[first])


def describe_crossover(table: pd.DataFrame, faster: str, slower: str, name: str = "") -> str:
    """:func:`crossover_length` in words, for a sentence whose subject is ``faster``.

    ``name`` is how the sentence calls ``slower`` (``slower`` itself by default).

    >>> rows = [{"layer": layer, "time": t, "seconds": s} for layer, t, s in
    ...         [("a", 64, 2.0), ("b", 64, 1.0), ("a", 256, 2.0), ("b", 256, 3.0)]]
    >>> describe_crossover(pd.DataFrame(rows), "a", "b", "B")
    'overtakes B at 256 steps and stays ahead up to 256'
    """
    length = crossover_length(table, faster, slower)
    name = name or slower
    lengths = sorted(set(table["time"]))
    if length is None:
        return f"is still slower than {name} at {lengths[-1]} steps, the longest length measured"
    if length == lengths[0]:
        return f"is faster than {name} at every length measured, from {length} steps on"
    return f"overtakes {name} at {length} steps and stays ahead up to {lengths[-1]}"


def _compiled_pass(layer: keras.layers.Layer, x: tf.Tensor) -> Callable[[], float]:
    """One XLA-compiled forward and backward pass of ``layer`` on ``x``; returns the loss."""
    layer.build(x.shape)

    @tf.function(jit_compile=True)
    def forward_backward(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(layer(x)))
        return loss, tape.gradient(loss, layer.trainable_variables)

    def run() -> float:
        loss, gradients = forward_backward(x)
        for gradient in gradients:  # reading the values waits for the pass to finish
            gradient.numpy()
        return float(loss)

    return run


def _lengths(values: object) -> list[int]:
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise checks.invalid(
            "lengths", f"Expected a non-empty list of integers >= 1, got lengths={values!r}."
        )
    lengths = [checks.integer(value, "lengths") for value in values]
    if sorted(set(lengths)) != lengths:
        raise checks.invalid(
            "lengths", f"Expected distinct lengths in increasing order, got lengths={values!r}."
        )
    return lengths
