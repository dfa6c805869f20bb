"""The reset sum: add up the values since the last reset marker, forgetting everything before it.

Each step carries a value from U(-1, 1) and a reset channel that is 1 at a few random steps. The
target is the sum of the values from the last reset on (the reset step's own value included), or
of the whole sequence when no step is a reset. A running sum needs the old state in every
candidate, and a reset needs a candidate built without it: the job of the GRU's reset gate, which
the gates chapter shows at work on this task.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = ["reset_sum", "reset_sum_task"]


def reset_sum(
    *, samples: int, length: int, resets: float = 0.15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``samples`` reset-sum sequences of ``length`` steps.

    Returns ``x`` ``(samples, length, 2)`` and ``y`` ``(samples,)``, both float32. Channel 0
    holds values from U(-1, 1); channel 1 is 1 at each step with probability ``resets`` (in
    ``[0, 1)``), else 0. ``y`` is the sum of the values at the last step whose channel 1 is 1
    and after it, or of every value when there is none; predicting 0 gives an MSE of about
    ``k / 3`` for ``k`` steps since the last reset.

    >>> x, y = reset_sum(samples=2, length=6, seed=0)
    >>> x.shape, y.shape
    ((2, 6, 2), (2,))
    >>> last = np.flatnonzero(x[0, :, 1])[-1] if x[0, :, 1].any() else 0
    >>> bool(np.isclose(y[0], x[0, last:, 0].sum()))
    True
    """
    n = checks.integer(samples, "samples")
    length = checks.integer(length, "length")
    resets = _probability(resets)
    seed = checks.integer(seed, "seed", minimum=0)
    return _draw(n, length, resets, seed)


def _probability(value: object) -> float:
    if checks.non_negative_number(value, "resets") >= 1:
        raise checks.expected("resets", "a probability in [0, 1)", value)
    return float(value)


def _draw(n: int, length: int, resets: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`reset_sum` for arguments already checked."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(-1.0, 1.0, size=(n, length))
    marks = (rng.random((n, length)) < resets).astype(np.float64)
    # The last reset of each sequence (step 0 when there is none): its values from there on count.
    steps = np.arange(length)
    last = np.max(np.where(marks == 1, steps, 0), axis=1)
    y = np.where(steps >= last[:, None], values, 0.0).sum(axis=1)
    x = np.stack([values, marks], axis=-1).astype(np.float32)
    return x, y.astype(np.float32)


def reset_sum_task(
    *,
    length: int,
    n_train: int = 2000,
    n_val: int = 500,
    n_test: int = 500,
    resets: float = 0.15,
    seed: int = 0,
) -> TaskData:
    """The reset sum as a regression :class:`TaskData`, each part drawn with its own seed.

    >>> task = reset_sum_task(length=10, n_train=8, n_val=4, n_test=4)
    >>> task.input_shape, task.sizes()
    ((10, 2), {'train': 8, 'val': 4, 'test': 4})
    """
    length = checks.integer(length, "length")
    n_train = checks.integer(n_train, "n_train")
    n_val = checks.integer(n_val, "n_val")
    n_test = checks.integer(n_test, "n_test")
    resets = _probability(resets)
    seed = checks.integer(seed, "seed", minimum=0)
    # Three disjoint seeds per task seed, so the parts are independent draws.
    parts = [
        _draw(size, length, resets, 3 * seed + index)
        for index, size in enumerate((n_train, n_val, n_test))
    ]
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = parts
    return TaskData(f"reset sum (T={length})", x_train, y_train, x_val, y_val, x_test, y_test)
