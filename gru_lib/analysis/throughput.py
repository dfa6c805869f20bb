"""Training speed of recurrent layers, measured as train steps per second in one process.

:func:`train_step_throughput` builds the book's regressor
(:func:`gru_lib.models.build.build_regressor`)
around each layer, warms up its compiled train step (``model.train_on_batch``; the first call
traces the graph), then times single steps. Layers take turns step by step, so a burst of load on
a shared machine slows all of them alike and the ratios stay fair. It returns data, never a plot;
:func:`gru_lib.plots.throughput.throughput_ratios` draws the table.
"""

from __future__ import annotations

import itertools
import time as clock
from collections.abc import Sequence

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)
from gru_lib.models.build import RECURRENT_LAYERS, build_regressor

__all__ = [
    "COST_COLUMNS",
    "DEVICES",
    "REFERENCE_LAYER",
    "THROUGHPUT_COLUMNS",
    "step_cost",
    "traced_op_types",
    "train_step_throughput",
    "uses_cudnn",
]

THROUGHPUT_COLUMNS = [
    "device",
    "layer",
    "batch_size",
    "time",
    "units",
    "features",
    "steps_per_second",
    "ratio_to_gru",
    "cudnn",
]
DEVICES = ("cpu", "gpu")
REFERENCE_LAYER = "gru"  # every ratio is relative to keras.layers.GRU


def train_step_throughput(
    *,
    layers: Sequence[str] = ("scratch_gru", "gru", "lstm"),
    batch_size: int = 64,
    times: Sequence[int] = (50, 200),
    units: Sequence[int] = (32, 128),
    features: int = 8,
    steps: int = 20,
    warmup: int = 3,
    device: str = "cpu",
    seed: int = 0,
) -> pd.DataFrame:
    """Median train steps per second of each layer at every (time, units) size, and its ratio.

    Each model is ``Input -> layer(units) -> Dense(1)`` trained with Adam on MSE, fed one fixed
    batch of inputs ``(batch, time, features)`` and targets ``(batch, 1)``. After ``warmup``
    steps, ``steps`` single steps are timed per layer; ``steps_per_second`` is one over the median
    step time and ``ratio_to_gru`` divides it by ``keras.layers.GRU``'s at the same size (so the
    GRU's own ratio is exactly 1). ``layers`` are keys of
    :data:`gru_lib.models.build.RECURRENT_LAYERS` and must include ``"gru"``. ``cudnn`` says
    whether the layer's traced training graph contains a cuDNN RNN op (see :func:`uses_cudnn`).

    ``device`` is ``"cpu"`` or ``"gpu"`` (which needs a visible GPU). Keras's GRU and LSTM pick
    cuDNN whenever TensorFlow sees a GPU, wherever the model is placed, so a pure CPU figure on a
    GPU machine needs the GPU hidden (``CUDA_VISIBLE_DEVICES=-1``) before TensorFlow starts;
    ``benchmarks/run.py`` does that in a subprocess.

    Returns :data:`THROUGHPUT_COLUMNS`, one row per (time, units, layer).

    >>> table = train_step_throughput(batch_size=4, times=(5,), units=(4,), steps=2, warmup=1)
    >>> table["layer"].tolist(), float(table.loc[table["layer"] == "gru", "ratio_to_gru"].iloc[0])
    (['scratch_gru', 'gru', 'lstm'], 1.0)
    """
    layers = _layer_names(layers)
    batch_size = checks.integer(batch_size, "batch_size")
    times = _size_list(times, "times")
    units = _size_list(units, "units")
    features = checks.integer(features, "features")
    steps = checks.integer(steps, "steps")
    warmup = checks.integer(warmup, "warmup", minimum=1)  # the first step traces the graph
    device = checks.one_of(device, "device", DEVICES)
    seed = checks.integer(seed, "seed", minimum=0)
    if device == "gpu" and not tf.config.list_physical_devices("GPU"):
        raise checks.invalid("device", "TensorFlow sees no GPU on this machine, got device='gpu'.")
    rows = []
    for length, width in itertools.product(times, units):
        rates, cudnn = _measure_size(
            layers, batch_size, length, width, features, steps, warmup, device, seed
        )
        for layer in layers:
            rows.append(
                {
                    "device": device,
                    "layer": layer,
                    "batch_size": batch_size,
                    "time": length,
                    "units": width,
                    "features": features,
                    "steps_per_second": rates[layer],
                    "ratio_to_gru": rates[layer] / rates[REFERENCE_LAYER],
                    "cudnn": cudnn[layer],
                }
            )
    return pd.DataFrame(rows, columns=THROUGHPUT_COLUMNS)


COST_COLUMNS = ["device", "layer", "units", "fixed_ms", "per_time_step_ms"]


