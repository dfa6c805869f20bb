"""The counting study: aⁿbⁿ against hard negatives, aligned padding, its plan, one member, and
the summaries chapter 5 reads."""

import numpy as np
import pandas as pd
import pytest

from gru_lib.analysis.claims import LEARNED, NOTHING_LEARNED
from gru_lib.analysis.counting_study import (
    SUMMARY_COLUMNS,
    accuracy_by_n,
    beyond_check,
    counting_summary,
    reject_by_n,
)
from gru_lib.data.anbn import aligned_length, anbn_strings, anbn_task, encode_aligned, string_ns
from gru_lib.studies import counting
from gru_lib.studies.spec import Budget


@pytest.mark.parametrize("n", [1, 2, 7, 40])
def test_negatives_are_hard_near_misses_and_a_swap(n):
    strings, labels = anbn_strings(n)
    assert strings[0] == "a" * n + "b" * n and labels.tolist() == [1] + [0] * (len(strings) - 1)
    for string in strings[1:]:
        a_count = string.count("a")
        assert a_count == n and abs(string.count("b") - n) <= 2  # one symbol or two off
        assert string != strings[0]
    swap = strings[-1]
    assert swap.count("b") == n and "ba" in swap  # as many b's as a's, wrong order
    assert len(strings) == (5 if n == 1 else 6)


def test_every_string_is_padded_before_it_to_one_length():
    x = encode_aligned(["ab", "aabbb"], length=7)
    assert x.shape == (2, 7, 3) and x.dtype == np.float32
    assert x[0].argmax(axis=1).tolist() == [0, 0, 0, 0, 0, 1, 2]
    assert x[1].argmax(axis=1).tolist() == [0, 0, 1, 1, 2, 2, 2]
    np.testing.assert_array_equal(x.sum(axis=2), 1.0)


def test_a_test_string_follows_exactly_the_pads_of_the_same_training_string():
    task = anbn_task(train_n=4, test_n=12)
    assert task.input_shape == (aligned_length(12), 3)
    ns = string_ns(12)
    assert len(ns) == len(task.x_test)
    pads_train = task.x_train[:, :, 0].sum(axis=1)
    for n in range(1, 5):
        accepted = task.x_test[(ns == n) & (task.y_test == 1)]
        assert len(accepted) == 1
        in_training = np.all(task.x_train == accepted[0], axis=(1, 2))
        assert in_training.any()  # the same input, step for step, pads included
        assert set(pads_train[in_training]) == {accepted[0][:, 0].sum()}
    # Beyond the trained range the pads only get fewer, never more: nothing but longer strings.
    pads_test = task.x_test[:, :, 0].sum(axis=1)
    lengths = np.array([len(s) for n in range(1, 13) for s in anbn_strings(n)[0]])
    np.testing.assert_array_equal(pads_test, aligned_length(12) - lengths)
    assert pads_test.min() >= 1


def test_the_training_part_is_balanced_and_the_test_part_has_every_string_once():
    task = anbn_task(train_n=5, test_n=9)
    assert task.y_train.sum() * 2 == len(task.y_train) == counting.training_size(5)
    assert len(task.y_test) == sum(len(anbn_strings(n)[0]) for n in range(1, 10))
    assert task.y_test.sum() == 9
    np.testing.assert_array_equal(task.x_val, task.x_train)


def test_always_rejecting_scores_the_share_of_negatives_at_each_n():
    reject = reject_by_n(10)
    assert reject.index.tolist() == list(range(1, 11))
    assert reject.iloc[0] == pytest.approx(4 / 5) and reject.iloc[1:].eq(5 / 6).all()


