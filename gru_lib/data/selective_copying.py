"""Selective copying (Gu and Dao 2023; Feng et al. 2024): recall scattered tokens, in order.

A sequence holds a few data tokens at random places among blanks, then as many recall markers;
at each marker the model names the next data token it saw. Unlike plain copying, the gaps
between tokens vary, so a model cannot count steps to find them: it has to decide, from each
input, whether to store it.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = ["selective_copying", "selective_copying_task"]


def selective_copying(
    *, samples: int, length: int, tokens: int = 4, vocabulary: int = 8, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``samples`` selective-copying sequences of ``length`` steps.

    The first ``length - tokens`` steps hold ``tokens`` data tokens, drawn uniformly from
    ``vocabulary`` symbols, at distinct random places, and blanks elsewhere; the last ``tokens``
    steps hold the recall marker. Returns ``x`` ``(samples, length, vocabulary + 2)``, float32
    one-hot (channels: the symbols, then blank, then marker), and ``y`` ``(samples, tokens)``,
    int32, the data tokens in the order they appear: the targets of the last ``tokens`` steps.
    Guessing gives an accuracy of ``1 / vocabulary``.

    >>> x, y = selective_copying(samples=2, length=8, tokens=2, vocabulary=3, seed=0)
    >>> x.shape, y.shape, x[:, -2:, -1].tolist()
    ((2, 8, 5), (2, 2), [[1.0, 1.0], [1.0, 1.0]])
    >>> bool((x[0, :-2, :3].argmax(-1)[x[0, :-2, :3].sum(-1) == 1] == y[0]).all())
    True
    """
    n = checks.integer(samples, "samples")
    tokens = checks.integer(tokens, "tokens")
    vocabulary = checks.integer(vocabulary, "vocabulary", minimum=2)
    length = checks.integer(length, "length", minimum=2 * tokens)
    seed = checks.integer(seed, "seed", minimum=0)
    return _draw(n, length, tokens, vocabulary, seed)


def _draw(
    n: int, length: int, tokens: int, vocabulary: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`selective_copying` for arguments already checked."""
    rng = np.random.default_rng(seed)
    region = length - tokens  # where the data tokens may sit
    blank, marker = vocabulary, vocabulary + 1
    symbols = np.full((n, length), blank)
    symbols[:, region:] = marker
    # Distinct places per sequence, in increasing order: the order the tokens are recalled in.
    places = np.sort(rng.random((n, region)).argsort(axis=1)[:, :tokens], axis=1)
    y = rng.integers(0, vocabulary, size=(n, tokens))
    np.put_along_axis(symbols, places, y, axis=1)
    x = np.eye(vocabulary + 2, dtype=np.float32)[symbols]
    return x, y.astype(np.int32)


def selective_copying_task(
    *,
    length: int,
    n_train: int = 2000,
    n_val: int = 500,
    n_test: int = 500,
    tokens: int = 4,
    vocabulary: int = 8,
    seed: int = 0,
) -> TaskData:
    """Selective copying as a classification :class:`TaskData` with ``classes = vocabulary``.

    Targets are ``(samples, tokens)``: one class per recall step. Each part is drawn with its
    own derived seed.

    >>> task = selective_copying_task(
    ...     length=16, n_train=8, n_val=4, n_test=4, tokens=3, vocabulary=5
    ... )
    >>> task.classes, task.y_train.shape, task.input_shape
    (5, (8, 3), (16, 7))
    """
    n_train = checks.integer(n_train, "n_train")
    n_val = checks.integer(n_val, "n_val")
    n_test = checks.integer(n_test, "n_test")
    tokens = checks.integer(tokens, "tokens")
    vocabulary = checks.integer(vocabulary, "vocabulary", minimum=2)
    length = checks.integer(length, "length", minimum=2 * tokens)
    seed = checks.integer(seed, "seed", minimum=0)
    # Three disjoint seeds per task seed, so the parts are independent draws.
    parts = [
        _draw(size, length, tokens, vocabulary, 3 * seed + index)
        for index, size in enumerate((n_train, n_val, n_test))
    ]
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = parts
    return TaskData(
        f"selective copying (T={length})",
        x_train, y_train, x_val, y_val, x_test, y_test,
        classes=vocabulary,
    )  # fmt: skip
