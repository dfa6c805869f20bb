"""The memory sweep: ratios to the baseline, seeds solved, the longest length solved."""

import numpy as np
import pandas as pd
import pytest

from gru_lib.analysis.memory import (
    SWEEP_COLUMNS,
    longest_solved,
    memory_summary,
    memory_sweep,
    solved_table,
)


def sweep_of(rows):
    return pd.DataFrame(rows, columns=["cell", "length", "seed", "ratio"])


SWEEP = sweep_of(
    [("RNN", 10, 0, 0.9), ("RNN", 10, 1, 1.0), ("RNN", 20, 0, 1.0), ("RNN", 20, 1, 1.1),
     ("GRU", 10, 0, 0.01), ("GRU", 10, 1, 0.02), ("GRU", 20, 0, 0.01), ("GRU", 20, 1, 0.3)]
)  # fmt: skip


def test_summary_counts_seeds_below_the_threshold_and_spans_min_to_max():
    summary = memory_summary(SWEEP, threshold=0.05).set_index(["cell", "length"])
    assert summary.loc[("GRU", 20), "solved"] == 1
    assert summary.loc[("GRU", 10), "solved"] == 2
    assert summary.loc[("RNN", 10), "solved"] == 0
    assert summary.loc[("GRU", 20), "min"] == pytest.approx(0.01)
    assert summary.loc[("GRU", 20), "max"] == pytest.approx(0.3)
    assert summary.loc[("RNN", 20), "mean"] == pytest.approx(1.05)
    assert list(dict.fromkeys(summary.index.get_level_values(0))) == ["RNN", "GRU"]


def test_solved_table_keeps_the_cells_order():
    table = solved_table(SWEEP, threshold=0.05)
    assert list(table.index) == ["RNN", "GRU"]
    assert table.loc["GRU"].tolist() == [2, 1]
    assert table.loc["RNN"].tolist() == [0, 0]


def test_longest_solved_needs_every_seed_and_every_shorter_length():
    assert longest_solved(SWEEP, threshold=0.05) == {"RNN": 0, "GRU": 10}
    assert longest_solved(SWEEP, threshold=0.5) == {"RNN": 0, "GRU": 20}
    gap = sweep_of([("GRU", 10, 0, 0.9), ("GRU", 20, 0, 0.01)])
    assert longest_solved(gap, threshold=0.05) == {"GRU": 0}


@pytest.mark.slow
def test_the_sweep_trains_every_cell_length_and_seed_on_the_same_data():
    sweep = memory_sweep(
        {"tanh RNN": "simple_rnn", "GRU": "gru"}, lengths=[6, 8], seeds=[0, 1], units=2,
        samples=(32, 16, 16), learning_rate=0.01, epochs=3, patience=1,
    )  # fmt: skip
    assert list(sweep.columns) == SWEEP_COLUMNS
    assert len(sweep) == 2 * 2 * 2
    np.testing.assert_allclose(sweep["ratio"], sweep["test_mse"] / sweep["baseline"])
    # One task per length: every run at a length shares its baseline.
    assert sweep.groupby("length")["baseline"].nunique().tolist() == [1, 1]
    assert (sweep["epochs"] <= 3).all()
    assert {r.spec.units for r in sweep["record"]} == {2}
