"""The memory study's table read: ratios to the baseline, seeds solved with exact intervals,
the longest length solved."""

import pandas as pd
import pytest
from scipy import stats

from gru_lib.analysis.memory import (
    FRACTION_COLUMNS,
    longest_solved,
    memory_summary,
    reported_runs,
    solved_fractions,
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


def test_solved_fractions_carry_scipys_exact_interval():
    fractions = solved_fractions(SWEEP, threshold=0.05)
    assert list(fractions.columns) == FRACTION_COLUMNS
    gru = fractions[(fractions["cell"] == "GRU") & (fractions["length"] == 20)].iloc[0]
    exact = stats.binomtest(1, 2).proportion_ci(method="exact")
    assert (gru["solved"], gru["seeds"]) == (1, 2)
    assert gru["low"] == pytest.approx(exact.low) and gru["high"] == pytest.approx(exact.high)


def test_only_the_reported_runs_are_summarised():
    table = SWEEP.assign(role="report")
    tuning = table.assign(role="tune", ratio=100.0)
    assert reported_runs(pd.concat([tuning, table])).equals(table.reset_index(drop=True))
    assert reported_runs(SWEEP) is SWEEP  # a table without roles is all reported
