"""aⁿbⁿ against hard negatives, every string padded to one length (after Weiss et al. 2018).

A string is accepted when it is ``a^n b^n``. Its negatives are the near misses ``a^n b^m`` with
``m = n ± 1`` and ``m = n ± 2`` and the *swap* ``a^(n-1) b a b^(n-1)``, which has as many b's as
a's but in the wrong order: a model must count the a's, check the b's against that count and
check the order. Always rejecting gets every negative right, so it is the baseline to beat.

Every string, for training and for testing, is padded *before* it to the same length with a
third symbol, so a string of a given ``n`` reaches the model after exactly the same pads whether
it is a training or a test string: the test measures counting, not a shift in the padding.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = [
    "NEAR_MISSES",
    "aligned_length",
    "anbn_strings",
    "anbn_task",
    "encode_aligned",
    "string_ns",
]

# How far the near misses' b count is from n.
NEAR_MISSES = (-2, -1, 1, 2)
_CODES = {"a": 1, "b": 2}  # 0 is the pad


def anbn_strings(n: int) -> tuple[list[str], np.ndarray]:
    """``a^n b^n`` (label 1), then its negatives (label 0): the near misses with at least zero
    b's, and the swap ``a^(n-1) b a b^(n-1)``.

    >>> anbn_strings(2)
    (['aabb', 'aa', 'aab', 'aabbb', 'aabbbb', 'abab'], array([1, 0, 0, 0, 0, 0], dtype=int32))
    """
    n = checks.integer(n, "n")
    strings = ["a" * n + "b" * n]
    strings += ["a" * n + "b" * (n + shift) for shift in NEAR_MISSES if n + shift >= 0]
    strings.append("a" * (n - 1) + "ba" + "b" * (n - 1))
    labels = np.array([1] + [0] * (len(strings) - 1), dtype=np.int32)
    return strings, labels


def aligned_length(test_n: int) -> int:
    """The one length every string is padded to: the longest test string, ``a^n b^(n+2)`` at
    ``n = test_n``, plus one pad.

    >>> aligned_length(150)
    303
    """
    return 2 * checks.integer(test_n, "test_n") + 3


def encode_aligned(strings: list[str], *, length: int) -> np.ndarray:
    """One-hot ``(len(strings), length, 3)`` float32 inputs, channels pad, a and b, each string
    padded before it to ``length`` steps.

    >>> encode_aligned(["abb"], length=5)[0].argmax(axis=1).tolist()  # pad pad a b b
    [0, 0, 1, 2, 2]
    """
    length = checks.integer(length, "length")
    if not isinstance(strings, list) or not strings:
        raise checks.expected("strings", "a non-empty list of strings of a and b", strings)
    codes = np.zeros((len(strings), length), dtype=np.int64)
    for row, string in enumerate(strings):
        if not isinstance(string, str) or set(string) - set(_CODES):
            raise checks.expected("strings", "strings of a and b only", string)
        if len(string) > length:
            raise checks.expected("length", f"at least {len(string)} steps for {string!r}", length)
        codes[row, length - len(string) :] = [_CODES[symbol] for symbol in string]
    return np.eye(len(_CODES) + 1, dtype=np.float32)[codes]


def string_ns(test_n: int) -> np.ndarray:
    """The ``n`` of each row of :func:`anbn_task`'s test part, in order.

    >>> string_ns(2).tolist()
    [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]
    """
    test_n = checks.integer(test_n, "test_n")
    return np.concatenate([[n] * len(anbn_strings(n)[0]) for n in range(1, test_n + 1)])


def anbn_task(*, train_n: int, test_n: int) -> TaskData:
    """Train on every string of :func:`anbn_strings` for ``n = 1 .. train_n``, the accepted ones
    repeated so that both labels are equally common; test on every string for
    ``n = 1 .. test_n``, each once (rows in the order of :func:`string_ns`).

    The language up to ``train_n`` is finite and small, so the validation part is the training
    part (early stopping watches the fit to it). Every part is padded to
    :func:`aligned_length` ``(test_n)``.

    >>> task = anbn_task(train_n=2, test_n=4)
    >>> task.input_shape, int(task.y_train.sum()), len(task.y_train), len(task.y_test)
    ((11, 3), 9, 18, 23)
    """
    train_n = checks.integer(train_n, "train_n")
    test_n = checks.integer(test_n, "test_n")
    if test_n < train_n:
        raise checks.expected("test_n", f"an integer >= train_n = {train_n}", test_n)
    length = aligned_length(test_n)
    strings, labels = [], []
    for n in range(1, train_n + 1):
        words, answers = anbn_strings(n)
        negatives = len(words) - 1
        strings += [words[0]] * negatives + words[1:]
        labels += [1] * negatives + [0] * negatives
    x, y = encode_aligned(strings, length=length), np.array(labels, dtype=np.float32)
    tests = [anbn_strings(n) for n in range(1, test_n + 1)]
    x_test = encode_aligned([w for words, _ in tests for w in words], length=length)
    y_test = np.concatenate([answers for _, answers in tests]).astype(np.float32)
    name = f"aⁿbⁿ (train n ≤ {train_n}, test n ≤ {test_n})"
    return TaskData(name, x, y, x, y, x_test, y_test, classes=2)
