"""One-step forecasts on a task's test part: a trained network beside the naive baselines."""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)
from gru_lib.analysis.baselines import LinearAutoregression, last_value_forecast
from gru_lib.data.task import TaskData
from gru_lib.training.engine import predict
from gru_lib.training.metrics import mean_absolute_error, mean_squared_error

__all__ = ["cycle_maxima", "forecast_errors", "one_step_forecasts"]


def one_step_forecasts(
    task: TaskData, model: keras.Model, model_name: str = "GRU"
) -> dict[str, np.ndarray]:
    """Test-set forecasts of ``model``, the last-value baseline and a linear autoregression.

    The autoregression is fitted on the same training windows as the network. Every array has
    shape ``(test_samples,)`` and is in the series' original units when the task has a scaler.
    The key ``"actual"`` holds the true values.

    >>> from gru_lib.data import chronological_forecasting_task, noisy_sine
    >>> from gru_lib.models.build import build_regressor
    >>> task = chronological_forecasting_task(noisy_sine(length=100), window=5, name="sine")
    >>> forecasts = one_step_forecasts(task, build_regressor(task.input_shape, units=2))
    >>> sorted(forecasts), forecasts["actual"].shape
    (['GRU', 'actual', 'last value', 'linear AR'], (15,))
    """
    task = checks.instance(task, "task", TaskData)
    if task.scaler is None:
        raise checks.invalid(
            "task",
            "Expected a forecasting task with a "
            f"fitted scaler, got task {task.name!r} without one.",
        )
    autoregression = LinearAutoregression().fit(task.x_train, task.y_train)
    scaled = {
        "actual": task.y_test,
        model_name: predict(model, task.x_test),
        "last value": last_value_forecast(task.x_test),
        "linear AR": autoregression.predict(task.x_test),
    }
    return {name: task.scaler.inverse_transform(values) for name, values in scaled.items()}


def forecast_errors(forecasts: dict[str, np.ndarray]) -> pd.DataFrame:
    """MAE and RMSE of every forecaster in ``forecasts`` against ``forecasts["actual"]``.

    Returns one row per forecaster, best (lowest RMSE) first.

    >>> errors = forecast_errors({"actual": np.array([1.0, 2.0]), "zero": np.array([0.0, 0.0])})
    >>> float(errors.loc["zero", "MAE"])
    1.5
    """
    if "actual" not in forecasts:
        raise checks.invalid("forecasts", "It must hold the true values under the key 'actual'.")
    actual = forecasts["actual"]
    rows = {
        name: {
            "MAE": mean_absolute_error(actual, values),
            "RMSE": float(np.sqrt(mean_squared_error(actual, values))),
        }
        for name, values in forecasts.items()
        if name != "actual"
    }
    return pd.DataFrame.from_dict(rows, orient="index").sort_values("RMSE")


def cycle_maxima(values: np.ndarray, *, half_width: int = 4) -> np.ndarray:
    """The indices of a cyclic series' maxima ``(n,)``: the entries that are the largest of
    every value within ``half_width`` steps on either side (the window shortened at the ends),
    so a bump on a cycle's flank is not counted as a maximum of its own.

    For yearly sunspot numbers, whose cycles last 9 to 14 years, ``half_width=4`` finds one
    maximum per cycle.

    >>> cycle_maxima(np.array([0.0, 2.0, 1.0, 1.5, 0.5, 3.0, 0.0]), half_width=2)
    array([1, 5])
    """
    values = checks.finite_array(values, "values", ndim=1)
    half_width = checks.integer(half_width, "half_width", minimum=1)
    return np.array(
        [
            i
            for i in range(len(values))
            if values[i] == values[max(0, i - half_width) : i + half_width + 1].max()
        ],
        dtype=int,
    )
