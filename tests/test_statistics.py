"""The book's statistics, each against SciPy: Welch's interval, exact intervals, Fisher's test."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from gru_lib.analysis.statistics import (
    Interval,
    Proportion,
    compare_intervals,
    fisher_test,
    solved_fraction,
    verdict,
    welch_interval,
)


def satterthwaite(a, b, confidence):
    """The hand-written Welch interval the library had before it called SciPy."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    dof = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = stats.t.ppf(0.5 + confidence / 2, dof) * np.sqrt(va + vb)
    return a.mean() - b.mean() - half, a.mean() - b.mean() + half, dof


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("sizes", [(5, 5), (3, 7), (2, 10)])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_the_interval_is_scipys_welch_interval(seed, sizes, confidence):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(0.0, 1.0, sizes[0]), rng.normal(0.5, 3.0, sizes[1])
    interval = welch_interval(a, b, confidence=confidence)
    result = stats.ttest_ind(a, b, equal_var=False)
    reference = result.confidence_interval(confidence)
    assert interval.difference == pytest.approx(a.mean() - b.mean(), abs=1e-12)
    assert interval.low == pytest.approx(reference.low, abs=1e-12)
    assert interval.high == pytest.approx(reference.high, abs=1e-12)
    assert interval.dof == pytest.approx(result.df, rel=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_the_numbers_are_those_of_the_former_hand_written_interval(seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(0.1, 0.02, 5), rng.normal(0.12, 0.05, 5)
    low, high, dof = satterthwaite(a, b, 0.95)
    interval = welch_interval(a, b)
    assert (interval.low, interval.high) == pytest.approx((low, high), abs=1e-12)
    assert interval.dof == pytest.approx(dof, rel=1e-12)


def test_a_wider_confidence_gives_a_wider_interval():
    a, b = [1.0, 1.3, 0.9, 1.1], [1.5, 1.2, 1.9, 1.4]
    narrow, wide = welch_interval(a, b, confidence=0.8), welch_interval(a, b, confidence=0.99)
    assert wide.low < narrow.low and narrow.high < wide.high


def test_scores_without_spread_give_a_point_interval():
    interval = welch_interval([1.0, 1.0], [2.0, 2.0])
    assert interval.low == interval.high == -1.0
    assert verdict(interval) == "lower"


def test_one_model_without_spread_still_gets_welchs_interval():
    interval = welch_interval([1.0, 1.0, 1.0], [2.0, 2.5, 1.5])
    half = stats.t.ppf(0.975, 2) * np.sqrt(0.25 / 3)  # the second model's spread, 2 dof
    assert interval.dof == pytest.approx(2.0)
    assert (interval.low, interval.high) == pytest.approx((-1 - half, -1 + half), abs=1e-12)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(-2.0, -0.1, "better"), (0.1, 2.0, "worse"), (-0.1, 0.1, "same")],
)
def test_the_verdict_reads_the_interval(low, high, expected):
    interval = Interval((low + high) / 2, low, high, 4.0, 0.95)
    assert verdict(interval, lower="better", higher="worse", none="same") == expected


@pytest.mark.parametrize(("successes", "trials"), [(0, 10), (4, 5), (1, 5), (10, 10), (7, 23)])
def test_a_solved_fraction_has_its_exact_clopper_pearson_interval(successes, trials):
    fraction = solved_fraction(successes, trials)
    beta = stats.beta  # Clopper-Pearson's ends are quantiles of beta distributions
    low = 0.0 if successes == 0 else beta.ppf(0.025, successes, trials - successes + 1)
    high = 1.0 if successes == trials else beta.ppf(0.975, successes + 1, trials - successes)
    assert fraction.fraction == successes / trials
    assert (fraction.low, fraction.high) == pytest.approx((low, high), abs=1e-12)


def test_four_of_five_against_one_of_five_is_no_difference_by_fishers_test():
    test = fisher_test((4, 5), (1, 5))
    assert test.p_value == pytest.approx(stats.fisher_exact([[4, 1], [1, 4]]).pvalue, abs=1e-12)
    assert test.p_value == pytest.approx(0.2063, abs=1e-4)
    assert test.verdict == "no difference detected"
    assert isinstance(test.first, Proportion) and test.first.successes == 4


@pytest.mark.parametrize(("first", "second", "expected"),
                         [((10, 10), (2, 10), "higher"), ((0, 12), (9, 12), "lower")])  # fmt: skip
def test_fractions_far_apart_differ_by_fishers_test(first, second, expected):
    test = fisher_test(first, second)
    assert test.p_value < 0.05 and test.verdict == expected


def test_alpha_decides_the_verdict_at_a_given_p_value():
    assert fisher_test((4, 5), (1, 5), alpha=0.25).verdict == "higher"


def test_compare_intervals_pairs_seeds_per_task_and_skips_missing_models():
    results = pd.DataFrame(
        {"task": ["t"] * 6 + ["u"] * 3, "model": ["a"] * 3 + ["b"] * 3 + ["a"] * 3,
         "seed": [0, 1, 2] * 3, "test_mse": [1.0, 1.2, 1.1, 3.0, 3.3, 2.9, 1, 2, 3]}
    )  # fmt: skip
    table = compare_intervals(results, [("a", "b"), ("b", "a")])
    assert table[["task", "first", "second", "verdict"]].values.tolist() == [
        ["t", "a", "b", "lower"], ["t", "b", "a", "higher"]
    ]  # fmt: skip
    expected = welch_interval([1.0, 1.2, 1.1], [3.0, 3.3, 2.9])
    assert table.loc[0, "low"] == pytest.approx(expected.low)


def test_welch_replaces_the_mean_std_overlap_rule_on_its_own_examples():
    # The former rule of chapter 6: "lower" for the clear task, "within the seed spread" for
    # the noisy one; Welch's interval reads them the same way.
    runs = pd.DataFrame({
        "task": ["clear"] * 4 + ["noisy"] * 4,
        "model": ["a", "a", "b", "b"] * 2,
        "seed": [0, 1] * 4,
        "test_mse": [1.0, 1.2, 2.0, 2.2, 1.0, 3.0, 2.0, 2.2],
    })  # fmt: skip
    table = compare_intervals(runs, [("a", "b"), ("b", "a")])
    verdicts = ["lower", "higher", "no difference detected", "no difference detected"]
    assert table["verdict"].tolist() == verdicts
