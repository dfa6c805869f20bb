"""Learning-rate tuning: every rate trained, the choice made on validation loss alone."""

import pandas as pd
import pytest

from gru_lib.data import uniform_mean_task
from gru_lib.models.spec import ModelSpec
from gru_lib.training.runs import run_experiments
from gru_lib.training.tuning import CHOICE_COLUMNS, tuned_runs


@pytest.fixture(scope="module")
def task():
    return uniform_mean_task(n_train=48, n_val=16, n_test=16, length=4, seed=1)


@pytest.mark.slow
def test_the_chosen_rate_has_the_lowest_mean_validation_loss_and_its_runs_are_the_results(task):
    specs = [ModelSpec(units=3, label="small"), ModelSpec(layer="lstm", units=2)]
    rates = [1e-4, 0.01, 0.05]
    results, choices = tuned_runs([task], specs, rates, [0, 1], epochs=3, patience=2)
    assert list(choices.columns) == CHOICE_COLUMNS and len(choices) == 2 * 3
    for model, rows in choices.groupby("model"):
        best = rows.loc[rows["val_loss"].idxmin(), "learning_rate"]
        assert rows.loc[rows["chosen"], "learning_rate"].tolist() == [best]
        chosen = results[results["model"] == model]
        assert chosen["learning_rate"].unique().tolist() == [best]
        assert chosen["seed"].tolist() == [0, 1]
    # The kept runs are exactly what the runner gives for that spec at that rate.
    rate = results.loc[results["model"] == "small", "learning_rate"].iloc[0]
    alone = run_experiments(
        [task], [ModelSpec(units=3, learning_rate=rate, label="small")], [0, 1],
        epochs=3, patience=2,
    )  # fmt: skip
    pd.testing.assert_series_equal(
        alone["test_mse"], results.loc[results["model"] == "small", "test_mse"].reset_index(
            drop=True), check_names=False,
    )  # fmt: skip


def test_tuning_on_some_seeds_runs_the_chosen_rate_from_the_others(task):
    specs = [ModelSpec(units=3, label="small")]
    results, choices = tuned_runs(
        [task], specs, [1e-4, 0.05], [2, 0, 1], epochs=3, patience=2, tune_seeds=[0]
    )
    assert len(choices) == 2
    rate = choices.loc[choices["chosen"], "learning_rate"].item()
    assert results["seed"].tolist() == [2, 0, 1]
    assert (results["learning_rate"] == rate).all()
    alone = run_experiments(
        [task], [ModelSpec(units=3, learning_rate=rate, label="small")], [2, 0, 1],
        epochs=3, patience=2,
    )  # fmt: skip
    assert results["test_mse"].tolist() == alone["test_mse"].tolist()
