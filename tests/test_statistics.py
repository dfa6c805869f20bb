"""Welch's interval against SciPy's own Welch test, and the verdicts read off it."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from gru_lib.analysis.statistics import Interval, compare_intervals, verdict, welch_interval


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("sizes", [(5, 5), (3, 7)])
def test_the_interval_matches_scipys_welch_test(seed, sizes):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(0.0, 1.0, sizes[0]), rng.normal(0.5, 3.0, sizes[1])
    interval = welch_interval(a, b, confidence=0.9)
    reference = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.9)
    assert interval.difference == pytest.approx(a.mean() - b.mean())
    assert (interval.low, interval.high) == pytest.approx((reference.low, reference.high))
    assert interval.low < interval.difference < interval.high


def test_a_wider_confidence_gives_a_wider_interval():
    a, b = [1.0, 1.3, 0.9, 1.1], [1.5, 1.2, 1.9, 1.4]
    narrow, wide = welch_interval(a, b, confidence=0.8), welch_interval(a, b, confidence=0.99)
    assert wide.low < narrow.low and narrow.high < wide.high


def test_scores_without_spread_give_a_point_interval():
    interval = welch_interval([1.0, 1.0], [2.0, 2.0])
    assert interval.low == interval.high == -1.0
    assert verdict(interval) == "lower"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(-2.0, -0.1, "better"), (0.1, 2.0, "worse"), (-0.1, 0.1, "no difference detected")],
)
def test_the_verdict_reads_the_interval(low, high, expected):
    interval = Interval((low + high) / 2, low, high, 4.0, 0.95)
    assert verdict(interval, lower="better", higher="worse") == expected


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


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: welch_interval([1.0], [1.0, 2.0]), "first"),
        (lambda: welch_interval([1.0, 2.0], [np.nan, 1.0]), "second"),
        (lambda: welch_interval("12", [1.0, 2.0]), "first"),
        (lambda: welch_interval([[1.0, 2.0]], [1.0, 2.0]), "first"),
        (lambda: welch_interval([1.0, 2.0], [1.0, 2.0], confidence=1.0), "confidence"),
        (lambda: welch_interval([1.0, 2.0], [1.0, 2.0], confidence=0), "confidence"),
        (lambda: verdict((0.0, -1.0, 1.0)), "interval"),
        (lambda: compare_intervals(pd.DataFrame({"task": []}), [("a", "b")]), "results"),
        (lambda: compare_intervals(None, [("a", "b")]), "results"),
        (
            lambda: compare_intervals(
                pd.DataFrame({"task": ["t"], "model": ["a"], "seed": [0], "test_mse": [1.0]}), []
            ),
            "pairs",
        ),
        (
            lambda: compare_intervals(
                pd.DataFrame({"task": ["t"], "model": ["a"], "seed": [0], "test_mse": [1.0]}),
                ["ab"],
            ),
            "pairs",
        ),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        call()
