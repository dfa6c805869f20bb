"""The comparison sentences: each branch with real values, and its numbers against SciPy's."""

import numpy as np
import pytest
from scipy import stats

from gru_lib.analysis.caveats import Baseline
from gru_lib.analysis.claims import (
    HIGHER,
    LOWER,
    MINUS,
    NO_DIFFERENCE,
    NOTHING_LEARNED,
    ClaimError,
    format_numbers,
    require_kind,
)
from gru_lib.analysis.statistics import FisherTest, Interval
from gru_lib.analysis.verdicts import compare_fractions, compare_scores

GRU = [0.0102, 0.0121, 0.0110, 0.0098, 0.0115]
LSTM = [0.0211, 0.0252, 0.0198, 0.0240, 0.0223]
MEAN = Baseline(0.160, "predicting the mean")


def test_a_clear_difference_is_lower_by_its_welch_interval():
    comparison = compare_scores(GRU, LSTM, names=("GRU", "LSTM"), metric="test MSE")
    reference = stats.ttest_ind(GRU, LSTM, equal_var=False).confidence_interval(0.95)
    assert comparison.kind == LOWER
    assert isinstance(comparison.test, Interval)
    assert comparison.test.low == pytest.approx(reference.low, abs=1e-12)
    assert comparison.test.high == pytest.approx(reference.high, abs=1e-12)
    assert comparison.sentence.startswith("The test MSE of GRU is lower than that of LSTM by 0.0")
    assert "Welch, 5 and 5 seeds" in comparison.sentence and str(comparison) == comparison.sentence


@pytest.mark.parametrize("order", [1, -1])
def test_the_sentence_gives_the_size_of_the_difference_and_its_interval(order):
    first, second = (GRU, LSTM)[::order]
    comparison = compare_scores(first, second, names=("A", "B"))
    test = comparison.test
    size = [-test.difference, -test.high, -test.low]
    if order == -1:
        size = [test.difference, test.low, test.high]
    difference, low, high = format_numbers(size, 3)
    assert comparison.kind == (LOWER if order == 1 else HIGHER)
    assert f"by {difference} (95 % CI {low} to {high}; Welch" in comparison.sentence
    assert MINUS not in comparison.sentence


@pytest.mark.parametrize("seed", range(8))
def test_the_kind_is_the_sign_of_the_interval_for_any_scores(seed):
    rng = np.random.default_rng(seed)
    first, second = rng.normal(1.0, 0.3, 5), rng.normal(1.2, 0.3, 4)
    comparison = compare_scores(first, second)
    low, high = comparison.test.low, comparison.test.high
    expected = LOWER if high < 0 else HIGHER if low > 0 else NO_DIFFERENCE
    assert comparison.kind == expected


def test_an_interval_across_zero_detects_no_difference():
    comparison = compare_scores([1.0, 1.1, 1.2], [1.1, 1.0, 1.3], names=("GRU", "LSTM"))
    assert comparison.kind == NO_DIFFERENCE
    assert comparison.test.low < 0 < comparison.test.high
    assert comparison.sentence.startswith("No difference detected between GRU and LSTM")


def test_nothing_learned_wins_over_a_difference_the_interval_detects():
    # Chapter 6's adding problem at T = 100: every model at the constant predictor's 0.160.
    gru, min_gru = [0.158, 0.1581, 0.1579], [0.162, 0.1622, 0.1619]
    assert compare_scores(gru, min_gru).kind == LOWER  # without the baseline, a "win"
    comparison = compare_scores(gru, min_gru, names=("GRU", "minGRU"), metric="test MSE",
                                baseline=MEAN)  # fmt: skip
    assert comparison.kind == NOTHING_LEARNED
    assert comparison.sentence.startswith("Nothing learned: every model stays at predicting")
    assert "lower" not in comparison.sentence
    assert comparison.baseline.ratios["GRU"] == pytest.approx(0.158 / 0.160)


def test_a_model_left_at_the_baseline_is_named_beside_the_difference():
    lstm = [0.798 * 0.160, 0.155, 0.150, 0.158, 0.140]  # one seed of five leaves the plateau
    comparison = compare_scores(GRU, lstm, names=("GRU", "LSTM"), metric="test MSE",
                                baseline=MEAN)  # fmt: skip
    assert comparison.kind == LOWER
    assert comparison.baseline.at_baseline == ("LSTM",)
    assert "GRU leaves predicting the mean (error ratio 0.0" in comparison.sentence
    assert "LSTM stays at it (error ratio 0.9" in comparison.sentence


def test_accuracies_below_always_reject_learned_nothing():
    # Chapter 5's counting beyond n = 10: both cells below always-reject's 0.80.
    reject = Baseline(0.80, "always rejecting", higher_is_better=True)
    gru, lstm = [0.74, 0.73, 0.75], [0.77, 0.78, 0.76]
    comparison = compare_scores(gru, lstm, names=("GRU", "LSTM"), metric="accuracy",
                                baseline=reject)  # fmt: skip
    assert comparison.kind == NOTHING_LEARNED
    assert "always rejecting (accuracy 0.800)" in comparison.sentence