def test_the_plan_tunes_first_then_reports_at_the_chosen_rate():
    config = counting.CountingConfig()
    empty = pd.DataFrame({"key": pd.Series([], dtype=str)})
    tuning = counting.plan(config, empty)
    assert len(tuning) == len(config.cells) * len(config.rates) * len(config.tune_seeds)
    assert {m.role for m in tuning} == {"tune"}
    losses = {1e-3: 0.5, 3e-3: 0.2, 1e-2: 0.1, 3e-2: 0.3}
    stored = pd.DataFrame(
        [{"key": m.key, "role": "tune", "cell": m.params["cell"],
          "learning_rate": m.params["learning_rate"],
          "best_val_loss": losses[m.params["learning_rate"]]} for m in tuning]
    )  # fmt: skip
    members = counting.plan(config, stored)
    reported = [m for m in members if m.role == "report"]
    assert len(reported) == len(config.cells) * len(config.seeds)
    assert {m.params["learning_rate"] for m in reported} == {1e-2}
    assert {m.params["seed"] for m in reported} == set(config.seeds)
    assert len(members) == counting.size(config)
    rates = counting.chosen_rates(stored, config)
    assert not rates["at_edge"].any() and rates["chosen"].sum() == len(config.cells)
    edge = stored.assign(best_val_loss=stored["learning_rate"].map({**losses, 3e-2: 0.01}))
    assert counting.chosen_rates(edge, config)["at_edge"].all()


def test_the_stored_configuration_trains_on_the_whole_language_to_fifty():
    config = counting.CountingConfig()
    assert config.train_n >= 50 and config.test_n == 3 * config.train_n
    assert len(config.seeds) >= 10 and len(config.rates) >= 4
    assert min(config.rates) <= 1e-3 and max(config.rates) >= 3e-2
    assert config.budget.train_size == counting.training_size(config.train_n)


def test_one_member_trains_and_scores_every_n():
    config = counting.CountingConfig(
        train_n=2, test_n=6, units=2, rates=(0.01, 0.03), tune_seeds=(9,), seeds=(0,),
        budget=Budget(updates=2, batch_size=18, patience=1, train_size=18),
    )  # fmt: skip
    member = counting.plan(config, pd.DataFrame({"key": []}))[0]
    row = counting.run_member(config, member)
    curve = np.array(row["accuracy_curve"])
    assert curve.shape == (6,) and ((curve >= 0) & (curve <= 1)).all()
    ns = string_ns(6)
    weights = np.array([(ns == n).sum() for n in range(1, 7)])
    assert np.average(curve, weights=weights) == pytest.approx(row["test_accuracy"])
    assert row["reject_trained"] == pytest.approx(9 / 11)
    assert row["reject_beyond"] == pytest.approx(5 / 6)
    assert row["solved"] == (row["longest_n"] == 6) == bool((curve == 1).all())
    assert row["updates"] == 2 and "val_curve" in row


def stored_like(gru_beyond, lstm_beyond, solved=(3, 0)):
    rows = []
    for cell, beyond, wins in (("GRU", gru_beyond, solved[0]), ("LSTM", lstm_beyond, solved[1])):
        for seed in range(10):
            rows.append({"cell": cell, "seed": seed, "solved": seed < wins,
                         "trained_accuracy": 1.0, "beyond_accuracy": beyond,
                         "reject_trained": 0.83, "reject_beyond": 0.8,
                         "longest_n": 150 if seed < wins else 60,
                         "accuracy_curve": [1.0, beyond]})  # fmt: skip
    return pd.DataFrame(rows)


def test_the_summary_counts_solved_seeds_with_exact_intervals():
    summary = counting_summary(stored_like(0.95, 0.7))
    assert list(summary.columns) == SUMMARY_COLUMNS
    gru = summary.set_index("cell").loc["GRU"]
    assert (gru["solved"], gru["seeds"]) == (3, 10)
    assert gru["low"] == pytest.approx(0.0667, abs=1e-4) and gru["high"] > 0.6
    assert summary.set_index("cell").loc["LSTM", "low"] == 0.0
    long = accuracy_by_n(stored_like(0.95, 0.7))
    assert len(long) == 2 * 10 * 2 and set(long["n"]) == {1, 2}


def test_below_always_rejecting_is_said_and_nothing_learned_when_every_cell_stays_there():
    check = beyond_check(counting_summary(stored_like(0.95, 0.7)), train_n=50)
    assert check.below == ("LSTM",) and check.kind == LEARNED
    assert "LSTM scores below always rejecting" in check.sentence
    both = beyond_check(counting_summary(stored_like(0.75, 0.79)), train_n=50)
    assert both.below == ("GRU", "LSTM") and both.kind == NOTHING_LEARNED
    assert "GRU and LSTM score below always rejecting" in both.sentence
    assert both.sentence.count("Nothing learned") == 1
    fine = beyond_check(counting_summary(stored_like(0.99, 0.98)), train_n=50)
    assert fine.below == () and "below" not in fine.sentence
