"""mean_std_table: one row per model, one column per task, each with its own metric."""

import pandas as pd

from gru_lib.analysis.seed_table import mean_std_table


def runs():
    rows = [
        ("adding", "gru", 0, 0.10, None), ("adding", "gru", 1, 0.20, None),
        ("adding", "min", 0, 0.30, None), ("adding", "min", 1, 0.30, None),
        ("copy", "gru", 0, None, 0.5), ("copy", "gru", 1, None, 0.7),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["task", "model", "seed", "test_mse", "test_accuracy"])


def test_each_task_is_scored_by_its_own_metric_and_missing_runs_are_dashes():
    table = mean_std_table(runs(), {"adding": "test_mse", "copy": "test_accuracy"})
    assert list(table.index) == ["gru", "min"]
    assert list(table.columns) == ["adding: mse", "copy: accuracy"]
    assert table.loc["gru", "adding: mse"] == "0.150 ± 0.071"
    assert table.loc["gru", "copy: accuracy"] == "0.600 ± 0.141"
    assert table.loc["min", "copy: accuracy"] == "—"
