"""The one-at-a-time sweep and the plot helpers of the hands-on chapter."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from gru_lib import plots
from gru_lib.data import uniform_mean_task
from gru_lib.models.spec import ModelSpec
from gru_lib.training.engine import TrainingHistory
from gru_lib.training.sweeps import one_at_a_time


def test_sweep_trains_the_base_and_each_variation_from_each_seed():
    task = uniform_mean_task(n_train=64, n_val=16, n_test=16, length=4, seed=0)
    table = one_at_a_time(task, ModelSpec(units=4), {"units": [2, 4]}, seeds=[0, 1], epochs=1)
    assert list(table["value"]) == ["4", "4", "2", "2"]  # base first, duplicates of it dropped
    assert list(table["is_base"]) == [True, True, False, False]
    assert set(table["setting"]) == {"units"} and table["test_mse"].notna().all()
    figure = plots.sweep_panels(table)
    assert isinstance(figure, Figure) and len(figure.axes) == 1


def test_sweep_trains_the_base_once_and_shows_it_under_every_setting():
    task = uniform_mean_task(n_train=64, n_val=16, n_test=16, length=4, seed=0)
    variations = {"units": [2], "optimizer": ["sgd"]}
    table = one_at_a_time(task, ModelSpec(units=4), variations, seeds=[0], epochs=1)
    assert list(zip(table["setting"], table["value"], strict=True)) == [
        ("units", "4"), ("units", "2"), ("optimizer", "adam"), ("optimizer", "sgd"),
    ]  # fmt: skip
    base = table[table["is_base"]]
    assert base["test_mse"].nunique() == 1 and set(base["model"]) == {"base"}


def test_loss_curves_draws_two_lines_per_run_and_the_baseline():
    history = TrainingHistory(loss=[1.0, 0.5, 0.2], val_loss=[1.1, 0.6, 0.3], seconds=1.0)
    figure = plots.loss_curves({"a": history, "b": history}, baseline=0.8)
    lines = figure.axes[0].get_lines()
    assert len(lines) == 5
    np.testing.assert_array_equal(lines[0].get_ydata(), [1.0, 0.5, 0.2])
    with pytest.raises(ValueError, match="`history`"):
        plots.loss_curves({})


def test_predicted_vs_actual_plots_every_point_and_rejects_mismatches():
    figure = plots.predicted_vs_actual(np.arange(5.0), np.arange(5.0) + 0.1)
    assert figure.axes[0].collections[0].get_offsets().shape == (5, 2)
    with pytest.raises(ValueError, match="same length"):
        plots.predicted_vs_actual(np.arange(5.0), np.arange(4.0))


def test_forecasts_plots_actual_and_each_forecaster():
    figure = plots.forecasts(
        np.arange(4.0), np.zeros(4), {"a": np.ones(4), "b": np.ones(4)}, title="t"
    )
    assert [line.get_label() for line in figure.axes[0].get_lines()] == ["actual", "a", "b"]
    with pytest.raises(ValueError, match="predictions"):
        plots.forecasts(np.arange(4.0), np.zeros(4), {"a": np.ones(3)}, title="t")