def step_cost(table: pd.DataFrame) -> pd.DataFrame:
    """Split each layer's train-step time into a fixed part and a part per time step.

    Fits ``seconds per train step = fixed + per_time_step * time`` by least squares over the
    sequence lengths in ``table`` (a :func:`train_step_throughput` table with at least two), for
    each (device, layer, units). The fixed part is paid once per step whatever the length: the
    optimizer's update, the Dense head, dispatching the compiled step. The part per time step is
    one pass of the recurrence, forward and backward. Returns :data:`COST_COLUMNS`, in ms.

    >>> rows = [{"device": "cpu", "layer": "gru", "time": t, "units": 8,
    ...          "steps_per_second": 1000 / (2 + 0.5 * t)} for t in (10, 40)]
    >>> cost = step_cost(pd.DataFrame(rows)).iloc[0]
    >>> round(float(cost["fixed_ms"]), 6), round(float(cost["per_time_step_ms"]), 6)
    (2.0, 0.5)
    """
    needed = {"device", "layer", "time", "units", "steps_per_second"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise checks.invalid(
            "table",
            "Expected a DataFrame with columns "
            f"{sorted(needed)} (see train_step_throughput), got {type(table).__name__}.",
        )
    if table["time"].nunique() < 2:
        raise checks.invalid(
            "table",
            "Expected measurements at two or more "
            f"sequence lengths to separate the two costs, got times {sorted(set(table['time']))}.",
        )
    rows = []
    for (device, layer, units), group in table.groupby(["device", "layer", "units"], sort=False):
        milliseconds = 1000.0 / group["steps_per_second"].to_numpy(dtype=float)
        per_time_step, fixed = np.polyfit(group["time"].to_numpy(dtype=float), milliseconds, 1)
        rows.append(
            {
                "device": device,
                "layer": layer,
                "units": int(units),
                "fixed_ms": float(fixed),
                "per_time_step_ms": float(per_time_step),
            }
        )
    return pd.DataFrame(rows, columns=COST_COLUMNS)


def uses_cudnn(model: keras.Model, x: np.ndarray) -> bool:
    """Whether ``model``'s forward pass in training mode on ``x`` runs a cuDNN RNN kernel.

    The layer decides when it is traced: Keras's GRU and LSTM emit one fused ``CudnnRNNV3`` op
    when a GPU is visible and their arguments meet cuDNN's criteria, and otherwise a ``While``
    loop over the steps. So the answer is read off the ops in the traced graph, including those
    inside loop bodies and other nested functions.

    >>> from gru_lib.models.build import build_regressor
    >>> uses_cudnn(build_regressor((5, 2), units=3), np.zeros((1, 5, 2), "float32"))
    False
    """
    return any(op.startswith("CudnnRNN") for op in traced_op_types(model, x))


def traced_op_types(model: keras.Model, x: np.ndarray) -> set[str]:
    """The op types in the graph of ``model(x, training=True)``, nested functions included.

    >>> "MatMul" in traced_op_types(build_regressor((3, 1), units=2), np.zeros((1, 3, 1)))
    True
    """
    model = checks.instance(model, "model", keras.Model)
    x = checks.finite_array(x, "x", ndim=3)
    concrete = tf.function(lambda inputs: model(inputs, training=True)).get_concrete_function(
        tf.TensorSpec(np.shape(x), tf.float32)
    )
    graph = concrete.graph.as_graph_def()
    types = {node.op for node in graph.node}
    for function in graph.library.function:  # loop bodies, conditions and other nested graphs
        types.update(node.op for node in function.node_def)
    return types


def _measure_size(layers, batch_size, time, units, features, steps, warmup, device, seed):
    """Steps per second and cuDNN use of each layer at one size, measured in alternation."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch_size, time, features)).astype(np.float32)  # (batch, time, features)
    y = rng.normal(size=(batch_size, 1)).astype(np.float32)
    with tf.device(f"/{device.upper()}:0"):
        models = {
            name: build_regressor((time, features), layer=name, units=units, seed=seed)
            for name in layers
        }
        for model in models.values():
            for _ in range(warmup):
                model.train_on_batch(x, y)
        durations = {name: [] for name in layers}
        for _ in range(steps):  # one step of each layer in turn, so load drifts hit all alike
            for name, model in models.items():
                start = clock.perf_counter()
                model.train_on_batch(x, y)  # returns the loss as a float: the step has finished
                durations[name].append(clock.perf_counter() - start)
        cudnn = {name: uses_cudnn(model, x) for name, model in models.items()}
    rates = {name: float(1.0 / np.median(seconds)) for name, seconds in durations.items()}
    return rates, cudnn


def _layer_names(layers: object) -> list[str]:
    if isinstance(layers, str) or not isinstance(layers, Sequence) or not layers:
        raise checks.invalid(
            "layers",
            "Expected a non-empty list of names "
            f"from {list(RECURRENT_LAYERS)}, got layers={layers!r}.",
        )
    names = [checks.one_of(name, "layers", list(RECURRENT_LAYERS)) for name in layers]
    if REFERENCE_LAYER not in names or len(set(names)) != len(names):
        raise checks.invalid(
            "layers",
            "Expected distinct names including "
            f"{REFERENCE_LAYER!r}, the layer ratios are measured against, got layers={layers!r}.",
        )
    return names


def _size_list(values: object, name: str) -> list[int]:
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise checks.invalid(
            f"{name}", f"Expected a non-empty list of integers >= 1, got {name}={values!r}."
        )
    return [checks.integer(value, name) for value in values]
