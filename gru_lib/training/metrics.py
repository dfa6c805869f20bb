"""Error measures for one-step forecasts, in NumPy so they can score any forecaster."""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["mean_absolute_error", "mean_squared_error"]


def _pair(y_true: object, y_pred: object) -> tuple[np.ndarray, np.ndarray]:
    y_true = checks.finite_array(y_true, "y_true", ndim=1, dtype=np.float64)
    y_pred = checks.finite_array(y_pred, "y_pred", ndim=1, dtype=np.float64)
    checks.same_length(y_true, y_pred, ("y_true", "y_pred"))
    return y_true, y_pred


def mean_squared_error(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean of ``(y_true - y_pred)²`` over two arrays of shape ``(n,)``.

    >>> mean_squared_error(np.array([0.0, 2.0]), np.array([1.0, 2.0]))
    0.5
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean((y_true - y_pred) ** 2))


def mean_absolute_error(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean of ``|y_true - y_pred|`` over two arrays of shape ``(n,)``.

    >>> mean_absolute_error(np.array([0.0, 2.0]), np.array([1.0, 2.0]))
    0.5
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))
