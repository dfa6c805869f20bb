"""Can a cell count? The stored ``counting`` study, summarised.

The study (:mod:`gru_lib.studies.counting`) trains each cell to accept aⁿbⁿ and reject its hard
negatives for n up to ``train_n`` and scores every n up to ``test_n``. Each reported row holds
``accuracy_curve`` (the accuracy at each n), the accuracies inside and beyond the trained range
beside what always rejecting scores there, and ``solved``: every string of every n right.
These functions read its table; always rejecting is the baseline a model must beat.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gru_lib import checks
from gru_lib.analysis.caveats import Baseline, BaselineCheck, against_baseline
from gru_lib.analysis.claims import DIGITS, format_numbers, listing
from gru_lib.analysis.statistics import solved_fraction
from gru_lib.data.anbn import anbn_strings

__all__ = [
    "SUMMARY_COLUMNS",
    "RangeCheck",
    "accuracy_by_n",
    "beyond_check",
    "counting_summary",
    "reject_by_n",
]

SUMMARY_COLUMNS = [
    "cell",
    "seeds",
    "solved",
    "fraction",
    "low",
    "high",
    "trained_accuracy",
    "beyond_accuracy",
    "reject_trained",
    "reject_beyond",
    "median_longest_n",
]
_ROW = ["cell", "seed", "solved", "trained_accuracy", "beyond_accuracy", "reject_trained",
        "reject_beyond", "longest_n"]  # fmt: skip


def accuracy_by_n(table: pd.DataFrame) -> pd.DataFrame:
    """One row per cell, seed and n: the accuracy on that n's strings, from ``accuracy_curve``.

    >>> table = pd.DataFrame({"cell": ["GRU"], "seed": [0], "accuracy_curve": [[1.0, 0.5]]})
    >>> accuracy_by_n(table)[["n", "accuracy"]].values.tolist()
    [[1.0, 1.0], [2.0, 0.5]]
    """
    checks.frame(table, "table", ["cell", "seed", "accuracy_curve"])
    rows = [
        [row.cell, row.seed, n, float(value)]
        for row in table.itertuples()
        for n, value in enumerate(row.accuracy_curve, start=1)
    ]
    return pd.DataFrame(rows, columns=["cell", "seed", "n", "accuracy"])


def reject_by_n(test_n: int) -> pd.Series:
    """Always rejecting's accuracy on the strings of each n up to ``test_n``: every negative
    right, the one accepted string wrong.

    >>> reject_by_n(2).round(3).tolist()
    [0.8, 0.833]
    """
    test_n = checks.integer(test_n, "test_n")
    ns = range(1, test_n + 1)
    return pd.Series([1 - 1 / len(anbn_strings(n)[0]) for n in ns], index=ns, name="reject")


def counting_summary(table: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Per cell (in order of appearance): seeds, seeds that counted every n (``solved``) with
    the exact (Clopper–Pearson) interval of that fraction, the mean accuracies inside and
    beyond the trained range, always rejecting's accuracies there, and the median longest n.

    >>> table = pd.DataFrame({"cell": "GRU", "seed": [0, 1], "solved": [True, False],
    ...     "trained_accuracy": 1.0, "beyond_accuracy": [1.0, 0.7], "reject_trained": 0.83,
    ...     "reject_beyond": 0.83, "longest_n": [150, 60]})
    >>> row = counting_summary(table).iloc[0]
    >>> int(row["solved"]), round(float(row["low"]), 3), float(row["beyond_accuracy"])
    (1, 0.013, 0.85)
    """
    checks.frame(table, "table", _ROW)
    if table.empty:
        raise checks.invalid("table", "It has no rows.")
    rows = []
    for cell, runs in table.groupby("cell", sort=False):
        share = solved_fraction(int(runs["solved"].sum()), len(runs), confidence=confidence)
        rows.append(
            [cell, len(runs), share.successes, share.fraction, share.low, share.high,
             float(runs["trained_accuracy"].mean()), float(runs["beyond_accuracy"].mean()),
             float(runs["reject_trained"].iloc[0]), float(runs["reject_beyond"].iloc[0]),
             float(runs["longest_n"].median())]
        )  # fmt: skip
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


@dataclass(frozen=True)
class RangeCheck:
    """Beyond the trained range, against always rejecting: ``baseline`` is
    :func:`~gru_lib.analysis.caveats.against_baseline`'s check (its ``kind`` is
    ``NOTHING_LEARNED`` when every cell stays at always rejecting), ``below`` the cells whose
    mean accuracy is below always rejecting's, and ``sentence`` says both plainly.

    >>> check = beyond_check(pd.DataFrame({"cell": ["GRU", "LSTM"], "beyond_accuracy":
    ...     [0.99, 0.7], "reject_beyond": [0.8, 0.8]}), train_n=50)
    >>> check.below
    ('LSTM',)
    """

    baseline: BaselineCheck
    below: tuple[str, ...]
    sentence: str

    def __post_init__(self) -> None:
        checks.instance(self.baseline, "baseline", BaselineCheck)
        checks.instance(self.below, "below", tuple)
        checks.text(self.sentence, "sentence")

    @property
    def kind(self) -> str:
        """The baseline check's kind: ``NOTHING_LEARNED`` or ``LEARNED``."""
        return self.baseline.kind

    def __str__(self) -> str:
        return self.sentence


def beyond_check(summary: pd.DataFrame, *, train_n: int, digits: int = DIGITS) -> RangeCheck:
    """Whether each cell's mean accuracy beyond ``train_n`` beats always rejecting, from
    :func:`counting_summary`'s (or a table's) ``cell``, ``beyond_accuracy`` and
    ``reject_beyond``; the sentence names every cell below always rejecting.

    >>> print(beyond_check(pd.DataFrame({"cell": ["GRU", "LSTM"], "beyond_accuracy":
    ...     [0.99, 0.7], "reject_beyond": [0.8, 0.8]}), train_n=50))
    Beyond n = 50 the mean accuracy is 0.990 for GRU and 0.700 for LSTM, against 0.800 for \
always rejecting: LSTM scores below always rejecting. GRU leaves always rejecting (error ratio \
0.0500); LSTM stays at it (error ratio 1.50).
    """
    checks.frame(summary, "summary", ["cell", "beyond_accuracy", "reject_beyond"])
    train_n = checks.integer(train_n, "train_n")
    digits = checks.integer(digits, "digits")
    if summary.empty:
        raise checks.invalid("summary", "It has no rows.")
    means = summary.groupby("cell", sort=False)["beyond_accuracy"].mean()
    rejects = summary["reject_beyond"].astype(float).unique()
    if len(rejects) != 1:
        raise checks.invalid("summary", f"Expected one reject_beyond, got {sorted(rejects)}.")
    reject = float(rejects[0])
    baseline = Baseline(reject, "always rejecting", higher_is_better=True)
    check = against_baseline(means.to_dict(), baseline, metric="accuracy", digits=digits)
    below = tuple(cell for cell, mean in means.items() if mean < reject)
    shown = format_numbers([reject, *means.values], digits)
    scores = listing(
        f"{text} for {cell}" for cell, text in zip(means.index, shown[1:], strict=True)
    )
    sentence = (
        f"Beyond n = {train_n} the mean accuracy is {scores}, against {shown[0]} for always "
        "rejecting"
    )
    if below:
        verb = "scores" if len(below) == 1 else "score"
        sentence += f": {listing(below)} {verb} below always rejecting."
    else:
        sentence += "."
    return RangeCheck(check, below, f"{sentence} {check.sentence}")
