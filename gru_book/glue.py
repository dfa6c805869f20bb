"""What a chapter needs to put computed numbers into its prose, in one call.

A chapter computes its numbers in code cells and quotes them with ``{glue:text}`` roles; the
glue calls are plumbing, kept in a hidden cell. :func:`glue_all` glues a whole dict at once, so
that cell is one line instead of one line per number.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np

from gru_lib import checks

__all__ = ["glue_all"]

_KINDS = "a number, a string or an IPython Markdown object"


def glue_all(values: Mapping[str, object]) -> None:
    """Glue every value of ``values`` under its key for ``{glue:text}`` and ``{glue:md}``, hidden.

    Numbers (NumPy scalars and 0-d arrays included) are glued as Python ``int`` or ``float``, so
    a role's format spec such as ``:.3f`` applies; strings as text; ``IPython.display.Markdown``
    objects as Markdown for ``{glue:md}``. Keys must be names a role can quote (letters, digits,
    ``_`` and ``-``). Returns nothing, so that a cell ending in it shows no output.

    >>> glue_all({"units": np.int64(32), "ratio": np.float32(0.75)})
    """
    if not isinstance(values, Mapping) or not values:
        raise checks.invalid(
            "values", f"Expected a non-empty mapping of names to values, got {values!r}."
        )
    from IPython.display import Markdown
    from myst_nb import glue

    glued = {}  # every value is checked before the first is glued
    for key, value in values.items():
        if not isinstance(key, str) or not key.replace("_", "").replace("-", "").isalnum():
            raise checks.invalid(
                "values", f"Expected keys made of letters, digits, '_' and '-', got key {key!r}."
            )
        glued[key] = _plain(value, key, Markdown)
    for key, value in glued.items():
        glue(key, value, display=False)


def _plain(value: object, key: str, markdown_type: type) -> object:
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool | np.bool_):
        raise checks.invalid(
            f"values[{key!r}]",
            f"Expected {_KINDS}; glue a word for a yes/no answer, got {value!r}.",
        )
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if not np.isfinite(float(value)):
            raise checks.invalid(f"values[{key!r}]", f"Expected a finite number, got {value!r}.")
        return float(value)
    if isinstance(value, str | markdown_type):
        return value
    raise checks.invalid(f"values[{key!r}]", f"Expected {_KINDS}, got {type(value).__name__}.")
