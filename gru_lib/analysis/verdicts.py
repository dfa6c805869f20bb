"""The sentences a page prints when it compares models, each built by one tested function.

A chapter calls one function with its numbers and gets back a frozen result: its ``kind`` (one of
the constants of :mod:`gru_lib.analysis.claims`), the ``sentence`` to glue into the prose, and
the numbers behind it, so the chapter can assert what its prose relies on
(:func:`~gru_lib.analysis.claims.require`). The branches, in the order they win:

- **nothing learned**: every model compared stays at a baseline that learns nothing (predicting
  the mean, chance, always-reject), or no seed solved the task; no other verdict is given then;
- **no difference detected**: Welch's interval straddles 0, or Fisher's p >= alpha;
- **lower / higher**: by how much, with the 95 % interval;
- **at the grid's edge**: a clause added whenever a chosen learning rate is the smallest or the
  largest of its grid, since a wider grid might have chosen another (:mod:`.caveats`).

Changes of one number (before and after, a loss curve's last epochs) are read by
:mod:`gru_lib.analysis.trends`.

Statistics come from :mod:`gru_lib.analysis.statistics`; numbers are printed by
:func:`gru_lib.analysis.claims.format_numbers`, ``digits`` significant digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gru_lib import checks
from gru_lib.analysis import statistics
from gru_lib.analysis.caveats import (
    Baseline,
    BaselineCheck,
    RateChoice,
    against_baseline,
    rate_choices,
)
from gru_lib.analysis.claims import (
    AT_EDGE,
    DIGITS,
    HIGHER,
    LOWER,
    NO_DIFFERENCE,
    NOTHING_LEARNED,
    UNTUNED,
    format_numbers,
)

__all__ = ["Baseline", "Comparison", "compare_fractions", "compare_scores", "compare_to_reference"]


@dataclass(frozen=True)
class Comparison:
    """Two models compared: ``kind`` (``NOTHING_LEARNED``, ``NO_DIFFERENCE``, ``LOWER`` or
    ``HIGHER``, how the first compares), the ``sentence``, and the numbers behind it.

    ``test`` is the :class:`~gru_lib.analysis.statistics.Interval` (Welch) or
    :class:`~gru_lib.analysis.statistics.FisherTest`; ``baseline`` and ``rates`` are the
    checks made, or ``None``; ``at_edge`` names the models whose rate sits at the grid's edge.

    >>> compare_scores([1.0, 1.1, 1.2], [2.0, 2.1, 2.3], names=("GRU", "LSTM")).kind
    'lower'
    """

    kind: str
    sentence: str
    names: tuple[str, str]
    test: statistics.Interval | statistics.FisherTest
    baseline: BaselineCheck | None = None
    rates: RateChoice | None = None

    def __post_init__(self) -> None:
        checks.one_of(self.kind, "kind", [NOTHING_LEARNED, NO_DIFFERENCE, LOWER, HIGHER])

    @property
    def at_edge(self) -> tuple[str, ...]:
        """The models whose chosen rate is the smallest or largest of its grid."""
        return () if self.rates is None else self.rates.at_smallest + self.rates.at_largest

    def __str__(self) -> str:
        return self.sentence


def compare_scores(
    first: Sequence[float],
    second: Sequence[float],
    *,
    names: tuple[str, str] = ("the first model", "the second model"),
    metric: str = "score",
    baseline: Baseline | None = None,
    rates: tuple[float, float] | None = None,
    grid: Sequence[float] | None = None,
    confidence: float = 0.95,
    digits: int = DIGITS,
) -> Comparison:
    """Compare two models' scores over seeds (one per seed each) by Welch's interval of
    ``mean(first) - mean(second)``; with ``baseline``, "nothing learned" wins when both means
    sit at it; with ``rates`` (each model's chosen rate) and their ``grid``, the sentence says
    when a rate sits at the grid's edge.

    >>> print(compare_scores([0.010, 0.012, 0.011], [0.021, 0.025, 0.020],
    ...                      names=("GRU", "LSTM"), metric="test MSE"))
    The test MSE of GRU is lower than that of LSTM by 0.0110 (95 % CI 0.0053 to 0.0167; \
Welch, 3 and 3 seeds).
    """
    a, b = _names(names)
    checks.text(metric, "metric")
    interval = statistics.welch_interval(first, second, confidence=confidence)
    means = {a: float(np.mean(first)), b: float(np.mean(second))}
    check = _checked_baseline(baseline, means, metric, digits)
    choice = _checked_rates(rates, grid, names, digits)
    if check is not None and check.kind == NOTHING_LEARNED:
        return _finish(NOTHING_LEARNED, check.sentence, names, interval, check, choice)
    level = f"{100 * confidence:g}"
    seeds = f"{len(first)} and {len(second)} seeds"
    kind = statistics.verdict(interval)
    if kind == NO_DIFFERENCE:
        diff, low, high = format_numbers([interval.difference, interval.low, interval.high],
                                         digits)  # fmt: skip
        sentence = (
            f"No difference detected between {a} and {b} in {metric}: the difference of means "
            f"is {diff} ({level} % CI {low} to {high}; Welch, {seeds})."
        )
    else:
        d, low, high = interval.difference, interval.low, interval.high
        diff, low, high = format_numbers([-d, -high, -low] if kind == LOWER else [d, low, high],
                                         digits)  # fmt: skip
        sentence = (
            f"The {metric} of {a} is {kind} than that of {b} by {diff} "
            f"({level} % CI {low} to {high}; Welch, {seeds})."
        )
    if check is not None and check.at_baseline:
        sentence += " " + check.sentence
    return _finish(kind, sentence, names, interval, check, choice)


def compare_fractions(
    first: tuple[int, int],
    second: tuple[int, int],
    *,
    names: tuple[str, str] = ("the first model", "the second model"),
    outcome: str = "solved the task",
    alpha: float = 0.05,
    rates: tuple[float, float] | None = None,
    grid: Sequence[float] | None = None,
    confidence: float = 0.95,
    digits: int = DIGITS,
) -> Comparison:
    """Compare two models' solved fractions, each ``(successes, seeds)``, by Fisher's exact
    test; each count comes with its exact (Clopper-Pearson) interval. "Nothing learned" when
    no seed of either succeeded; ``rates`` and ``grid`` as in :func:`compare_scores`.

    >>> print(compare_fractions((4, 5), (1, 5), names=("GRU", "LSTM")))
    No difference detected: GRU solved the task in 4 of 5 seeds (95 % CI 0.284 to 0.995), LSTM \
in 1 of 5 (0.00505 to 0.716); Fisher's exact test p = 0.21.
    """
    a, b = _names(names)
    checks.text(outcome, "outcome")
    test = statistics.fisher_test(first, second, alpha=alpha, confidence=confidence)
    choice = _checked_rates(rates, grid, names, digits)
    one, two = test.first, test.second
    counts = f"{one.successes} of {one.trials} and {two.successes} of {two.trials} seeds"
    if one.successes == two.successes == 0:
        sentence = f"Nothing learned: no seed of {a} or {b} {outcome} ({counts})."
        return _finish(NOTHING_LEARNED, sentence, names, test, None, choice)
    level = f"{100 * confidence:g}"
    p_value = _p_value(test.p_value)
    ci_one, ci_two = (" to ".join(format_numbers([p.low, p.high], digits, each=True))
                      for p in (one, two))  # fmt: skip
    detail = (
        f"{a} {outcome} in {one.successes} of {one.trials} seeds ({level} % CI {ci_one}), "
        f"{b} in {two.successes} of {two.trials} ({ci_two}); Fisher's exact test {p_value}."
    )
    if test.verdict == NO_DIFFERENCE:
        return _finish(NO_DIFFERENCE, f"No difference detected: {detail}", names, test, None,
                       choice)  # fmt: skip
    more = "fewer" if test.verdict == LOWER else "more"
    sentence = (
        f"{a} {outcome} in {more} seeds than {b}: {one.successes} of {one.trials} "
        f"({level} % CI {ci_one}) against {two.successes} of {two.trials} ({ci_two}); "
        f"Fisher's exact test {p_value}."
    )
    return _finish(test.verdict, sentence, names, test, None, choice)


def compare_to_reference(
    scores: Sequence[float],
    reference: float,
    *,
    names: tuple[str, str] = ("the model", "the reference"),
    metric: str = "score",
    baseline: Baseline | None = None,
    rate: float | None = None,
    grid: Sequence[float] | None = None,
    confidence: float = 0.95,
    digits: int = DIGITS,
) -> Comparison:
    """Compare one model's scores over seeds with a ``reference`` that has no seeds (a counted
    n-gram): Welch's interval of ``mean(scores) - reference``, which for a second sample without
    spread is Student's one-sample interval over the seeds. ``baseline`` and ``rate`` (the
    first model's, from ``grid``) add the caveats of :func:`compare_scores`.

    >>> print(compare_to_reference([6.1, 6.3, 6.2], 3.4, names=("GRU", "the 5-gram model"),
    ...                            metric="test perplexity"))
    The test perplexity of GRU is higher than that of the 5-gram model by 2.80 (95 % CI 2.55 \
to 3.05; Welch, 3 seeds against one deterministic score).
    """
    a, b = _names(names)
    checks.text(metric, "metric")
    scores = checks.finite_array(scores, "scores", ndim=1, dtype=np.float64)
    if len(scores) < 2:
        raise checks.expected("scores", "at least two scores, one per seed", scores)
    reference = checks.finite_array(reference, "reference", ndim=0, dtype=np.float64)
    interval = statistics.welch_interval(scores, [float(reference)] * 2, confidence=confidence)
    check = _checked_baseline(baseline, {a: float(np.mean(scores)), b: float(reference)}, metric,
                              digits)  # fmt: skip
    choice = None
    if rate is not None or grid is not None:
        values = checks.finite_array(grid, "grid", ndim=1, dtype=np.float64)
        rate = checks.positive_number(rate, "rate")
        if not np.isclose(rate, values, rtol=1e-9, atol=0.0).any():
            raise checks.invalid("rate", f"Expected a rate from grid, got rate={rate!r}.")
        choice = rate_choices({a: rate}, grid, digits=digits)
    if check is not None and check.kind == NOTHING_LEARNED:
        return _finish(NOTHING_LEARNED, check.sentence, names, interval, check, choice)
    level, kind = f"{100 * confidence:g}", statistics.verdict(interval)
    seeds = f"Welch, {len(scores)} seeds against one deterministic score"
    if kind == NO_DIFFERENCE:
        diff, low, high = format_numbers([interval.difference, interval.low, interval.high],
                                         digits)  # fmt: skip
        sentence = (
            f"No difference detected between {a} and {b} in {metric}: the difference is "
            f"{diff} ({level} % CI {low} to {high}; {seeds})."
        )
    else:
        d, low, high = interval.difference, interval.low, interval.high
        diff, low, high = format_numbers([-d, -high, -low] if kind == LOWER else [d, low, high],
                                         digits)  # fmt: skip
        sentence = (
            f"The {metric} of {a} is {kind} than that of {b} by {diff} "
            f"({level} % CI {low} to {high}; {seeds})."
        )
    if check is not None and check.at_baseline:
        sentence += " " + check.sentence
    return _finish(kind, sentence, names, interval, check, choice)


def _finish(kind, sentence, names, test, check, choice) -> Comparison:
    if choice is not None and choice.kind in (AT_EDGE, UNTUNED):
        sentence += " " + choice.sentence
    return Comparison(kind, sentence, names, test, check, choice)


def _checked_baseline(baseline, means, metric, digits) -> BaselineCheck | None:
    if baseline is None:
        return None
    return against_baseline(means, baseline, metric=metric, digits=digits)


def _checked_rates(rates, grid, names, digits) -> RateChoice | None:
    if rates is None and grid is None:
        return None
    if grid is None:
        raise checks.invalid("grid", "Expected the grid the rates were chosen from, got None.")
    values = checks.finite_array(grid, "grid", ndim=1, dtype=np.float64)
    if isinstance(rates, tuple):
        for rate in rates:
            checks.positive_number(rate, "rates")
    if (
        not isinstance(rates, tuple)
        or len(rates) != 2
        or not all(np.isclose(rate, values, rtol=1e-9, atol=0.0).any() for rate in rates)
    ):
        raise checks.invalid(
            "rates", f"Expected a (first, second) pair of rates from grid, got rates={rates!r}."
        )
    return rate_choices(dict(zip(names, rates, strict=True)), grid, digits=digits)


def _names(names: object) -> tuple[str, str]:
    if not isinstance(names, tuple) or len(names) != 2 or len(set(names)) != 2:
        raise checks.expected("names", "a pair of two different model names", names)
    for name in names:
        checks.text(name, "names")
    return names


def _p_value(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {format_numbers([p], 2, each=True)[0]}"
