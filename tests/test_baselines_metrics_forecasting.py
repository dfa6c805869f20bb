"""Naive forecasters, error measures and the forecast comparison."""

import numpy as np
import pytest

from gru_lib.analysis.baselines import LinearAutoregression, last_value_forecast
from gru_lib.analysis.forecasting import forecast_errors, one_step_forecasts
from gru_lib.data import chronological_forecasting_task, noisy_sine, sliding_windows
from gru_lib.models.build import build_regressor
from gru_lib.training.metrics import mean_absolute_error, mean_squared_error


def test_metrics_match_their_definitions():
    y, p = np.array([1.0, 2.0, 4.0]), np.array([2.0, 2.0, 1.0])
    assert mean_squared_error(y, p) == pytest.approx((1 + 0 + 9) / 3)
    assert mean_absolute_error(y, p) == pytest.approx((1 + 0 + 3) / 3)


def test_last_value_forecast_returns_the_last_step():
    x = np.arange(12.0).reshape(2, 6, 1)
    np.testing.assert_array_equal(last_value_forecast(x), [5.0, 11.0])


def test_linear_autoregression_recovers_an_exact_linear_recurrence():
    # A pure sine satisfies s[t] = 2 cos(w) s[t-1] - s[t-2]: an AR(2) with no error.
    series = np.sin(0.3 * np.arange(200))
    x, y = sliding_windows(series, window=2)
    model = LinearAutoregression().fit(x, y)
    np.testing.assert_allclose(model.model_.coef_, [-1.0, 2 * np.cos(0.3)], atol=1e-4)
    assert model.model_.intercept_ == pytest.approx(0.0, abs=1e-4)
    np.testing.assert_allclose(model.predict(x), y, atol=1e-4)


def test_linear_autoregression_checks_its_inputs():
    with pytest.raises(ValueError, match="not fitted"):
        LinearAutoregression().predict(np.zeros((1, 3, 1)))
    model = LinearAutoregression().fit(np.random.default_rng(0).random((10, 3, 1)), np.zeros(10))
    with pytest.raises(ValueError, match="windows of 3 steps"):
        model.predict(np.zeros((2, 4, 1)))


def test_forecast_errors_ranks_forecasters_by_rmse():
    table = forecast_errors(
        {"actual": np.zeros(4), "far": np.full(4, 2.0), "near": np.full(4, 0.5)}
    )
    assert list(table.index) == ["near", "far"]
    assert table.loc["far", "RMSE"] == pytest.approx(2.0)
    with pytest.raises(ValueError, match="'actual'"):
        forecast_errors({"near": np.zeros(2)})


def test_one_step_forecasts_are_in_the_series_units_and_beat_noise_free_chance():
    task = chronological_forecasting_task(noisy_sine(length=300, noise=0.0), window=10, name="sine")
    forecasts = one_step_forecasts(task, build_regressor(task.input_shape, units=2))
    assert set(forecasts) == {"actual", "GRU", "last value", "linear AR"}
    np.testing.assert_allclose(
        forecasts["actual"], noisy_sine(length=300, noise=0.0)[-45:], atol=1e-5
    )
    assert forecast_errors(forecasts).loc["linear AR", "RMSE"] < 1e-3
