"""Which of two computations is faster, from repeated timings, in one sentence.

Timings of one computation spread multiplicatively (a busy machine slows a pass by a factor),
so :func:`compare_timings` compares the *logarithms* of the seconds: Welch's interval of the
difference of their means, turned back by ``exp``, is an interval for the ratio of the two
geometric-mean times. The verdict follows the book's rule: "no difference detected" when the
interval of the ratio contains 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.analysis import statistics
from gru_lib.analysis.claims import (
    DIGITS,
    HIGHER,
    LOWER,
    NO_DIFFERENCE,
    format_numbers,
    listing,
)
from gru_lib.analysis.verdicts import Comparison

__all__ = [
    "RATIO_COLUMNS",
    "compare_timings",
    "describe_ratios",
    "ratios_by_length",
    "time_ratio",
]


def time_ratio(
    first: Sequence[float], second: Sequence[float], *, confidence: float = 0.95
) -> tuple[float, float, float]:
    """The ratio of the geometric-mean times of ``first`` to ``second`` (seconds of repeated
    runs, all positive) and its Welch ``confidence`` interval: ``(ratio, low, high)``.

    >>> [round(v, 3) for v in time_ratio([2.0, 2.2, 1.8], [1.0, 1.1, 0.9])]
    [2.0, 1.593, 2.511]
    """
    a, b = _seconds(first, "first"), _seconds(second, "second")
    interval = statistics.welch_interval(np.log(a), np.log(b), confidence=confidence)
    return (
        float(np.exp(interval.difference)),
        float(np.exp(interval.low)),
        float(np.exp(interval.high)),
    )


def compare_timings(
    first: Sequence[float],
    second: Sequence[float],
    *,
    names: tuple[str, str] = ("the first", "the second"),
    what: str = "per pass",
    confidence: float = 0.95,
    digits: int = DIGITS,
) -> Comparison:
    """Compare two computations' repeated timings (seconds, one per repeat) by the ratio of
    their geometric means (:func:`time_ratio`). ``kind`` is ``HIGHER`` when ``first`` takes
    longer, ``LOWER`` when it is faster, ``NO_DIFFERENCE`` when the interval contains 1;
    ``test`` is Welch's interval on the log seconds.

    >>> print(compare_timings([2.0, 2.2, 1.8], [1.0, 1.1, 0.9], names=("the scan", "the loop")))
    The scan takes 2.00 times as long as the loop per pass (95 % CI 1.59 to 2.51; Welch on \
log seconds, 3 and 3 repeats).
    """
    if not isinstance(names, tuple) or len(names) != 2 or len(set(names)) != 2:
        raise checks.expected("names", "a pair of two different names", names)
    a_name, b_name = (checks.text(name, "names") for name in names)
    checks.text(what, "what")
    a, b = _seconds(first, "first"), _seconds(second, "second")
    interval = statistics.welch_interval(np.log(a), np.log(b), confidence=confidence)
    ratio, low, high = (float(np.exp(v)) for v in (interval.difference, interval.low,
                                                     interval.high))  # fmt: skip
    kind = statistics.verdict(interval)
    level = f"{100 * confidence:g}"
    detail = f"Welch on log seconds, {len(a)} and {len(b)} repeats"
    shown = format_numbers([ratio, low, high], digits)
    subject = a_name[:1].upper() + a_name[1:]
    if kind == NO_DIFFERENCE:
        sentence = (
            f"No difference detected between the times of {a_name} and {b_name} {what}: the "
            f"ratio is {shown[0]} ({level} % CI {shown[1]} to {shown[2]}; {detail})."
        )
    elif kind == HIGHER:
        sentence = (
            f"{subject} takes {shown[0]} times as long as {b_name} {what} ({level} % CI "
            f"{shown[1]} to {shown[2]}; {detail})."
        )
    else:
        assert kind == LOWER
        sentence = (
            f"{subject} takes {shown[0]} of the time of {b_name} {what} ({level} % CI "
            f"{shown[1]} to {shown[2]}; {detail})."
        )
    return Comparison(kind, sentence, names, interval)


def _seconds(values: object, name: str) -> np.ndarray:
    array = checks.finite_array(values, name, ndim=1, dtype=np.float64)
    if array.size < 2 or np.any(array <= 0):
        raise checks.expected(name, "at least two positive timings in seconds", values)
    return array


RATIO_COLUMNS = ["time", "ratio", "low", "high", "kind"]


def ratios_by_length(
    table: pd.DataFrame, first: str, second: str, *, confidence: float = 0.95
) -> pd.DataFrame:
    """Per sequence length, how long layer ``first`` takes against layer ``second``: the ratio of
    geometric-mean times, its interval and its verdict (:func:`compare_timings`), as
    :data:`RATIO_COLUMNS`, shortest length first.

    ``table`` has one row per (layer, length): columns ``layer``, ``time`` and
    ``pass_seconds_curve`` (each pass's seconds), as the ``mingru_speed`` study stores them.

    >>> rows = [{"layer": name, "time": 8, "pass_seconds_curve": s} for name, s in
    ...         [("scan", [2.0, 2.2, 1.8]), ("loop", [1.0, 1.1, 0.9])]]
    >>> ratios_by_length(pd.DataFrame(rows), "scan", "loop")[["time", "kind"]].values.tolist()
    [[8, 'higher']]
    """
    checks.frame(table, "table", ["layer", "time", "pass_seconds_curve"])
    names = list(dict.fromkeys(table["layer"]))
    first = checks.one_of(first, "first", names)
    second = checks.one_of(second, "second", names)
    if first == second:
        raise checks.invalid("second", f"Expected a layer other than first={first!r}.")
    rows = []
    for time, group in table.groupby("time", sort=True):
        curves = group.set_index("layer")["pass_seconds_curve"]
        if first not in curves.index or second not in curves.index:
            continue
        result = compare_timings(
            curves[first], curves[second], names=(first, second), confidence=confidence
        )
        ratio, low, high = time_ratio(curves[first], curves[second], confidence=confidence)
        rows.append([int(time), ratio, low, high, result.kind])
    return pd.DataFrame(rows, columns=RATIO_COLUMNS)


def describe_ratios(ratios: pd.DataFrame, first: str, second: str) -> str:
    """:func:`ratios_by_length` in words, for a sentence whose subject is ``first``.

    >>> table = pd.DataFrame({"time": [64, 4096], "ratio": [2.3, 1.3], "low": [2.2, 1.2],
    ...                       "high": [2.4, 1.4], "kind": ["higher", "higher"]})
    >>> describe_ratios(table, "the scan", "the loop")
    'the scan is slower than the loop at every length measured, from 64 to 4096 steps'
    """
    checks.frame(ratios, "ratios", RATIO_COLUMNS)
    if ratios.empty:
        raise checks.invalid("ratios", "It has no rows.")
    checks.text(first, "first")
    checks.text(second, "second")
    words = {HIGHER: "slower than", LOWER: "faster than", NO_DIFFERENCE: "as fast as"}
    span = f"from {int(ratios['time'].min())} to {int(ratios['time'].max())} steps"
    kinds = list(dict.fromkeys(ratios["kind"]))
    if len(kinds) == 1:
        word = words[kinds[0]]
        if kinds[0] == NO_DIFFERENCE:
            word = "not detectably slower or faster than"
        return f"{first} is {word} {second} at every length measured, {span}"
    parts = [
        f"{words[kind]} {second} at T = "
        + listing(str(t) for t in ratios.loc[ratios["kind"] == kind, "time"])
        for kind in kinds
    ]
    return f"{first} is " + "; ".join(parts).replace("as fast as", "not detectably different from")
