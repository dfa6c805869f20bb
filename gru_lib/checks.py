"""Argument validation for gru_lib's public functions.

Public functions check their arguments once, here, and hand inner code values of a known form
(scikit-learn's habit). Every error is a ``ValueError`` that names the argument and the value it
received, in the style of Keras: ``Received an invalid value for argument `units`...``.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "empty",
    "expected",
    "finite_array",
    "flag",
    "frame",
    "integer",
    "invalid",
    "mismatch",
    "non_negative_number",
    "not_fitted",
    "one_of",
    "positive_number",
    "same_length",
]


def invalid(name: str, detail: str) -> ValueError:
    """The error for a bad argument ``name``: the one template every message in gru_lib uses.

    ``detail`` says what was expected and what came. Callers ``raise`` the returned error.

    >>> str(invalid("units", "Expected an integer >= 1, got units=0."))
    'Received an invalid value for argument `units`. Expected an integer >= 1, got units=0.'
    """
    return ValueError(f"Received an invalid value for argument `{name}`. {detail}")


def expected(name: str, what: str, value: object) -> ValueError:
    """:func:`invalid` saying ``name`` should be ``what`` and showing ``value`` (or its shape).

    >>> str(expected("seed", "an integer >= 0", -1)).split(". ")[1]
    'Expected an integer >= 0, got seed=-1.'
    """
    shown = value if np.ndim(value) == 0 else f"an array of shape {np.shape(value)}"
    return invalid(name, f"Expected {what}, got {name}={shown!r}.")


def empty(name: str, what: str) -> ValueError:
    """The error for an empty collection ``name`` that needed ``what``.

    >>> str(empty("history", "at least one TrainingHistory."))
    'Received an empty `history`; expected at least one TrainingHistory.'
    """
    return ValueError(f"Received an empty `{name}`; expected {what}")


def integer(value: object, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an ``int`` if it is an integer >= ``minimum``.

    Booleans and floats such as ``3.0`` are rejected rather than coerced.

    >>> integer(32, "units")
    32
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise expected(name, f"an integer >= {minimum}", value)
    if value < minimum:
        raise expected(name, f"an integer >= {minimum}", value)
    return int(value)


def positive_number(value: object, name: str) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number > 0.

    >>> positive_number(2, "period")
    2.0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise expected(name, "a positive finite number", value)
    if not np.isfinite(value) or value <= 0:
        raise expected(name, "a positive finite number", value)
    return float(value)


def non_negative_number(value: object, name: str) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number >= 0.

    >>> non_negative_number(0, "noise")
    0.0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise expected(name, "a finite number >= 0", value)
    if not np.isfinite(value) or value < 0:
        raise expected(name, "a finite number >= 0", value)
    return float(value)


def flag(value: object, name: str) -> bool:
    """Return ``value`` as a ``bool`` if it is ``True`` or ``False`` (NumPy's too).

    >>> flag(True, "return_sequences")
    True
    """
    if not isinstance(value, bool | np.bool_):
        raise expected(name, "True or False", value)
    return bool(value)


def one_of(value: object, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of the strings in ``choices``.

    >>> one_of("gru", "layer", ["gru", "lstm"])
    'gru'
    """
    if not isinstance(value, str) or value not in choices:
        raise expected(name, f"one of {list(choices)}", value)
    return value


def finite_array(
    value: object, name: str, *, ndim: int | tuple[int, ...], dtype: type = np.float32
) -> np.ndarray:
    """Return ``value`` as a ``dtype`` array (float32 unless asked) after checking its rank and
    that it holds no NaN/inf.

    ``ndim`` is the rank required, or a tuple of accepted ranks. The conversion happens after
    the checks, straight from the input, so ``dtype=np.float64`` loses no precision.

    >>> finite_array([[1, 2], [3, 4]], "x", ndim=2).dtype
    dtype('float32')
    """
    array = np.asarray(value)
    ranks = (ndim,) if isinstance(ndim, int) else ndim
    if array.ndim not in ranks:
        wanted = " or ".join(str(r) for r in ranks)
        raise invalid(name, f"Expected an array of rank {wanted}, got shape {array.shape}.")
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        raise invalid(name, f"Expected numbers, got dtype {array.dtype}.")
    if array.size == 0:
        raise invalid(name, f"Expected a non-empty array, got shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise invalid(name, "It contains NaN or infinite values.")
    return array.astype(dtype, copy=False)


def instance(value: object, name: str, kind: type | tuple[type, ...]) -> object:
    """Return ``value`` if it is an instance of ``kind`` (a class or a tuple of classes).

    >>> instance(3, "count", int)
    3
    """
    if not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        wanted = " or ".join(k.__name__ for k in kinds)
        raise invalid(name, f"Expected a {wanted}, got {type(value).__name__}.")
    return value


def text(value: object, name: str) -> str:
    """Return ``value`` if it is a non-empty string.

    >>> text("gru", "layer")
    'gru'
    """
    if not isinstance(value, str) or not value:
        shown = repr(value) if isinstance(value, str) else type(value).__name__
        raise invalid(name, f"Expected a non-empty string, got {name}={shown}.")
    return value


def frame(value: object, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """Return ``value`` if it is a pandas DataFrame holding every one of ``columns``.

    >>> import pandas as pd
    >>> frame(pd.DataFrame({"a": [1]}), "table", ["a"]).shape
    (1, 1)
    """
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        raise invalid(name, f"Expected a pandas DataFrame, got {type(value).__name__}.")
    missing = sorted(set(columns) - set(value.columns))
    if missing:
        raise invalid(
            name, f"Expected columns {sorted(columns)}, missing {missing} in {list(value.columns)}."
        )
    return value


def not_fitted(kind: str, call: str) -> ValueError:
    """The error for a model used before ``fit``: ``kind`` is its class, ``call`` how to fit it.

    >>> str(not_fitted("SeriesScaler", "fit(series)"))
    'This SeriesScaler is not fitted yet; call fit(series) first.'
    """
    return ValueError(f"This {kind} is not fitted yet; call {call} first.")


def mismatch(names: tuple[str, str], what: str, first: object, second: object) -> ValueError:
    """The error for two arguments that must agree in ``what`` (length, shape) and do not.

    >>> str(mismatch(("x", "y"), "length", 3, 4))
    'Arguments `x` and `y` must have the same length, got 3 and 4.'
    """
    return ValueError(
        f"Arguments `{names[0]}` and `{names[1]}` must have the same {what}, "
        f"got {first} and {second}."
    )


def same_length(a: np.ndarray, b: np.ndarray, names: tuple[str, str]) -> None:
    """Raise if two arrays differ in their first dimension.

    >>> same_length(np.zeros(2), np.zeros(2), ("x", "y"))
    """
    if len(a) != len(b):
        raise mismatch(names, "length", len(a), len(b))