def test_a_rate_at_the_grids_edge_is_said_in_the_sentence():
    comparison = compare_scores(GRU, LSTM, names=("GRU", "LSTM"), rates=(0.03, 0.01),
                                grid=[0.01, 0.03])  # fmt: skip
    assert comparison.kind == LOWER
    assert comparison.at_edge == ("LSTM", "GRU")
    assert "edge of its grid (0.01, 0.03)" in comparison.sentence
    assert "GRU (the largest, 0.03) and for LSTM (the smallest, 0.01)" in comparison.sentence


def test_rates_inside_the_grid_add_nothing_to_the_sentence():
    grid = [0.001, 0.003, 0.01, 0.03]
    inside = compare_scores(GRU, LSTM, rates=(0.003, 0.01), grid=grid)
    assert inside.at_edge == () and "grid" not in inside.sentence
    assert inside.sentence == compare_scores(GRU, LSTM).sentence


def test_an_untuned_rate_is_said():
    comparison = compare_scores(GRU, LSTM, rates=(3e-3, 3e-3), grid=[3e-3])
    assert comparison.sentence.endswith("The learning rate was not tuned: every model used 0.003.")


def test_fishers_test_on_four_of_five_against_one_of_five_detects_no_difference():
    # Chapter 5's "leans the paper's way": 4/5 GRU seeds against 1/5 LSTM seeds.
    comparison = compare_fractions((4, 5), (1, 5), names=("GRU", "LSTM"))
    assert isinstance(comparison.test, FisherTest)
    assert comparison.kind == NO_DIFFERENCE
    assert comparison.test.p_value == pytest.approx(stats.fisher_exact([[4, 1], [1, 4]]).pvalue)
    assert comparison.test.p_value == pytest.approx(0.206, abs=1e-3)
    assert "p = 0.21" in comparison.sentence


@pytest.mark.parametrize(
    ("first", "second", "kind", "word"),
    [((10, 10), (2, 10), HIGHER, "more"), ((1, 12), (11, 12), LOWER, "fewer")],
)
def test_fractions_that_differ_say_which_solved_more(first, second, kind, word):
    comparison = compare_fractions(first, second, names=("GRU", "LSTM"))
    assert comparison.kind == kind
    assert comparison.sentence.startswith(f"GRU solved the task in {word} seeds than LSTM: ")
    assert "p < 0.001" in comparison.sentence or "p = 0.00" in comparison.sentence


def test_no_seed_solved_means_nothing_learned_and_the_edge_still_shows():
    comparison = compare_fractions((0, 10), (0, 10), names=("GRU", "LSTM"),
                                   rates=(0.01, 0.02), grid=[0.01, 0.02, 0.03])  # fmt: skip
    assert comparison.kind == NOTHING_LEARNED
    assert comparison.sentence.startswith("Nothing learned: no seed of GRU or LSTM solved")
    assert comparison.at_edge == ("GRU",) and "the smallest, 0.01" in comparison.sentence


def test_a_chapter_that_needs_a_win_fails_with_the_sentence_when_it_is_gone():
    comparison = compare_fractions((4, 5), (1, 5), names=("GRU", "LSTM"))
    with pytest.raises(ClaimError, match="needs the verdict 'higher'.*No difference detected"):
        require_kind(comparison, HIGHER)


def test_the_digits_set_the_printed_precision():
    three = compare_scores(GRU, LSTM, digits=3).sentence
    five = compare_scores(GRU, LSTM, digits=5).sentence
    difference = np.mean(LSTM) - np.mean(GRU)
    assert f"by {difference:.4f} " in three and f"by {difference:.6f} " in five


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: compare_scores([1.0], [1.0, 2.0]), "first"),
        (lambda: compare_scores([1.0, 2.0], [1.0, np.inf]), "second"),
        (lambda: compare_scores(GRU, LSTM, names=("GRU", "GRU")), "names"),
        (lambda: compare_scores(GRU, LSTM, names=("GRU", "")), "names"),
        (lambda: compare_scores(GRU, LSTM, baseline=0.16), "baseline"),
        (lambda: compare_scores(GRU, LSTM, rates=(0.01, 0.03)), "grid"),
        (lambda: compare_scores(GRU, LSTM, grid=[0.01, 0.03]), "rates"),
        (lambda: compare_scores(GRU, LSTM, rates=(0.02, 0.03), grid=[0.01, 0.03]), "rates"),
        (lambda: compare_scores(GRU, LSTM, confidence=95), "confidence"),
        (lambda: compare_scores(GRU, LSTM, digits=0), "digits"),
        (lambda: compare_fractions((6, 5), (1, 5)), "first"),
        (lambda: compare_fractions((1, 5), [1, 5]), "second"),
        (lambda: compare_fractions((1, 5), (1, 5), alpha=0.0), "alpha"),
        (lambda: compare_fractions((1, 5), (1, 5), outcome=""), "outcome"),
        (lambda: compare_scores(GRU, LSTM, metric=""), "metric"),
    ],
)
def test_bad_input_names_the_argument_and_the_value(call, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        call()
