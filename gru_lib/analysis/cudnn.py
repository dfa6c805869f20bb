"""What keeps ``keras.layers.GRU`` on the fused cuDNN kernel, and what dropout costs.

On a GPU, Keras's GRU (TensorFlow backend) runs the whole sequence in one fused cuDNN call when
its arguments allow it, and otherwise steps through time in a generic loop. The choice is made
when the layer is traced and never reported. :func:`cudnn_conditions` asks Keras's own
argument check about one GRU per condition, each built with only that condition broken, so the
table cannot drift from the installed Keras. :func:`dropout_step_times` measures what
``dropout`` and ``recurrent_dropout`` cost per training step on the machine at hand.
"""

from __future__ import annotations

import time as clock

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from gru_lib import checks
from gru_lib.runtime import seed_everything

__all__ = [
    "CONDITION_COLUMNS",
    "DROPOUT_COLUMNS",
    "DROPOUT_SETTINGS",
    "cudnn_arguments_allowed",
    "cudnn_conditions",
    "dropout_step_times",
    "mask_allows_cudnn",
]

CONDITION_COLUMNS = ["condition", "broken by", "cuDNN allowed", "instead, on a GPU"]
# (condition, the GRU arguments that break it, what happens then on a GPU)
_CONDITIONS: list[tuple[str, dict, str]] = [
    ("all defaults", {}, ""),
    ("activation='tanh'", {"activation": "relu"}, "generic loop"),
    (
        "recurrent_activation='sigmoid'",
        {"recurrent_activation": "hard_sigmoid"},
        "generic loop",
    ),
    ("recurrent_dropout=0", {"recurrent_dropout": 0.2}, "generic loop"),
    ("unroll=False", {"unroll": True}, "unrolled loop"),
    ("use_bias=True", {"use_bias": False}, "generic loop"),
    ("reset_after=True", {"reset_after": False}, "generic loop, other model"),
]
DROPOUT_SETTINGS: dict[str, dict[str, float]] = {
    "no dropout": {},
    "dropout=0.2": {"dropout": 0.2},
    "recurrent_dropout=0.2": {"recurrent_dropout": 0.2},
}
DROPOUT_COLUMNS = ["setting", "cuDNN allowed", "ms_per_step", "ratio_to_no_dropout"]


def cudnn_arguments_allowed(gru: keras.layers.GRU) -> bool:
    """Whether ``gru``'s arguments let Keras run it through cuDNN when a GPU is visible.

    The same test ``keras.layers.GRU`` makes before trying cuDNN, minus the GPU check (so it
    answers on a CPU too): the TensorFlow backend, ``use_cudnn`` not ``False``, no recurrent
    dropout, and Keras's own check of the activations, ``unroll``, ``use_bias`` and
    ``reset_after``.

    >>> cudnn_arguments_allowed(keras.layers.GRU(4)), cudnn_arguments_allowed(
    ...     keras.layers.GRU(4, reset_after=False))
    (True, False)
    """
    from keras.src.backend.tensorflow.rnn import _do_gru_arguments_support_cudnn

    if not isinstance(gru, keras.layers.GRU):
        raise checks.invalid("gru", f"Expected a keras.layers.GRU, got {type(gru).__name__}.")
    cell = gru.cell
    return bool(
        keras.backend.backend() == "tensorflow"
        and gru.use_cudnn in ("auto", True)
        and not cell.recurrent_dropout
        and _do_gru_arguments_support_cudnn(
            cell.activation, cell.recurrent_activation, gru.unroll, cell.use_bias,
            cell.reset_after,
        )
    )  # fmt: skip


