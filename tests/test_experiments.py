"""The experiment runner: one tidy row per (task, model, seed), repeatable from the seed."""

import numpy as np
import pandas as pd
import pytest

from gru_lib.data import adding_task, uniform_mean_task
from gru_lib.models.build import build_regressor
from gru_lib.models.spec import ModelSpec
from gru_lib.training.engine import TrainingSettings, fit, predict
from gru_lib.training.metrics import mean_squared_error
from gru_lib.training.runs import (
    RESULT_COLUMNS,
    SUMMARY_COLUMNS,
    run_experiments,
    summarize,
)


@pytest.fixture(scope="module")
def tiny_task():
    return uniform_mean_task(n_train=40, n_val=8, n_test=8, length=3, seed=0)


@pytest.fixture(scope="module")
def tiny_results(tiny_task):
    # Two tasks of different input shapes, so the runner traces one model per shape.
    second = adding_task(length=3, n_train=24, n_val=8, n_test=8, seed=1)
    return run_experiments(
        [tiny_task, second], [ModelSpec(units=2)], [0, 1], epochs=2, batch_size=16
    )


def test_a_tiny_configuration_gives_one_row_per_task_model_and_seed(tiny_results):
    assert list(tiny_results.columns) == [*RESULT_COLUMNS, "test_rmse", "record"]
    assert tiny_results[["task", "model", "seed"]].values.tolist() == [
        ["uniform mean", "gru (2)", 0],
        ["uniform mean", "gru (2)", 1],
        ["adding (T=3)", "gru (2)", 0],
        ["adding (T=3)", "gru (2)", 1],
    ]
    assert (tiny_results["epochs"] == 2).all() and (tiny_results["train_seconds"] > 0).all()
    assert np.isfinite(tiny_results[["test_mse", "test_mae"]].to_numpy()).all()


def test_the_parameter_column_is_the_keras_count_for_the_task_input(tiny_results):
    counts = tiny_results.groupby("task", sort=False)["parameters"].first().tolist()
    # GRU(2) with reset-after biases on 1 and on 2 features, 3·2·(d + 2 + 2), plus Dense(1): 3.
    assert counts == [3 * 2 * (1 + 2 + 2) + 3, 3 * 2 * (2 + 2 + 2) + 3]


@pytest.mark.slow  # trains and traces a further model: several seconds on a loaded CPU
def test_each_run_matches_a_freshly_built_model_trained_from_the_same_seed(tiny_task, tiny_results):
    # The runner reuses one traced model per architecture; that must not change any number.
    model = build_regressor(tiny_task.input_shape, layer="gru", units=2, seed=1)
    fit(model, tiny_task, TrainingSettings(epochs=2, batch_size=16), seed=1)
    expected = mean_squared_error(tiny_task.y_test, predict(model, tiny_task.x_test))
    assert tiny_results["test_mse"][1] == expected


@pytest.mark.slow  # trains and traces a further model: several seconds on a loaded CPU
def test_the_same_seed_gives_the_same_numbers_and_another_seed_does_not(tiny_task, tiny_results):
    again = run_experiments([tiny_task], [ModelSpec(units=2)], [1, 0], epochs=2, batch_size=16)
    first = tiny_results["test_mse"][:2].tolist()
    assert again["test_mse"].tolist() == first[::-1] and first[0] != first[1]
    history = again["record"][0].history
    assert history.epochs == 2 and history.seconds == again["train_seconds"][0]
    assert history.loss == tiny_results["record"][1].history.loss


def test_summarize_gives_mean_sample_std_and_seed_count_per_task_and_model():
    runs = pd.DataFrame({
        "task": ["a", "a", "a", "b"], "model": ["m", "m", "m", "m"], "seed": [0, 1, 2, 0],
        "test_mse": [1.0, 2.0, 3.0, 5.0],
    })  # fmt: skip
    summary = summarize(runs)
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert summary.loc[0, ["mean", "std", "seeds"]].tolist() == [2.0, 1.0, 3]
    assert summary.loc[1, "mean"] == 5.0 and np.isnan(summary.loc[1, "std"])
