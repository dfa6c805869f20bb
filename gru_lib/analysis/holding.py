"""Does one unit hold a number? What it wrote when it read the number, and how far it drifted
before the number was needed.

A unit whose state correlates with a remembered number may still drift between the step that
wrote it and the step that reads it. :func:`unit_holding` compares, sequence by sequence, the
*write* (how far the state moved at the writing step) with the *drift* (how far it strayed from
the written value until the reading step), and says whether the unit held the number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gru_lib import checks

__all__ = ["HELD", "NOT_HELD", "Holding", "unit_holding"]

HELD = "held"
NOT_HELD = "not held"


@dataclass(frozen=True)
class Holding:
    """Whether a unit held its number: ``kind`` (``HELD`` or ``NOT_HELD``), the ``sentence``,
    and the worst sequence's ``drift``, ``write`` and 1-based ``example`` number.

    >>> unit_holding(np.array([[0.0, 0.5, 0.5, 0.5, 0.9]]), np.array([[1, 4]])).kind
    'held'
    """

    kind: str
    sentence: str
    drift: float
    write: float
    example: int

    def __post_init__(self) -> None:
        checks.one_of(self.kind, "kind", [HELD, NOT_HELD])

    @property
    def ratio(self) -> float:
        """The worst sequence's drift as a fraction of its write."""
        return self.drift / self.write if self.write else float("inf")

    def __str__(self) -> str:
        return self.sentence


def unit_holding(states: np.ndarray, marked: np.ndarray, *, band: float = 0.5) -> Holding:
    """Whether one unit held the number it wrote, over sequences ``(sequences, time)`` of its
    state with the writing and reading steps ``marked`` ``(sequences, 2)``.

    In each sequence the write is ``|h[first] - h[first - 1]|`` (``h[-1]`` is the zero initial
    state) and the drift the largest ``|h[t] - h[first]|`` for ``first <= t < second``. The unit
    held the number when every sequence drifted by less than ``band`` of its write.

    >>> print(unit_holding(np.array([[0.0, 0.2, 0.1, 0.6, 0.0]]), np.array([[1, 4]])))
    The unit does not hold the number cleanly: in sequence 1 its state drifts by 0.40 between \
the markers, against the 0.20 it moved when it read the number.
    """
    states = checks.finite_array(states, "states", ndim=2, dtype=np.float64)
    marked = checks.finite_array(marked, "marked", ndim=2)
    if marked.shape != (len(states), 2) or not np.all(marked == np.round(marked)):
        raise checks.invalid(
            "marked", f"Expected integer steps of shape ({len(states)}, 2), got {marked.shape}."
        )
    marked = marked.astype(int)
    first, second = marked[:, 0], marked[:, 1]
    if np.any(first < 0) or np.any(second <= first) or np.any(second >= states.shape[1]):
        raise checks.invalid(
            "marked", "Expected 0 <= first < second < time in every row, got " + str(marked[:3])
        )
    band = checks.positive_number(band, "band")
    worst = None
    for i, (a, b) in enumerate(marked):
        before = states[i, a - 1] if a > 0 else 0.0
        write = abs(states[i, a] - before)
        drift = float(np.max(np.abs(states[i, a:b] - states[i, a])))
        ratio = drift / write if write else float("inf")
        if worst is None or ratio > worst[0]:
            worst = (ratio, drift, float(write), i + 1)
    ratio, drift, write, example = worst
    if ratio < band:
        sentence = (
            f"The unit holds the number: in every sequence its state drifts between the markers "
            f"by less than {band:g} of what it wrote (at most {ratio:.2f}, in sequence {example})."
        )
        return Holding(HELD, sentence, drift, write, example)
    sentence = (
        f"The unit does not hold the number cleanly: in sequence {example} its state drifts by "
        f"{drift:.2f} between the markers, against the {write:.2f} it moved when it read the "
        "number."
    )
    return Holding(NOT_HELD, sentence, drift, write, example)