def mask_allows_cudnn(mask: np.ndarray) -> bool:
    """Whether a mask ``(batch, time)`` (True = real step) is one cuDNN accepts.

    cuDNN takes each sequence's length, so every row must be its real steps followed by padding
    (right-padded) and hold at least one real step. Keras's cuDNN path asserts exactly this.

    >>> mask_allows_cudnn(np.array([[1, 1, 0]])), mask_allows_cudnn(np.array([[0, 1, 1]]))
    (True, False)
    """
    mask = np.asarray(mask)
    if mask.ndim != 2 or mask.size == 0:
        raise checks.invalid(
            "mask", f"Expected a non-empty (batch, time) array, got shape {mask.shape}."
        )
    mask = mask.astype(bool)
    lengths = mask.sum(axis=1)
    right_padded = np.arange(mask.shape[1])[None, :] < lengths[:, None]
    return bool(np.array_equal(mask, right_padded) and lengths.min() > 0)


def cudnn_conditions() -> pd.DataFrame:
    """One row per cuDNN condition on the GRU's arguments: Keras's verdict with it broken.

    The first row is a GRU with every default, which must allow cuDNN; each further row breaks
    one condition. The last column says what runs instead on a GPU.

    >>> table = cudnn_conditions()
    >>> table["cuDNN allowed"].tolist()
    [True, False, False, False, False, False, False]
    """
    rows = []
    for condition, broken_by, consequence in _CONDITIONS:
        layer = keras.layers.GRU(4, **broken_by)
        shown = ", ".join(f"{key}={value!r}" for key, value in broken_by.items()) or "(nothing)"
        rows.append([condition, shown, cudnn_arguments_allowed(layer), consequence or "cuDNN"])
    return pd.DataFrame(rows, columns=CONDITION_COLUMNS)


def dropout_step_times(
    *,
    batch_size: int = 64,
    time: int = 50,
    units: int = 64,
    features: int = 8,
    steps: int = 20,
    warmup: int = 2,
    seed: int = 0,
) -> pd.DataFrame:
    """Median milliseconds per training step of a GRU regressor under each dropout setting.

    Each model is ``Input -> GRU(units, **setting) -> Dense(1)``, Adam on MSE, fed one fixed
    batch ``(batch, time, features)``. After ``warmup`` steps (the first traces the graph) the
    settings take turns, one step each, ``steps`` times, so load on a shared machine slows all
    alike. Returns :data:`DROPOUT_COLUMNS`, one row per entry of :data:`DROPOUT_SETTINGS`.

    >>> table = dropout_step_times(batch_size=4, time=5, units=4, steps=2, warmup=1)
    >>> table["setting"].tolist(), float(table["ratio_to_no_dropout"].iloc[0])
    (['no dropout', 'dropout=0.2', 'recurrent_dropout=0.2'], 1.0)
    """
    batch_size, time, units, features, steps = (
        checks.integer(value, name)
        for value, name in (
            (batch_size, "batch_size"), (time, "time"), (units, "units"), (features, "features"),
            (steps, "steps"),
        )
    )  # fmt: skip
    warmup = checks.integer(warmup, "warmup")
    seed_everything(seed)
    rng = np.random.default_rng(seed)
    x = tf.constant(rng.normal(size=(batch_size, time, features)).astype(np.float32))
    y = tf.constant(rng.normal(size=(batch_size, 1)).astype(np.float32))
    models, allowed = {}, {}
    for name, setting in DROPOUT_SETTINGS.items():
        layer = keras.layers.GRU(units, **setting)
        inputs = keras.Input((time, features))
        model = keras.Model(inputs, keras.layers.Dense(1)(layer(inputs)))
        model.compile(optimizer="adam", loss="mse")
        for _ in range(warmup):
            model.train_on_batch(x, y)
        models[name], allowed[name] = model, cudnn_arguments_allowed(layer)
    times = {name: [] for name in models}
    for _ in range(steps):
        for name, model in models.items():
            start = clock.perf_counter()
            model.train_on_batch(x, y)
            times[name].append(clock.perf_counter() - start)
    ms = {name: 1000 * float(np.median(values)) for name, values in times.items()}
    rows = [[name, allowed[name], ms[name], ms[name] / ms["no dropout"]] for name in models]
    return pd.DataFrame(rows, columns=DROPOUT_COLUMNS)
