"""Standardisation fitted on the training part only, so no statistic leaks from the future."""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["StandardScaler"]


class StandardScaler:
    """Subtract the training mean and divide by the training standard deviation.

    >>> scaler = StandardScaler().fit(np.array([1.0, 2.0, 3.0]))
    >>> scaler.transform(np.array([2.0])).tolist()
    [0.0]
    """

    def __init__(self) -> None:
        self.mean_: float | None = None
        self.scale_: float | None = None

    def fit(self, series: np.ndarray) -> StandardScaler:
        """Learn mean and standard deviation of a 1-D ``series`` (shape ``(steps,)``)."""
        series = checks.finite_array(series, "series", ndim=1)
        if len(series) < 2:
            raise checks.invalid(
                "series", f"Expected at least 2 values to fit a scale, got {len(series)}."
            )
        std = float(series.std())
        if std == 0.0:
            raise checks.invalid("series", "It is constant: its standard deviation is 0.")
        self.mean_, self.scale_ = float(series.mean()), std
        return self

    def _require_fitted(self) -> None:
        if self.mean_ is None:
            raise checks.not_fitted("StandardScaler", "fit(series)")

    def transform(self, values: np.ndarray) -> np.ndarray:
        """Scale ``values`` of any shape with the fitted statistics."""
        self._require_fitted()
        return ((np.asarray(values, dtype=np.float64) - self.mean_) / self.scale_).astype(
            np.float32
        )

    def inverse_transform(self, values: np.ndarray) -> np.ndarray:
        """Map scaled ``values`` back to the original units."""
        self._require_fitted()
        return (np.asarray(values, dtype=np.float64) * self.scale_ + self.mean_).astype(np.float32)
