"""Argument validation for gru_lib's public functions.

Public functions check their arguments once, here, and hand inner code values of a known form
(scikit-learn's habit). Every error is a ``ValueError`` that names the argument and the value it
received, in the style of Keras: ``Received an invalid value for argument `units`...``.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np


def _invalid(name: str, expected: str, value: object) -> ValueError:
    shown = value if np.ndim(value) == 0 else f"an array of shape {np.shape(value)}"
    return ValueError(
        f"Received an invalid value for argument `{name}`. "
        f"Expected {expected}, got {name}={shown!r}."
    )


def integer(value: object, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an ``int`` if it is an integer >= ``minimum``.

    Booleans and floats such as ``3.0`` are rejected rather than coerced.

    >>> integer(32, "units")
    32
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _invalid(name, f"an integer >= {minimum}", value)
    if value < minimum:
        raise _invalid(name, f"an integer >= {minimum}", value)
    return int(value)


def positive_number(value: object, name: str) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _invalid(name, "a positive finite number", value)
    if not np.isfinite(value) or value <= 0:
        raise _invalid(name, "a positive finite number", value)
    return float(value)


def non_negative_number(value: object, name: str) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _invalid(name, "a finite number >= 0", value)
    if not np.isfinite(value) or value < 0:
        raise _invalid(name, "a finite number >= 0", value)
    return float(value)


def flag(value: object, name: str) -> bool:
    """Return ``value`` as a ``bool`` if it is ``True`` or ``False`` (NumPy's too).

    >>> flag(True, "return_sequences")
    True
    """
    if not isinstance(value, bool | np.bool_):
        raise _invalid(name, "True or False", value)
    return bool(value)


def one_of(value: object, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of the strings in ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise _invalid(name, f"one of {list(choices)}", value)
    return value


def finite_array(value: object, name: str, *, ndim: int | tuple[int, ...]) -> np.ndarray:
    """Return ``value`` as a float32 array after checking its rank and that it holds no NaN/inf.

    ``ndim`` is the rank required, or a tuple of accepted ranks.

    >>> finite_array([[1, 2], [3, 4]], "x", ndim=2).dtype
    dtype('float32')
    """
    array = np.asarray(value)
    ranks = (ndim,) if isinstance(ndim, int) else ndim
    if array.ndim not in ranks:
        wanted = " or ".join(str(r) for r in ranks)
        raise ValueError(
            f"Received an invalid value for argument `{name}`. Expected an array of rank {wanted}, "
            f"got shape {array.shape}."
        )
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        raise ValueError(
            f"Received an invalid value for argument `{name}`. "
            f"Expected numbers, got dtype {array.dtype}."
        )
    if array.size == 0:
        raise ValueError(
            f"Received an invalid value for argument `{name}`. Expected a non-empty array, "
            f"got shape {array.shape}."
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(
            f"Received an invalid value for argument `{name}`. It contains NaN or infinite values."
        )
    return array.astype(np.float32, copy=False)


def same_length(a: np.ndarray, b: np.ndarray, names: tuple[str, str]) -> None:
    """Raise if two arrays differ in their first dimension."""
    if len(a) != len(b):
        raise ValueError(
            f"Arguments `{names[0]}` and `{names[1]}` must have the same length, "
            f"got {len(a)} and {len(b)}."
        )
