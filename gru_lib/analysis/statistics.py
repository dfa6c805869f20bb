"""Is a difference between two models real? Welch's confidence interval over seeds.

Each model is trained from a few seeds, and each seed gives one test score. The difference of
the two mean scores comes with a confidence interval from Welch's t (Welch 1947), whose degrees
of freedom follow Satterthwaite (1946); unlike Student's t it does not assume that the two models
spread equally over seeds. A verdict is read off the interval: when it excludes 0, the first
model's mean is lower (or higher); when it straddles 0, these seeds detect no difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from gru_lib import checks

__all__ = ["INTERVAL_COLUMNS", "Interval", "compare_intervals", "verdict", "welch_interval"]

INTERVAL_COLUMNS = ["task", "first", "second", "difference", "low", "high", "verdict"]


@dataclass(frozen=True)
class Interval:
    """The difference of two means, ``first - second``, and its confidence interval.

    ``dof`` is Welch-Satterthwaite's degrees of freedom.

    >>> Interval(1.0, 0.5, 1.5, 4.0, 0.95).confidence
    0.95
    """

    difference: float
    low: float
    high: float
    dof: float
    confidence: float

    def __post_init__(self) -> None:
        confidence = checks.positive_number(self.confidence, "confidence")
        if confidence >= 1:
            raise checks.expected("confidence", "a number in (0, 1)", self.confidence)


def welch_interval(
    first: Sequence[float], second: Sequence[float], *, confidence: float = 0.95
) -> Interval:
    """Welch's ``confidence`` interval for ``mean(first) - mean(second)``.

    ``first`` and ``second`` hold one score per seed, at least two each.

    >>> interval = welch_interval([1.0, 1.2, 1.1], [2.0, 2.3, 2.1])
    >>> round(interval.difference, 3), interval.high < 0
    (-1.033, True)
    """
    a = _scores(first, "first")
    b = _scores(second, "second")
    confidence = checks.positive_number(confidence, "confidence")
    if confidence >= 1:
        raise checks.expected("confidence", "a number between 0 and 1", confidence)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    difference = float(a.mean() - b.mean())
    standard_error = float(np.sqrt(va + vb))
    if standard_error == 0.0:  # identical scores within each model: no spread to test against
        return Interval(difference, difference, difference, np.inf, confidence)
    dof = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half_width = float(stats.t.ppf(0.5 + confidence / 2, dof)) * standard_error
    return Interval(
        difference, difference - half_width, difference + half_width, float(dof), confidence
    )


def verdict(interval: Interval, *, lower: str = "lower", higher: str = "higher") -> str:
    """The word an interval supports: ``lower`` when it lies below 0, ``higher`` above it, and
    ``"no difference detected"`` when it contains 0.

    >>> verdict(Interval(-1.0, -1.5, -0.5, 4.0, 0.95))
    'lower'
    >>> verdict(Interval(0.1, -0.2, 0.4, 4.0, 0.95))
    'no difference detected'
    """
    if not isinstance(interval, Interval):
        raise checks.expected("interval", "an Interval", type(interval).__name__)
    if interval.high < 0:
        return lower
    if interval.low > 0:
        return higher
    return "no difference detected"


def compare_intervals(
    results: pd.DataFrame,
    pairs: Sequence[tuple[str, str]],
    *,
    metric: str = "test_mse",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """For every task and every ``(first, second)`` pair of model names: Welch's interval of
    ``first - second`` on ``metric``, over the seeds both were run with.

    ``results`` is a table of :func:`gru_lib.training.runs.run_experiments` (columns ``task``,
    ``model``, ``seed`` and ``metric``). Tasks where either model is missing are skipped.
    Returns :data:`INTERVAL_COLUMNS`, ``verdict`` in the words of :func:`verdict`.

    >>> results = pd.DataFrame({"task": "t", "model": ["a"] * 3 + ["b"] * 3,
    ...                         "seed": [0, 1, 2] * 2, "test_mse": [1, 1.1, 1.2, 2, 2.2, 2.1]})
    >>> compare_intervals(results, [("a", "b")])["verdict"].tolist()
    ['lower']
    """
    needed = {"task", "model", "seed", metric}
    if not isinstance(results, pd.DataFrame) or not needed <= set(results.columns):
        raise checks.expected("results", f"a DataFrame with columns {sorted(needed)}", results)
    if isinstance(pairs, str) or not pairs:
        raise checks.expected("pairs", "a non-empty sequence of (first, second) names", pairs)
    rows = []
    for task, runs in results.groupby("task", sort=False):
        scores = runs.pivot(index="seed", columns="model", values=metric)
        for pair in pairs:
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise checks.expected("pairs", "(first, second) pairs of model names", pair)
            first, second = pair
            if first not in scores or second not in scores:
                continue
            both = scores[[first, second]].dropna()
            interval = welch_interval(both[first], both[second], confidence=confidence)
            rows.append(
                [task, first, second, interval.difference, interval.low, interval.high,
                 verdict(interval)]
            )  # fmt: skip
    return pd.DataFrame(rows, columns=INTERVAL_COLUMNS)


def _scores(values: object, name: str) -> np.ndarray:
    if isinstance(values, str):
        raise checks.expected(name, "at least two finite scores", values)
    array = checks.finite_array(values, name, ndim=1)
    if len(array) < 2:
        raise checks.expected(name, "at least two finite scores", values)
    return np.asarray(values, dtype=np.float64)  # no float32 rounding in the arithmetic
