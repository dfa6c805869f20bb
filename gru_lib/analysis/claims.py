"""What a page's prose claims, held to its numbers: the verdict kinds, how numbers are printed,
and the checks that fail a build when a number moves out of what a sentence says.

A chapter computes a verdict (:mod:`gru_lib.analysis.verdicts`, :mod:`gru_lib.analysis.trends`),
glues its ``sentence``, and asserts what its hand-written prose relies on::

    comparison = compare_scores(gru, lstm, names=("GRU", "LSTM"), metric="test MSE")
    require_kind(comparison, LOWER)
    require(comparison.test.high < 0.5 * lstm_mean, "the prose says 'less than half'")

Either call raises :class:`ClaimError` with a message naming the claim and the numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from gru_lib import checks

__all__ = [
    "AT_EDGE",
    "DIGITS",
    "FALLING",
    "FLAT",
    "HIGHER",
    "INSIDE",
    "KINDS",
    "LEARNED",
    "LOWER",
    "MINUS",
    "NOTHING_LEARNED",
    "NO_CHANGE",
    "NO_DIFFERENCE",
    "RISING",
    "UNTUNED",
    "ClaimError",
    "format_numbers",
    "listing",
    "require",
    "require_kind",
]

LOWER = "lower"
HIGHER = "higher"
NO_DIFFERENCE = "no difference detected"
NOTHING_LEARNED = "nothing learned"
LEARNED = "learned"
AT_EDGE = "at the grid's edge"
INSIDE = "inside the grid"
UNTUNED = "untuned"
NO_CHANGE = "no meaningful change"
FLAT = "flat"
FALLING = "falling"
RISING = "rising"
KINDS = (
    LOWER, HIGHER, NO_DIFFERENCE, NOTHING_LEARNED, LEARNED, AT_EDGE, INSIDE, UNTUNED, NO_CHANGE,
    FLAT, FALLING, RISING,
)  # fmt: skip
MINUS = "\N{MINUS SIGN}"
DIGITS = 3  # significant digits of every number a verdict prints, unless a page asks


class ClaimError(AssertionError):
    """A sentence of the book no longer holds for its numbers. ``message`` says which claim
    failed and what the numbers are now.

    >>> raise ClaimError("the prose says the GRU is lower")
    Traceback (most recent call last):
    gru_lib.analysis.claims.ClaimError: the prose says the GRU is lower
    """

    def __init__(self, message: str) -> None:
        super().__init__(checks.text(message, "message"))


def require(condition: bool, message: str) -> None:
    """Raise :class:`ClaimError` with ``message`` unless ``condition`` holds.

    ``condition`` must be a ``bool`` (NumPy's too), so an array or a table cannot pass by
    being non-empty.

    >>> require(0.158 / 0.160 > 0.9, "the prose says the GRU stays at the baseline")
    >>> require(0.02 / 0.160 > 0.9, "the prose says the GRU stays at the baseline")
    Traceback (most recent call last):
    gru_lib.analysis.claims.ClaimError: the prose says the GRU stays at the baseline
    """
    checks.text(message, "message")
    if not checks.flag(condition, "condition"):
        raise ClaimError(message)


def require_kind(result: object, *kinds: str) -> None:
    """Raise :class:`ClaimError` unless a verdict's ``result.kind`` is one of ``kinds``; the
    message gives the kinds the prose needs and the sentence the numbers now support.

    >>> from gru_lib.analysis.verdicts import compare_scores
    >>> comparison = compare_scores([1.0, 1.1, 1.2], [1.1, 1.0, 1.3], names=("GRU", "LSTM"))
    >>> require_kind(comparison, LOWER)
    Traceback (most recent call last):
    gru_lib.analysis.claims.ClaimError: The prose needs the verdict 'lower', but the numbers \
now say: No difference detected between GRU and LSTM in score: the difference of means is \
−0.033 (95 % CI −0.345 to 0.279; Welch, 3 and 3 seeds).
    """
    if not isinstance(getattr(result, "kind", None), str) or not hasattr(result, "sentence"):
        raise checks.invalid(
            "result", f"Expected a verdict with `kind` and `sentence`, got {result!r:.200}."
        )
    if not kinds or not set(kinds) <= set(KINDS):
        raise checks.invalid("kinds", f"Expected one or more of {list(KINDS)}, got {kinds!r}.")
    if result.kind not in kinds:
        wanted = listing([repr(kind) for kind in kinds], "or")
        raise ClaimError(
            f"The prose needs the verdict {wanted}, but the numbers now say: {result.sentence}"
        )


def format_numbers(
    values: Sequence[float], digits: int = DIGITS, *, each: bool = False
) -> list[str]:
    """``values`` printed as a group: the largest magnitude gets ``digits`` significant digits
    and the others the same decimal places, so numbers printed side by side line up; with
    ``each``, every value gets its own ``digits``. Negative numbers get a minus sign (U+2212);
    magnitudes below 1e-4 or from 1e6 on are written in scientific notation.

    >>> format_numbers([18.33, 18.28, -0.05])
    ['18.3', '18.3', '−0.1']
    >>> format_numbers([0.0051, 0.72], 2, each=True)
    ['0.0051', '0.72']
    """
    numbers = [float(v) for v in checks.finite_array(values, "values", ndim=1, dtype=float)]
    digits = checks.integer(digits, "digits", minimum=1)
    each = checks.flag(each, "each")
    if each:
        return [_format(v, _decimals([v], digits), digits) for v in numbers]
    decimals = _decimals(numbers, digits)
    return [_format(v, decimals, digits) for v in numbers]


def listing(items: Iterable[str], conjunction: str = "and") -> str:
    """``items`` joined as prose: ``"a"``, ``"a and b"``, ``"a, b and c"``.

    >>> listing(["GRU", "LSTM", "minGRU"])
    'GRU, LSTM and minGRU'
    """
    words = list(items)
    if not words or not all(isinstance(word, str) for word in words):
        raise checks.invalid("items", f"Expected one or more strings, got {words!r:.200}.")
    checks.text(conjunction, "conjunction")
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _decimals(values: Sequence[float], digits: int) -> int | None:
    """Decimal places giving the largest magnitude ``digits`` significant digits; ``None``
    asks for scientific notation."""
    largest = max(abs(v) for v in values)
    if largest == 0.0:
        return 0
    if largest < 1e-4 or largest >= 1e6:
        return None
    return max(0, digits - 1 - math.floor(math.log10(largest)))


def _format(value: float, decimals: int | None, digits: int) -> str:
    text = f"{value:.{digits - 1}e}" if decimals is None else f"{value:.{decimals}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")  # no "-0.00"
    return text.replace("-", MINUS)
