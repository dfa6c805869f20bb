"""The seed notebook's task: predict the mean of a sequence of uniform random numbers."""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = ["uniform_mean_task"]


def uniform_mean_task(
    *, n_train: int = 1000, n_val: int = 200, n_test: int = 200, length: int = 10, seed: int = 0
) -> TaskData:
    """Sequences of ``length`` steps drawn from U(0, 1); the target is each sequence's mean.

    The seed notebook drew 1000 training and 200 test sequences of 10 steps; a further ``n_val``
    sequences are drawn for validation. Inputs have shape ``(n, length, 1)``, targets ``(n,)``.
    Always predicting 0.5 gives an MSE of ``1 / (12 · length)``.

    >>> task = uniform_mean_task(seed=1)
    >>> task.x_train.shape, task.sizes()["test"]
    ((1000, 10, 1), 200)
    """
    sizes = {
        "n_train": checks.integer(n_train, "n_train"),
        "n_val": checks.integer(n_val, "n_val"),
        "n_test": checks.integer(n_test, "n_test"),
    }
    length = checks.integer(length, "length")
    seed = checks.integer(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    parts = []
    for n in sizes.values():
        x = rng.uniform(0.0, 1.0, size=(n, length, 1)).astype(np.float32)
        parts.append((x, x.mean(axis=(1, 2)).astype(np.float32)))
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = parts
    return TaskData("uniform mean", x_train, y_train, x_val, y_val, x_test, y_test)
