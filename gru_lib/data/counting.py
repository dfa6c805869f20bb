"""Counting: accept aⁿbⁿ, reject its near misses (after Weiss, Goldberg & Yahav 2018).

A string ``a^n b^m`` is *accepted* when ``m == n``. Its near misses, ``m = n ± 1`` and
``m = n ± 2``, differ from it by one or two symbols at the end, so a model can only tell them
apart by counting the a's and checking the b's against that count. Strings are left-padded to a
common length with a third symbol, so the model reads the string last and answers from its final
state.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = ["MISSES", "counting_strings", "counting_task", "encode_strings"]

# How far the near misses' b count is from n.
MISSES = (-2, -1, 1, 2)
_SYMBOLS = {"pad": 0, "a": 1, "b": 2}


def counting_strings(n: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The string ``a^n b^n`` and its near misses, as ``(n, m)`` pairs, with labels 1 and 0.

    Near misses with fewer than zero b's are left out.

    >>> counting_strings(1)
    ([(1, 1), (1, 0), (1, 2), (1, 3)], array([1, 0, 0, 0], dtype=int32))
    """
    n = checks.integer(n, "n")
    pairs = [(n, n)] + [(n, n + shift) for shift in MISSES if n + shift >= 0]
    labels = np.array([1] + [0] * (len(pairs) - 1), dtype=np.int32)
    return pairs, labels


def encode_strings(pairs: list[tuple[int, int]], *, length: int) -> np.ndarray:
    """One-hot ``(len(pairs), length, 3)`` float32 inputs for strings ``a^n b^m``: channels pad,
    a and b, each string left-padded to ``length`` steps.

    >>> encode_strings([(1, 2)], length=4)[0].argmax(axis=1).tolist()  # pad a b b
    [0, 1, 2, 2]
    """
    length = checks.integer(length, "length")
    if not isinstance(pairs, list) or not pairs:
        raise checks.expected("pairs", "a non-empty list of (n, m) pairs", pairs)
    codes = np.zeros((len(pairs), length), dtype=np.int64)
    for row, pair in enumerate(pairs):
        n, m = (checks.integer(count, "pairs", minimum=0) for count in pair)
        if n + m > length:
            raise checks.expected("length", f"at least {n + m} steps for a^{n} b^{m}", length)
        codes[row, length - n - m : length - m] = _SYMBOLS["a"]
        codes[row, length - m :] = _SYMBOLS["b"]
    return np.eye(len(_SYMBOLS), dtype=np.float32)[codes]


def counting_task(*, largest_n: int, length: int) -> TaskData:
    """Accept/reject for ``n = 1 .. largest_n``: every string of :func:`counting_strings`, the
    accepted ones repeated so that both labels are equally common.

    The language below ``largest_n`` is finite and small, so the validation part holds the same
    strings as the training part (early stopping then watches the training fit) and the test part
    does too; generalisation is measured beyond ``largest_n``, with :func:`encode_strings`.
    ``x`` is ``(samples, length, 3)``, ``y`` ``(samples,)`` with ``classes=2``.

    >>> task = counting_task(largest_n=3, length=8)
    >>> task.input_shape, task.classes, int(task.y_train.sum()), len(task.y_train)
    ((8, 3), 2, 11, 22)
    """
    largest_n = checks.integer(largest_n, "largest_n")
    pairs, labels = [], []
    for n in range(1, largest_n + 1):
        strings, answers = counting_strings(n)
        misses = len(strings) - 1
        pairs += [strings[0]] * misses + strings[1:]  # accepted strings repeated to balance
        labels += [1] * misses + [0] * misses
    x = encode_strings(pairs, length=length)
    y = np.array(labels, dtype=np.float32)
    return TaskData(f"counting (n ≤ {largest_n})", x, y, x, y, x, y, classes=2)
