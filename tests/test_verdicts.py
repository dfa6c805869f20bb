"""The comparison sentences: each branch with real values, and its numbers against SciPy's."""

import numpy as np
import pytest
from conftest import shows_numbers
from scipy import stats

from gru_lib.analysis.caveats import Baseline
from gru_lib.analysis.claims import (
    HIGHER,
    LOWER,
    MINUS,
    NO_DIFFERENCE,
    NOTHING_LEARNED,
    UNTUNED,
    ClaimError,
    require_kind,
)
from gru_lib.analysis.statistics import FisherTest, Interval
from gru_lib.analysis.verdicts import compare_fractions, compare_scores, compare_to_reference

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
    assert comparison.names == ("GRU", "LSTM") and str(comparison) == comparison.sentence
    assert f"{len(GRU)} and {len(LSTM)} seeds" in comparison.sentence


@pytest.mark.parametrize("order", [1, -1])
def test_the_sentence_gives_the_size_of_the_difference_and_its_interval(order):
    first, second = (GRU, LSTM)[::order]
    comparison = compare_scores(first, second, names=("A", "B"))
    test = comparison.test
    size = [-test.difference, -test.high, -test.low]
    if order == -1:
        size = [test.difference, test.low, test.high]
    assert comparison.kind == (LOWER if order == 1 else HIGHER)
    assert shows_numbers(comparison.sentence, size, 3)
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
    test = comparison.test
    assert shows_numbers(comparison.sentence, [test.difference, test.low, test.high])


def test_nothing_learned_wins_over_a_difference_the_interval_detects():
    # Chapter 6's adding problem at T = 100: every model at the constant predictor's 0.160.
    gru, min_gru = [0.158, 0.1581, 0.1579], [0.162, 0.1622, 0.1619]
    assert compare_scores(gru, min_gru).kind == LOWER  # without the baseline, a "win"
    comparison = compare_scores(gru, min_gru, names=("GRU", "minGRU"), metric="test MSE",
                                baseline=MEAN)  # fmt: skip
    assert comparison.kind == NOTHING_LEARNED
    assert comparison.sentence == comparison.baseline.sentence  # the comparison is not said
    assert comparison.baseline.ratios["GRU"] == pytest.approx(0.158 / 0.160)


def test_a_model_left_at_the_baseline_is_named_beside_the_difference():
    lstm = [0.798 * 0.160, 0.155, 0.150, 0.158, 0.140]  # one seed of five leaves the plateau
    comparison = compare_scores(GRU, lstm, names=("GRU", "LSTM"), metric="test MSE",
                                baseline=MEAN)  # fmt: skip
    assert comparison.kind == LOWER
    assert comparison.baseline.at_baseline == ("LSTM",)
    ratios = comparison.baseline.ratios
    assert ratios["GRU"] < 0.1 and ratios["LSTM"] >= 0.9
    assert all(shows_numbers(comparison.sentence, [ratio]) for ratio in ratios.values())


def test_accuracies_below_always_reject_learned_nothing():
    # Chapter 5's counting beyond n = 10: both cells below always-reject's 0.80.
    reject = Baseline(0.80, "always rejecting", higher_is_better=True)
    gru, lstm = [0.74, 0.73, 0.75], [0.77, 0.78, 0.76]
    comparison = compare_scores(gru, lstm, names=("GRU", "LSTM"), metric="accuracy",
                                baseline=reject)  # fmt: skip
    assert comparison.kind == NOTHING_LEARNED
    means = comparison.baseline.means
    assert means == pytest.approx({"GRU": 0.74, "LSTM": 0.77})
    assert shows_numbers(comparison.sentence, [0.80, *means.values()])


def test_a_rate_at_the_grids_edge_is_said_in_the_sentence():
    comparison = compare_scores(GRU, LSTM, names=("GRU", "LSTM"), rates=(0.03, 0.01),
                                grid=[0.01, 0.03])  # fmt: skip
    assert comparison.kind == LOWER
    assert comparison.at_edge == ("LSTM", "GRU")
    rates = comparison.rates
    assert (rates.grid, rates.at_smallest, rates.at_largest) == ((0.01, 0.03), ("LSTM",), ("GRU",))
    assert comparison.sentence.endswith(rates.sentence)


def test_rates_inside_the_grid_add_nothing_to_the_sentence():
    grid = [0.001, 0.003, 0.01, 0.03]
    inside = compare_scores(GRU, LSTM, rates=(0.003, 0.01), grid=grid)
    assert inside.at_edge == () and "grid" not in inside.sentence
    assert inside.sentence == compare_scores(GRU, LSTM).sentence


def test_an_untuned_rate_is_said():
    comparison = compare_scores(GRU, LSTM, rates=(3e-3, 3e-3), grid=[3e-3])
    assert comparison.rates.kind == UNTUNED and comparison.rates.grid == (0.003,)
    assert comparison.sentence.endswith(comparison.rates.sentence)


