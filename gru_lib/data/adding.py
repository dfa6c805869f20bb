"""The adding problem (Hochreiter & Schmidhuber 1997): remember two marked numbers, add them."""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = ["adding_problem", "adding_task"]


def adding_problem(*, samples: int, length: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``samples`` adding-problem sequences of ``length`` steps.

    Returns ``x`` of shape ``(samples, length, 2)`` and ``y`` of shape ``(samples,)``, both
    float32. Channel 0 holds values from U(0, 1); channel 1 is 0 except for exactly two 1s, one in
    the first half (``t < length // 2``) and one in the second. ``y`` is the sum of the two marked
    values, so always predicting 1 gives an MSE of about 1/6: the variance of a sum of two U(0, 1).

    >>> x, y = adding_problem(samples=3, length=8, seed=0)
    >>> x.shape, y.shape, x[:, :, 1].sum(axis=1).tolist()
    ((3, 8, 2), (3,), [2.0, 2.0, 2.0])
    """
    n = checks.integer(samples, "samples", minimum=1)
    length = checks.integer(length, "length", minimum=2)
    seed = checks.integer(seed, "seed", minimum=0)
    return _draw(n, length, seed)


def _draw(n: int, length: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`adding_problem` for arguments already checked."""
    rng = np.random.default_rng(seed)
    half = length // 2
    values = rng.uniform(0.0, 1.0, size=(n, length))
    first = rng.integers(0, half, size=n)
    second = rng.integers(half, length, size=n)
    markers = np.zeros((n, length))
    rows = np.arange(n)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    x = np.stack([values, markers], axis=-1).astype(np.float32)
    y = (values[rows, first] + values[rows, second]).astype(np.float32)
    return x, y


def adding_task(
    *, length: int, n_train: int = 2000, n_val: int = 500, n_test: int = 500, seed: int = 0
) -> TaskData:
    """The adding problem as a :class:`TaskData`, each part drawn with its own derived seed.

    >>> adding_task(length=6, n_train=8, n_val=4, n_test=4).sizes()
    {'train': 8, 'val': 4, 'test': 4}
    """
    length = checks.integer(length, "length", minimum=2)
    n_train = checks.integer(n_train, "n_train")
    n_val = checks.integer(n_val, "n_val")
    n_test = checks.integer(n_test, "n_test")
    seed = checks.integer(seed, "seed", minimum=0)
    # Three disjoint seeds per task seed, so the parts are independent draws.
    x_train, y_train = _draw(n_train, length, 3 * seed)
    x_val, y_val = _draw(n_val, length, 3 * seed + 1)
    x_test, y_test = _draw(n_test, length, 3 * seed + 2)
    return TaskData(f"adding (T={length})", x_train, y_train, x_val, y_val, x_test, y_test)
