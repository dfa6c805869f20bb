"""Time one small seed sweep three ways: the book's engine, plain ``fit``, and Keras on JAX.

The sweep is the one the engine issue set: GRU(32) then Dense(1) on the mean-of-a-sequence task
(1000 training and 200 validation sequences of ``length`` steps), trained from 3 seeds for 5
epochs each in batches of 32, validating every epoch. Each method runs in its own interpreter,
started by ``benchmarks/training_speed.py`` (``make bench``); this script prints one JSON line:

- ``engine``: :func:`gru_lib.training.runs.run_experiments`, the book's compiled engine, in a
  fresh process whose persistent XLA cache (:mod:`gru_lib.xla_cache`) is empty: it compiles
  everything, as a process without the cache does, and stores the programs;
- ``engine-warm``: the same, in a second fresh process that finds the programs in the cache;
- ``fit``: ``model.fit`` on a freshly built model per seed, as gru_lib trained before the engine
  (TensorFlow with op determinism on and oneDNN off);
- ``jax``: the same Keras model and ``fit`` on the JAX backend. It needs an interpreter with jax
  and keras installed; ``make bench`` makes one in ``benchmarks/.jax-venv``, never in the book's
  environment.

``seconds`` is the wall time of the whole sweep, compiling and tracing included, as a reader who
runs it pays it; ``first_run_seconds`` is the first seed's share; the engine's rows add
``compile_seconds``, what its first run spent compiling (or loading) its epoch program.

Usage: ``python benchmarks/sweep.py METHOD LENGTH [XLA_CACHE_FOLDER]``; the engine's methods need
the folder (``engine`` an empty one, ``engine-warm`` the one ``engine`` filled), the others
ignore it and run without a cache, as plain Keras does.
"""

from __future__ import annotations

import json
import os
import sys
import time

SEEDS, EPOCHS, BATCH_SIZE, UNITS = (0, 1, 2), 5, 32, 32
SAMPLES = {"train": 1000, "val": 200}


def sequences(length: int, seed: int = 0):
    """Inputs ``(n, length, 1)`` uniform in [0, 1) and their means, for the train and val parts."""
    import numpy as np

    rng = np.random.default_rng(seed)
    parts = {}
    for part, n in SAMPLES.items():
        x = rng.uniform(size=(n, length, 1)).astype("float32")
        parts[part] = (x, x.mean(axis=(1, 2)).astype("float32"))
    return parts


def sweep_with_fit(length: int) -> list[float]:
    """Seconds per seed of plain ``model.fit`` on a freshly built, freshly traced model."""
    import keras

    parts = sequences(length)
    seconds = []
    for seed in SEEDS:
        start = time.perf_counter()
        keras.utils.set_random_seed(seed)
        model = keras.Sequential(
            [keras.Input((length, 1)), keras.layers.GRU(UNITS), keras.layers.Dense(1)]
        )
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
        model.fit(
            *parts["train"],
            validation_data=parts["val"],
            epochs=EPOCHS,
            batch_size=BATCH_SIZE,
            shuffle=True,
            verbose=0,
        )
        seconds.append(time.perf_counter() - start)
    return seconds


def sweep_with_engine(length: int) -> tuple[list[float], float]:
    """Seconds per seed of the book's engine, through the experiment runner, and the seconds
    its runs spent compiling."""
    import numpy as np

    from gru_lib.data import TaskData
    from gru_lib.models.spec import ModelSpec
    from gru_lib.training.runs import run_experiments

    parts = sequences(length)
    (x, y), (x_val, y_val) = parts["train"], parts["val"]
    task = TaskData("uniform mean", x, y, x_val, y_val, x_val, y_val)
    seconds, compiling = [], 0.0
    for seed in SEEDS:
        start = time.perf_counter()
        table = run_experiments(
            [task], [ModelSpec(units=UNITS)], [seed], epochs=EPOCHS, batch_size=BATCH_SIZE
        )
        seconds.append(time.perf_counter() - start)
        compiling += table["record"].iloc[0].history.compile_seconds
    assert np.all(np.isfinite(seconds))
    return seconds, compiling


def main(method: str, length: int, cache: str | None = None) -> dict:
    extra = {}
    if method == "jax":
        os.environ["KERAS_BACKEND"] = "jax"
        seconds = sweep_with_fit(length)
    elif method == "fit":
        import gru_lib  # noqa: F401  (quiet, deterministic TensorFlow, as the book trains)

        seconds = sweep_with_fit(length)
    elif method in ("engine", "engine-warm"):
        if not cache:
            raise ValueError(
                f"Received an invalid value for argument `cache`. The engine's methods need the "
                f"XLA cache's folder, got cache={cache!r}."
            )
        from gru_lib.xla_cache import use_persistent_cache

        folder = use_persistent_cache(cache)  # before TensorFlow is imported
        stored = len(list(folder.glob("*.pb")))
        if (method == "engine") != (stored == 0):
            state = "an empty" if method == "engine" else "a filled"
            raise ValueError(
                f"Received an invalid value for argument `cache`. {method} needs {state} "
                f"folder, got cache={cache!r} holding {stored} programs."
            )
        seconds, extra["compile_seconds"] = sweep_with_engine(length)
        extra["xla_cache"] = "warm" if stored else "empty"
    else:
        raise ValueError(
            f"Received an invalid value for argument `method`. Expected one of "
            f"['engine', 'engine-warm', 'fit', 'jax'], got method={method!r}."
        )
    return {
        "method": method,
        "length": length,
        "seconds": sum(seconds),
        "first_run_seconds": seconds[0],
        "seeds": len(SEEDS),
        "epochs": EPOCHS,
        **extra,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), *sys.argv[3:4])))
