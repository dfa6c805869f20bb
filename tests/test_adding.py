"""The adding problem's contract: two marked U(0, 1) values, one per half, summed as the target."""

import numpy as np
import pytest

from gru_lib.data import adding_problem, adding_task


@pytest.mark.parametrize("length", [2, 3, 10, 51])
def test_shapes_and_dtypes(length):
    x, y = adding_problem(samples=7, length=length, seed=0)
    assert x.shape == (7, length, 2) and x.dtype == np.float32
    assert y.shape == (7,) and y.dtype == np.float32


def test_values_channel_is_uniform_on_the_unit_interval():
    x, _ = adding_problem(samples=2000, length=20, seed=1)
    values = x[:, :, 0]
    assert values.min() >= 0.0 and values.max() <= 1.0
    assert abs(values.mean() - 0.5) < 0.01


@pytest.mark.parametrize("length", [2, 3, 10, 51])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exactly_two_markers_one_in_each_half(length, seed):
    x, _ = adding_problem(samples=500, length=length, seed=seed)
    markers = x[:, :, 1]
    half = length // 2
    assert set(np.unique(markers)) <= {0.0, 1.0}
    assert np.all(markers[:, :half].sum(axis=1) == 1.0)
    assert np.all(markers[:, half:].sum(axis=1) == 1.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_target_is_the_sum_of_the_two_marked_values(seed):
    x, y = adding_problem(samples=300, length=12, seed=seed)
    marked_sum = (x[:, :, 0] * x[:, :, 1]).sum(axis=1)
    np.testing.assert_allclose(y, marked_sum, rtol=1e-6)


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    x0, y0 = adding_problem(samples=50, length=10, seed=3)
    x1, y1 = adding_problem(samples=50, length=10, seed=3)
    x2, y2 = adding_problem(samples=50, length=10, seed=4)
    np.testing.assert_array_equal(x0, x1)
    np.testing.assert_array_equal(y0, y1)
    assert not np.array_equal(x0, x2) and not np.array_equal(y0, y2)


def test_always_predicting_one_scores_an_mse_of_one_sixth():
    # y - 1 is the sum of two U(-1/2, 1/2), of variance 1/12 + 1/12; the sample mean of (y - 1)²
    # has a standard error of about 0.0004 at this size, so 0.003 is a generous margin.
    _, y = adding_problem(samples=200_000, length=4, seed=0)
    assert np.mean((y.astype(np.float64) - 1.0) ** 2) == pytest.approx(1 / 6, abs=0.003)


def test_adding_task_has_the_requested_sizes_and_independent_parts():
    task = adding_task(length=16, n_train=40, n_val=20, n_test=10, seed=5)
    assert task.sizes() == {"train": 40, "val": 20, "test": 10}
    assert task.input_shape == (16, 2)
    assert not np.array_equal(task.x_train[:10], task.x_test)
    again = adding_task(length=16, n_train=40, n_val=20, n_test=10, seed=5)
    np.testing.assert_array_equal(task.x_val, again.x_val)
