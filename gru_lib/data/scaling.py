"""Standardisation fitted on the training part only, so no statistic leaks from the future.

The arithmetic is scikit-learn's ``StandardScaler`` (mean and population standard deviation,
accumulated in float64); :class:`SeriesScaler` fits it to one series and lets it scale arrays of
any shape, which a window of a series and a batch of forecasts are.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["SeriesScaler"]


class SeriesScaler:
    """Subtract the training mean and divide by the training standard deviation.

    >>> scaler = SeriesScaler().fit(np.array([1.0, 2.0, 3.0]))
    >>> scaler.transform(np.array([2.0])).tolist()
    [0.0]
    """

    def __init__(self) -> None:
        self.scaler_ = None  # scikit-learn's StandardScaler, fitted on a column of the series

    def fit(self, series: np.ndarray) -> SeriesScaler:
        """Learn mean and standard deviation of a 1-D ``series`` (shape ``(steps,)``)."""
        from sklearn.preprocessing import StandardScaler  # imported on use: gru_lib stays light

        series = checks.finite_array(series, "series", ndim=1)
        if len(series) < 2:
            raise checks.invalid(
                "series", f"Expected at least 2 values to fit a scale, got {len(series)}."
            )
        # scikit-learn quietly scales a constant series by 1; a forecasting task cannot use it.
        if np.all(series == series[0]):
            raise checks.invalid("series", "It is constant: its standard deviation is 0.")
        self.scaler_ = StandardScaler().fit(series.reshape(-1, 1))
        return self

    @property
    def mean_(self) -> float:
        self._require_fitted()
        return float(self.scaler_.mean_[0])

    @property
    def scale_(self) -> float:
        self._require_fitted()
        return float(self.scaler_.scale_[0])

    def _require_fitted(self) -> None:
        if self.scaler_ is None:
            raise checks.not_fitted("SeriesScaler", "fit(series)")

    def transform(self, values: np.ndarray) -> np.ndarray:
        """Scale ``values`` of any shape with the fitted statistics (float32, like the tasks)."""
        return self._apply("transform", values)

    def inverse_transform(self, values: np.ndarray) -> np.ndarray:
        """Map scaled ``values`` of any shape back to the original units."""
        return self._apply("inverse_transform", values)

    def _apply(self, method: str, values: np.ndarray) -> np.ndarray:
        self._require_fitted()
        values = np.asarray(values, dtype=np.float64)
        scaled = getattr(self.scaler_, method)(values.reshape(-1, 1))  # a column, as sklearn wants
        return scaled.reshape(values.shape).astype(np.float32)
