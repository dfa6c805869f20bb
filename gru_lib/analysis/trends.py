"""Did a number change? Before and after a change to a model, and a loss curve's last epochs.

A relative change within ``band`` reads as no meaningful change: "from 18.33 to 18.28" is the
same score, and a loss whose last value is 0.998 of its value three epochs earlier is flat, not
still falling. Each function returns its ``kind`` (constants of :mod:`gru_lib.analysis.claims`),
the ``sentence`` and the ratio behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gru_lib import checks
from gru_lib.analysis.claims import (
    DIGITS,
    FALLING,
    FLAT,
    HIGHER,
    LOWER,
    NO_CHANGE,
    RISING,
    format_numbers,
)

__all__ = ["Change", "Trend", "compare_change", "curve_trend"]


@dataclass(frozen=True)
class Change:
    """A change from ``before`` to ``after``: ``ratio = after / before``, the ``band`` within
    which ``|ratio - 1|`` means no meaningful change, the ``kind`` and the ``sentence``.

    >>> compare_change(18.33, 18.28).kind
    'no meaningful change'
    """

    kind: str
    sentence: str
    before: float
    after: float
    ratio: float
    band: float

    def __post_init__(self) -> None:
        checks.one_of(self.kind, "kind", [NO_CHANGE, LOWER, HIGHER])

    def __str__(self) -> str:
        return self.sentence


def compare_change(
    before: float, after: float, *, what: str = "score", band: float = 0.01, digits: int = DIGITS
) -> Change:
    """How ``what`` changed from ``before`` to ``after``: ``NO_CHANGE`` when it moved by at
    most ``band`` of ``before`` (1 %), else ``LOWER`` or ``HIGHER`` (how ``after`` compares).

    >>> print(compare_change(18.33, 18.28, what="test perplexity", digits=4))
    The test perplexity shows no meaningful change, from 18.33 to 18.28 (−0.27 %, within ±1 %).
    >>> print(compare_change(0.160, 0.012, what="test MSE"))
    The test MSE falls from 0.160 to 0.012 (−92.5 %).
    """
    first = _number(before, "before")
    if first == 0.0:
        raise checks.expected("before", "a non-zero number to compare with", before)
    second = _number(after, "after")
    checks.text(what, "what")
    band = _band(band)
    ratio = second / first
    numbers = format_numbers([first, second], digits)
    change, within = _percents(ratio, band)
    if abs(ratio - 1.0) <= band:
        sentence = (
            f"The {what} shows no meaningful change, from {numbers[0]} to {numbers[1]} "
            f"({change}, within ±{within})."
        )
        return Change(NO_CHANGE, sentence, first, second, ratio, band)
    kind = LOWER if second < first else HIGHER
    verb = "falls" if kind == LOWER else "rises"
    sentence = f"The {what} {verb} from {numbers[0]} to {numbers[1]} ({change})."
    return Change(kind, sentence, first, second, ratio, band)


@dataclass(frozen=True)
class Trend:
    """Where a curve went over its last ``last`` steps: ``ratio`` of its final value to the
    value ``last`` steps before, ``kind`` (``FLAT``, ``FALLING`` or ``RISING``) and ``sentence``.

    >>> curve_trend([1.0, 0.5, 0.40, 0.399, 0.399, 0.398]).kind
    'flat'
    """

    kind: str
    sentence: str
    ratio: float
    last: int
    band: float

    def __post_init__(self) -> None:
        checks.one_of(self.kind, "kind", [FLAT, FALLING, RISING])

    def __str__(self) -> str:
        return self.sentence


def curve_trend(
    curve: Sequence[float],
    *,
    last: int = 3,
    band: float = 0.01,
    what: str = "training loss",
    step: str = "epoch",
) -> Trend:
    """Whether ``curve`` (one value per ``step``, such as a loss per epoch) is flat over its
    last ``last`` steps (final value within ``band`` of the value ``last`` steps earlier), or
    still falling or rising.

    >>> print(curve_trend([1.0, 0.8, 0.6, 0.5, 0.45, 0.41]))
    The training loss kept falling over its last 3 epochs: its final value is 0.68 of the \
value 3 epochs before.
    """
    values = checks.finite_array(curve, "curve", ndim=1, dtype=np.float64)
    last = checks.integer(last, "last", minimum=1)
    if len(values) <= last:
        raise checks.invalid("curve", f"Expected more than last={last} values, got {len(values)}.")
    checks.text(what, "what")
    checks.text(step, "step")
    band = _band(band)
    start, end = float(values[-1 - last]), float(values[-1])
    if start <= 0.0:
        raise checks.invalid("curve", f"Expected positive values, got {start} at {-1 - last}.")
    ratio = end / start
    steps = f"{last} {step}s" if last > 1 else step
    ratio_text = format_numbers([ratio], 2 if abs(ratio - 1) > 0.05 else 3)[0]
    if abs(ratio - 1.0) <= band:
        kind, sentence = FLAT, f"The {what} is flat over its last {steps}"
    elif ratio < 1.0:
        kind, sentence = FALLING, f"The {what} kept falling over its last {steps}"
    else:
        kind, sentence = RISING, f"The {what} rose over its last {steps}"
    sentence += f": its final value is {ratio_text} of the value {steps} before."
    return Trend(kind, sentence, ratio, last, band)


def _number(value: object, name: str) -> float:
    return float(checks.finite_array(value, name, ndim=0, dtype=np.float64))


def _band(value: object) -> float:
    band = checks.positive_number(value, "band")
    if band >= 1:
        raise checks.expected("band", "a relative band below 1, such as 0.01", value)
    return band


def _percents(ratio: float, band: float) -> tuple[str, str]:
    change = format_numbers([100 * (ratio - 1.0)], 2 if abs(ratio - 1) < 0.1 else 3)[0]
    return f"{change} %", f"{100 * band:g} %"
