"""Naive forecasters a recurrent network has to beat to be worth its cost."""

from __future__ import annotations

import numpy as np

from gru_lib import checks


def last_value_forecast(x: np.ndarray) -> np.ndarray:
    """Predict that the next value equals the last one seen.

    ``x`` has shape ``(batch, window, 1)``; returns shape ``(batch,)``.

    >>> last_value_forecast(np.array([[[1.0], [2.0]]])).tolist()
    [2.0]
    """
    x = checks.finite_array(x, "x", ndim=3)
    return x[:, -1, 0].copy()


class LinearAutoregression:
    """``y = w · window + b``, fitted by least squares on the same windows a network trains on.

    >>> x = np.arange(12.0).reshape(4, 3, 1); y = x[:, -1, 0] + 1
    >>> model = LinearAutoregression().fit(x, y)
    >>> model.predict(np.array([[[5.0], [6.0], [7.0]]])).round(3).tolist()
    [8.0]
    """

    def __init__(self) -> None:
        self.coef_: np.ndarray | None = None  # (window + 1,): one weight per lag, then the bias

    def fit(self, x: np.ndarray, y: np.ndarray) -> LinearAutoregression:
        """Fit on windows ``x`` ``(n, window, 1)`` and the values after them, ``y`` ``(n,)``."""
        x = checks.finite_array(x, "x", ndim=3)
        y = checks.finite_array(y, "y", ndim=1)
        checks.same_length(x, y, ("x", "y"))
        design = self._design(x)
        self.coef_, *_ = np.linalg.lstsq(design, y.astype(np.float64), rcond=None)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Forecast the value after each window in ``x`` ``(n, window, 1)``; returns ``(n,)``."""
        if self.coef_ is None:
            raise ValueError("This LinearAutoregression is not fitted yet; call fit(x, y) first.")
        x = checks.finite_array(x, "x", ndim=3)
        if x.shape[1] + 1 != len(self.coef_):
            raise ValueError(
                f"Received an invalid value for argument `x`. Expected windows of "
                f"{len(self.coef_) - 1} steps, got shape {x.shape}."
            )
        return (self._design(x) @ self.coef_).astype(np.float32)

    @staticmethod
    def _design(x: np.ndarray) -> np.ndarray:
        flat = x[:, :, 0].astype(np.float64)
        return np.hstack([flat, np.ones((len(flat), 1))])
