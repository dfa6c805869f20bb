"""The closed form of the linear recurrence ``h_t = a_t h_{t-1} + b_t``, in NumPy: the book's demos.

:func:`closed_form_states` evaluates it directly and breaks on long sequences (the product of the
gates underflows); :func:`log_space_states` evaluates it with logarithms (Heinsen 2023) and does
not. Both take ``a`` and ``b`` of shape ``(time, ...)``, start from ``h_0 = 0`` and return the
states ``h_1 .. h_T`` of the same shape. The chapter "GRUs in parallel" sets them beside
:func:`gru_lib.cells.scan.parallel_scan`, which needs neither division nor logarithm.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["closed_form_states", "log_space_states"]


def closed_form_states(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The states of ``h_t = a_t h_{t-1} + b_t`` from ``h_0 = 0`` by the closed form, in float32.

    ``h_t = A_t * sum_{k <= t} b_k / A_k`` with ``A_t = a_1 ... a_t``: one cumulative product
    and one cumulative sum, each a scan in its own right. ``a`` and ``b`` are ``(time, ...)``.
    Shown because it breaks: once ``A_k`` underflows to 0, ``b_k / A_k`` is infinite and the
    states turn into ``inf`` or ``NaN`` (what :func:`log_space_states` and
    :func:`gru_lib.cells.scan.parallel_scan` avoid).

    >>> closed_form_states(np.full(3, 0.5), np.ones(3)).tolist()
    [1.0, 1.5, 1.75]
    >>> bool(np.isnan(closed_form_states(np.full(400, 0.5), np.ones(400))[-1]))
    True
    """
    a, b = _coefficients(a, b)
    with np.errstate(all="ignore"):  # the overflow is the point
        products = np.cumprod(a, axis=0)
        return products * np.cumsum(b / products, axis=0)


def log_space_states(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The closed form of :func:`closed_form_states` evaluated with logarithms (Heinsen 2023).

    ``log h_t = log A_t + log sum_{k <= t} exp(log b_k - log A_k)``: the cumulative sum becomes
    a cumulative log-sum-exp, which never overflows. A logarithm needs a positive argument, so
    ``b`` is split into its positive and negative parts, each run on its own, and
    ``h = h_positive - h_negative``. ``a`` in ``(0, 1]`` and ``b`` are ``(time, ...)``;
    float32, ``h_0 = 0``.

    >>> log_space_states(np.full(3, 0.5), np.array([1.0, -1.0, 2.0])).round(6).tolist()
    [1.0, -0.5, 1.75]
    """
    a, b = _coefficients(a, b)
    log_products = np.cumsum(np.log(a), axis=0)
    parts = []
    for part in (np.maximum(b, 0.0), np.maximum(-b, 0.0)):
        with np.errstate(divide="ignore"):  # log 0 = -inf: that step adds nothing
            log_part = np.log(part)
        log_sums = np.logaddexp.accumulate(log_part - log_products, axis=0)
        parts.append(np.exp(log_products + log_sums))
    return parts[0] - parts[1]


def _coefficients(a: object, b: object) -> tuple[np.ndarray, np.ndarray]:
    a = checks.finite_array(a, "a", ndim=(1, 2, 3))
    b = checks.finite_array(b, "b", ndim=(1, 2, 3))
    if a.shape != b.shape:
        raise checks.mismatch(("a", "b"), "shape", a.shape, b.shape)
    return a, b
