"""Data sets: the seed task, windows and chronological splits, the two series."""

import numpy as np
import pytest

from gru_lib.data import (
    SeriesScaler,
    chronological_forecasting_task,
    noisy_sine,
    sliding_windows,
    sunspots,
    uniform_mean_task,
)


def test_uniform_mean_task_has_the_seed_notebooks_shapes_and_targets_are_means():
    task = uniform_mean_task(seed=3)
    assert task.x_train.shape == (1000, 10, 1) and task.x_test.shape == (200, 10, 1)
    assert task.x_train.dtype == np.float32 and task.y_train.dtype == np.float32
    np.testing.assert_allclose(task.y_test, task.x_test.mean(axis=(1, 2)), rtol=1e-6)
    assert 0.0 <= task.x_train.min() and task.x_train.max() <= 1.0


def test_uniform_mean_constant_guess_scores_one_over_twelve_times_length():
    task = uniform_mean_task(n_train=20000, length=10, seed=0)
    assert np.mean((task.y_train - 0.5) ** 2) == pytest.approx(1 / 120, rel=0.05)


def test_uniform_mean_task_is_reproducible_and_parts_differ():
    a, b = uniform_mean_task(seed=1), uniform_mean_task(seed=1)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert not np.array_equal(a.x_val, a.x_test)
    assert not np.array_equal(a.x_train, uniform_mean_task(seed=2).x_train)


def test_sliding_windows_pairs_each_window_with_the_next_value():
    x, y = sliding_windows(np.arange(10.0), window=4)
    assert x.shape == (6, 4, 1) and y.shape == (6,)
    np.testing.assert_array_equal(x[2, :, 0], [2, 3, 4, 5])
    assert y[2] == 6


def test_chronological_split_keeps_time_order_and_every_target_once():
    series = np.arange(100.0)
    task = chronological_forecasting_task(series, window=5, name="ramp")
    targets = task.scaler.inverse_transform(np.concatenate([task.y_train, task.y_val, task.y_test]))
    np.testing.assert_allclose(targets, np.arange(5.0, 100.0), atol=1e-4)
    assert task.sizes() == {"train": 65, "val": 15, "test": 15}


def test_chronological_split_scales_with_training_statistics_only():
    series = np.concatenate([np.zeros(70) + np.arange(70) % 2, np.full(30, 100.0)])
    task = chronological_forecasting_task(series, window=3, name="jump")
    assert task.scaler.mean_ == pytest.approx(0.5)  # the jump to 100 is in val/test only
    assert task.x_train.max() <= 1.0 + 1e-6


def test_scaler_round_trips_and_refuses_to_transform_before_fit():
    scaler = SeriesScaler().fit(np.array([2.0, 4.0, 6.0]))
    values = np.array([1.0, 5.0])
    np.testing.assert_allclose(
        scaler.inverse_transform(scaler.transform(values)), values, rtol=1e-6
    )
    with pytest.raises(ValueError, match="not fitted"):
        SeriesScaler().transform(values)
    with pytest.raises(ValueError, match="constant"):
        SeriesScaler().fit(np.ones(5))


def test_noisy_sine_without_noise_is_the_sine_and_noise_has_the_requested_scale():
    t = np.arange(500)
    np.testing.assert_allclose(
        noisy_sine(length=500, period=25, noise=0.0), np.sin(2 * np.pi * t / 25), atol=1e-6
    )
    residual = noisy_sine(length=20000, period=25, noise=0.3, seed=1) - np.sin(
        2 * np.pi * np.arange(20000) / 25
    )
    assert residual.std() == pytest.approx(0.3, rel=0.05)
    np.testing.assert_array_equal(noisy_sine(length=50, seed=4), noisy_sine(length=50, seed=4))


def test_sunspots_loads_the_bundled_yearly_series_without_network():
    years, values = sunspots()
    assert years[0] == 1700 and years[-1] == 2008 and len(values) == 309
    assert values.dtype == np.float32 and np.all(values >= 0)