def test_fishers_test_on_four_of_five_against_one_of_five_detects_no_difference():
    # Chapter 5's "leans the paper's way": 4/5 GRU seeds against 1/5 LSTM seeds.
    comparison = compare_fractions((4, 5), (1, 5), names=("GRU", "LSTM"))
    assert isinstance(comparison.test, FisherTest)
    assert comparison.kind == NO_DIFFERENCE
    assert comparison.test.p_value == pytest.approx(stats.fisher_exact([[4, 1], [1, 4]]).pvalue)
    assert comparison.test.p_value == pytest.approx(0.206, abs=1e-3)
    assert f"{comparison.test.p_value:.2f}" in comparison.sentence


@pytest.mark.parametrize(
    ("first", "second", "kind", "word"),
    [((10, 10), (2, 10), HIGHER, "more"), ((1, 12), (11, 12), LOWER, "fewer")],
)
def test_fractions_that_differ_say_which_solved_more(first, second, kind, word):
    comparison = compare_fractions(first, second, names=("GRU", "LSTM"))
    assert comparison.kind == kind and comparison.test.p_value < 0.001
    assert (comparison.test.first.successes, comparison.test.second.successes) == (
        first[0],
        second[0],
    )
    assert word in comparison.sentence and "0.001" in comparison.sentence


def test_no_seed_solved_means_nothing_learned_and_the_edge_still_shows():
    comparison = compare_fractions((0, 10), (0, 10), names=("GRU", "LSTM"),
                                   rates=(0.01, 0.02), grid=[0.01, 0.02, 0.03])  # fmt: skip
    assert comparison.kind == NOTHING_LEARNED
    assert comparison.test.first.successes == comparison.test.second.successes == 0
    assert comparison.at_edge == ("GRU",) and comparison.rates.at_smallest == ("GRU",)
    assert comparison.rates.sentence in comparison.sentence


def test_a_chapter_that_needs_a_win_fails_with_the_sentence_when_it_is_gone():
    comparison = compare_fractions((4, 5), (1, 5), names=("GRU", "LSTM"))
    with pytest.raises(ClaimError, match="needs the verdict 'higher'.*No difference detected"):
        require_kind(comparison, HIGHER)


def test_the_digits_set_the_printed_precision():
    three = compare_scores(GRU, LSTM, digits=3).sentence
    five = compare_scores(GRU, LSTM, digits=5).sentence
    difference = np.mean(LSTM) - np.mean(GRU)
    assert f" {difference:.4f} " in three and f" {difference:.6f} " in five


# One model over seeds against a reference without seeds (a counted n-gram).
PERPLEXITY = [6.12, 6.30, 6.21, 6.05, 6.27]


def test_against_a_reference_the_interval_is_students_one_sample_interval():
    comparison = compare_to_reference(PERPLEXITY, 3.44, names=("GRU", "5-gram"))
    mean, sem = np.mean(PERPLEXITY), stats.sem(PERPLEXITY)
    low, high = stats.t.interval(0.95, len(PERPLEXITY) - 1, loc=mean - 3.44, scale=sem)
    assert comparison.kind == HIGHER
    assert comparison.test.low == pytest.approx(low) and comparison.test.high == pytest.approx(high)
    assert "5 seeds against one deterministic score" in comparison.sentence


def test_a_reference_above_the_whole_interval_makes_the_model_lower():
    assert compare_to_reference(PERPLEXITY, 9.0, names=("GRU", "bigram")).kind == LOWER


def test_a_reference_inside_the_interval_detects_no_difference():
    comparison = compare_to_reference(PERPLEXITY, 6.2, names=("GRU", "4-gram"))
    assert comparison.kind == NO_DIFFERENCE
    assert comparison.sentence.startswith("No difference detected between GRU and 4-gram")


def test_a_model_and_reference_both_at_the_baseline_learned_nothing():
    unigram = Baseline(6.2, "the unigram model")
    comparison = compare_to_reference(PERPLEXITY, 6.25, names=("GRU", "bigram"), baseline=unigram)
    assert comparison.kind == NOTHING_LEARNED
    assert comparison.sentence.startswith("Nothing learned")


def test_against_a_reference_a_rate_at_the_edge_is_said():
    grid = [0.001, 0.003, 0.01, 0.03]
    comparison = compare_to_reference(PERPLEXITY, 3.44, names=("GRU", "5-gram"), rate=0.03,
                                      grid=grid)  # fmt: skip
    assert comparison.at_edge == ("GRU",) and "edge of its grid" in comparison.sentence
    inside = compare_to_reference(PERPLEXITY, 3.44, names=("GRU", "5-gram"), rate=0.01, grid=grid)
    assert inside.at_edge == () and "grid" not in inside.sentence
