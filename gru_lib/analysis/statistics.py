"""Is a difference between two models real? The book's one standard, computed by SciPy.

Each model is trained from a few seeds. A continuous score (a test MSE, an accuracy) gives one
number per seed, and the difference of two mean scores comes with Welch's confidence interval
(Welch 1947), which does not assume that the two models spread equally over seeds. An outcome
that is solved or not gives a count of solved seeds: its fraction comes with the exact
Clopper-Pearson interval, and two fractions are compared with Fisher's exact test. A verdict is
read off the numbers: ``"lower"``, ``"higher"``, or ``"no difference detected"`` (these seeds do
not detect one, which does not show that there is none). The sentences a page prints are built
from these numbers by :mod:`gru_lib.analysis.verdicts`.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from gru_lib import checks
from gru_lib.analysis.claims import HIGHER, LOWER, NO_DIFFERENCE

__all__ = [
    "INTERVAL_COLUMNS",
    "FisherTest",
    "Interval",
    "Proportion",
    "compare_intervals",
    "fisher_test",
    "solved_fraction",
    "verdict",
    "welch_interval",
]

INTERVAL_COLUMNS = ["task", "first", "second", "difference", "low", "high", "verdict"]


@dataclass(frozen=True)
class Interval:
    """The difference of two means, ``first - second``, and its confidence interval.

    ``dof`` is Welch's (Satterthwaite's) degrees of freedom.

    >>> Interval(1.0, 0.5, 1.5, 4.0, 0.95).confidence
    0.95
    """

    difference: float
    low: float
    high: float
    dof: float
    confidence: float

    def __post_init__(self) -> None:
        _confidence(self.confidence)


def welch_interval(
    first: Sequence[float], second: Sequence[float], *, confidence: float = 0.95
) -> Interval:
    """Welch's ``confidence`` interval for ``mean(first) - mean(second)``, from SciPy's
    ``ttest_ind(first, second, equal_var=False).confidence_interval(confidence)``.

    ``first`` and ``second`` hold one score per seed, at least two each. When neither spreads
    at all (every seed the same score), the interval is the difference itself.

    >>> interval = welch_interval([1.0, 1.2, 1.1], [2.0, 2.3, 2.1])
    >>> round(interval.difference, 3), interval.high < 0
    (-1.033, True)
    """
    a, b = _scores(first, "first"), _scores(second, "second")
    confidence = _confidence(confidence)
    difference = float(a.mean() - b.mean())
    if np.ptp(a) == 0.0 and np.ptp(b) == 0.0:  # no spread to test against
        return Interval(difference, difference, difference, np.inf, confidence)
    with warnings.catch_warnings():
        # One model without spread (every seed the same score) is a legitimate input; SciPy
        # warns of precision loss in that sample's variance, which is exactly 0.
        warnings.filterwarnings("ignore", "Precision loss occurred", RuntimeWarning)
        result = stats.ttest_ind(a, b, equal_var=False)
    ci = result.confidence_interval(confidence_level=confidence)
    return Interval(difference, float(ci.low), float(ci.high), float(result.df), confidence)


def verdict(
    interval: Interval,
    *,
    lower: str = LOWER,
    higher: str = HIGHER,
    none: str = NO_DIFFERENCE,
) -> str:
    """The word an interval supports: ``lower`` when it lies below 0, ``higher`` above it, and
    ``none`` (``"no difference detected"``) when it contains 0.

    >>> verdict(Interval(-1.0, -1.5, -0.5, 4.0, 0.95))
    'lower'
    >>> verdict(Interval(0.1, -0.2, 0.4, 4.0, 0.95))
    'no difference detected'
    """
    checks.instance(interval, "interval", Interval)
    if interval.high < 0:
        return lower
    if interval.low > 0:
        return higher
    return none


@dataclass(frozen=True)
class Proportion:
    """``successes`` of ``trials`` (seeds that solved a task), their ``fraction`` and its exact
    Clopper-Pearson ``confidence`` interval ``low`` to ``high``. Build it with
    :func:`solved_fraction`.

    >>> Proportion(4, 5, 0.8, 0.28, 0.99, 0.95).fraction
    0.8
    """

    successes: int
    trials: int
    fraction: float
    low: float
    high: float
    confidence: float

    def __post_init__(self) -> None:
        trials = checks.integer(self.trials, "trials", minimum=1)
        _successes(self.successes, trials)
        _confidence(self.confidence)


def solved_fraction(successes: int, trials: int, *, confidence: float = 0.95) -> Proportion:
    """The fraction ``successes / trials`` with its exact (Clopper-Pearson) interval, from
    SciPy's ``binomtest(successes, trials).proportion_ci(method="exact")``.

    >>> solved = solved_fraction(4, 5)
    >>> solved.fraction, round(solved.low, 3), round(solved.high, 3)
    (0.8, 0.284, 0.995)
    """
    trials = checks.integer(trials, "trials", minimum=1)
    successes = _successes(successes, trials)
    confidence = _confidence(confidence)
    ci = stats.binomtest(successes, trials).proportion_ci(
        confidence_level=confidence, method="exact"
    )
    return Proportion(
        successes, trials, successes / trials, float(ci.low), float(ci.high), confidence
    )


@dataclass(frozen=True)
class FisherTest:
    """Two solved fractions compared by Fisher's exact test (two-sided): its ``p_value``, and
    the ``verdict`` at level ``alpha`` on how ``first``'s fraction compares with ``second``'s.

    >>> FisherTest(solved_fraction(4, 5), solved_fraction(1, 5), 0.206, 0.05).verdict
    'no difference detected'
    """

    first: Proportion
    second: Proportion
    p_value: float
    alpha: float

    def __post_init__(self) -> None:
        checks.instance(self.first, "first", Proportion)
        checks.instance(self.second, "second", Proportion)
        _confidence(self.alpha, "alpha")

    @property
    def verdict(self) -> str:
        """``"lower"``, ``"higher"`` or ``"no difference detected"`` (when p >= alpha)."""
        if self.p_value >= self.alpha:
            return NO_DIFFERENCE
        return LOWER if self.first.fraction < self.second.fraction else HIGHER


def fisher_test(
    first: tuple[int, int],
    second: tuple[int, int],
    *,
    alpha: float = 0.05,
    confidence: float = 0.95,
) -> FisherTest:
    """Compare two solved fractions, each ``(successes, trials)``, with SciPy's
    ``fisher_exact`` (two-sided); each fraction carries its Clopper-Pearson interval at
    ``confidence``.

    >>> test = fisher_test((4, 5), (1, 5))
    >>> round(test.p_value, 3), test.verdict
    (0.206, 'no difference detected')
    """
    alpha = _confidence(alpha, "alpha")
    a = solved_fraction(*_counts(first, "first"), confidence=confidence)
    b = solved_fraction(*_counts(second, "second"), confidence=confidence)
    table = [[a.successes, a.trials - a.successes], [b.successes, b.trials - b.successes]]
    p_value = float(stats.fisher_exact(table).pvalue)
    return FisherTest(a, b, min(p_value, 1.0), alpha)


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
    checks.frame(results, "results", ["task", "model", "seed", metric])
    if isinstance(pairs, str) or not isinstance(pairs, Sequence) or not pairs:
        raise checks.expected("pairs", "a non-empty sequence of (first, second) names", pairs)
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise checks.expected("pairs", "(first, second) pairs of model names", pair)
    rows = []
    for task, runs in results.groupby("task", sort=False):
        scores = runs.pivot(index="seed", columns="model", values=metric)
        for first, second in pairs:
            if first not in scores or second not in scores:
                continue
            both = scores[[first, second]].dropna()
            interval = welch_interval(both[first], both[second], confidence=confidence)
            rows.append(
                [task, first, second, interval.difference, interval.low, interval.high,
                 verdict(interval)]
            )  # fmt: skip
    return pd.DataFrame(rows, columns=INTERVAL_COLUMNS)


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _confidence(value: object, name: str = "confidence") -> float:
    if not _is_real(value) or not 0 < value < 1:
        raise checks.expected(name, "a number between 0 and 1", value)
    return float(value)


def _successes(value: object, trials: int) -> int:
    if not _is_integer(value) or value > trials:
        raise checks.expected("successes", f"an integer from 0 to trials={trials}", value)
    return checks.integer(value, "successes", minimum=0)


def _counts(value: object, name: str) -> tuple[int, int]:
    what = "a (successes, trials) pair of integers, 0 <= successes <= trials >= 1"
    if not isinstance(value, tuple) or len(value) != 2:
        raise checks.expected(name, what, value)
    successes, trials = value
    if not all(_is_integer(n) for n in value) or not 0 <= successes <= trials or trials < 1:
        raise checks.invalid(name, f"Expected {what}, got {name}={value!r}.")
    return int(successes), int(trials)


def _is_integer(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _scores(values: object, name: str) -> np.ndarray:
    if isinstance(values, str):
        raise checks.expected(name, "at least two finite scores", values)
    array = checks.finite_array(values, name, ndim=1, dtype=np.float64)
    if len(array) < 2:
        raise checks.expected(name, "at least two finite scores", values)
    return array
