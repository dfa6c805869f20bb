"""Counting: the strings, their encoding, the balanced task, and the longest n counted."""

import numpy as np
import pandas as pd
import pytest

from gru_lib.analysis.counting import COUNTING_COLUMNS, counting_runs, longest_counted
from gru_lib.data.counting import counting_strings, counting_task, encode_strings


@pytest.mark.parametrize("n", [1, 2, 5, 30])
def test_one_accepted_string_and_its_near_misses(n):
    pairs, labels = counting_strings(n)
    assert pairs[0] == (n, n) and labels.tolist() == [1] + [0] * (len(pairs) - 1)
    assert all(a == n and b != n and abs(b - n) <= 2 and b >= 0 for a, b in pairs[1:])
    assert len(pairs) == (4 if n == 1 else 5)


def test_encoding_left_pads_and_reads_a_then_b():
    x = encode_strings([(2, 3), (0, 1)], length=6)
    assert x.shape == (2, 6, 3) and x.dtype == np.float32
    assert x[0].argmax(axis=1).tolist() == [0, 1, 1, 2, 2, 2]
    assert x[1].argmax(axis=1).tolist() == [0, 0, 0, 0, 0, 2]
    np.testing.assert_array_equal(x.sum(axis=2), 1.0)


def test_the_task_balances_accepted_and_rejected_strings():
    task = counting_task(largest_n=6, length=14)
    assert task.classes == 2 and task.input_shape == (14, 3)
    assert task.y_train.sum() * 2 == len(task.y_train)
    accepted = task.x_train[task.y_train == 1]
    counts = accepted[:, :, 1].sum(axis=1), accepted[:, :, 2].sum(axis=1)
    np.testing.assert_array_equal(counts[0], counts[1])


def test_longest_counted_stops_at_the_first_failure():
    table = pd.DataFrame(
        {"cell": ["GRU"] * 4 + ["LSTM"] * 4, "seed": 0, "n": [1, 2, 3, 4] * 2,
         "all_right": [True, True, False, True, False, True, True, True]}
    )  # fmt: skip
    assert longest_counted(table)["longest_n"].tolist() == [2, 0]
    everything = table.assign(all_right=True)
    assert longest_counted(everything)["longest_n"].tolist() == [4, 4]


@pytest.mark.slow
def test_counting_runs_score_every_n_up_to_the_test_range():
    table = counting_runs(
        {"GRU": "gru", "LSTM": "lstm"}, largest_n=3, test_n=7, seeds=[0, 1], units=3,
        rates=[0.01, 0.03], epochs=3, patience=2,
    )  # fmt: skip
    assert list(table.columns) == COUNTING_COLUMNS
    assert len(table) == 2 * 2 * 7
    assert table["accuracy"].between(0, 1).all()
    assert (table["all_right"] == (table["accuracy"] == 1.0)).all()
    assert table.groupby("cell")["learning_rate"].nunique().tolist() == [1, 1]
