"""How far back a cell can remember: the stored memory study, summarised.

The study (:mod:`gru_lib.studies.memory`) trains each cell on the adding problem at each length
``T`` from tuning seeds (to choose a learning rate) and from reported seeds, with early stopping,
through the book's one engine. What it measures is the test MSE in units of the adding problem's
baseline, the MSE of always answering 1 (about 1/6), so 1 means "learned nothing" at every
length, and a run *solves* a length when its ratio falls below a threshold the chapter states.
These functions read its table (any table with ``cell``, ``length``, ``seed`` and ``ratio``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.analysis.statistics import solved_fraction

__all__ = [
    "FRACTION_COLUMNS",
    "longest_solved",
    "memory_summary",
    "reported_runs",
    "solved_fractions",
    "solved_table",
]

FRACTION_COLUMNS = ["cell", "length", "solved", "seeds", "fraction", "low", "high"]


def reported_runs(table: pd.DataFrame) -> pd.DataFrame:
    """The runs a study reports: its rows whose ``role`` is ``"report"`` (tuning runs chose the
    learning rate and are never reported); a table without roles is returned as it is.

    >>> table = pd.DataFrame({"role": ["tune", "report"], "seed": [1000, 0]})
    >>> reported_runs(table)["seed"].tolist()
    [0]
    """
    checks.frame(table, "table", [])
    if "role" not in table.columns:
        return table
    return table[table["role"] == "report"].reset_index(drop=True)


def solved_fractions(
    sweep: pd.DataFrame, *, threshold: float, confidence: float = 0.95
) -> pd.DataFrame:
    """Per cell and length: seeds solved, of how many, and the exact (Clopper–Pearson)
    ``confidence`` interval of the solved fraction, as :data:`FRACTION_COLUMNS`.

    >>> sweep = pd.DataFrame({"cell": ["GRU"] * 4, "length": [10] * 4, "seed": range(4),
    ...                       "ratio": [0.01, 0.01, 0.01, 0.5]})
    >>> row = solved_fractions(sweep, threshold=0.05).iloc[0]
    >>> int(row["solved"]), int(row["seeds"]), round(float(row["low"]), 3)
    (3, 4, 0.194)
    """
    summary = memory_summary(sweep, threshold=threshold)
    rows = []
    for row in summary.itertuples():
        share = solved_fraction(int(row.solved), int(row.seeds), confidence=confidence)
        rows.append(
            [row.cell, row.length, int(row.solved), int(row.seeds), share.fraction, share.low,
             share.high]
        )  # fmt: skip
    return pd.DataFrame(rows, columns=FRACTION_COLUMNS)


def memory_summary(sweep: pd.DataFrame, *, threshold: float) -> pd.DataFrame:
    """Per cell and length: mean, std, min and max of the ratio over seeds, and seeds solved.

    A run solves its length when its ratio is below ``threshold``. Rows keep the sweep's order of
    cells, then lengths.

    >>> sweep = pd.DataFrame({"cell": ["GRU"] * 2, "length": [10, 10], "seed": [0, 1],
    ...                       "ratio": [0.0, 0.5]})
    >>> memory_summary(sweep, threshold=0.05)[["mean", "solved", "seeds"]].values.tolist()
    [[0.25, 1.0, 2.0]]
    """
    sweep = _checked_sweep(sweep)
    threshold = checks.positive_number(threshold, "threshold")
    grouped = sweep.assign(solved=sweep["ratio"] < threshold).groupby(
        ["cell", "length"], sort=False
    )
    summary = grouped["ratio"].agg(["mean", "std", "min", "max"])
    summary["solved"] = grouped["solved"].sum()
    summary["seeds"] = grouped["seed"].nunique()
    return summary.reset_index()


def solved_table(sweep: pd.DataFrame, *, threshold: float) -> pd.DataFrame:
    """A cells × lengths table of how many seeds solved each length (ratio below ``threshold``).

    >>> sweep = pd.DataFrame({"cell": ["GRU", "GRU"], "length": [10, 20], "seed": [0, 0],
    ...                       "ratio": [0.01, 0.5]})
    >>> solved_table(sweep, threshold=0.05).values.tolist()
    [[1, 0]]
    """
    summary = memory_summary(sweep, threshold=threshold)
    table = summary.pivot(index="cell", columns="length", values="solved").astype(int)
    cells = list(dict.fromkeys(summary["cell"]))
    table = table.loc[cells]
    table.columns.name, table.index.name = "T", None
    return table


def longest_solved(sweep: pd.DataFrame, *, threshold: float) -> dict[str, int]:
    """For each cell, the longest length solved in every seed; 0 when it solves none.

    A length counts only if every shorter length was solved too, so a lucky long length after a
    failed shorter one does not stretch the answer.

    >>> sweep = pd.DataFrame({"cell": ["GRU"] * 3, "length": [10, 20, 40], "seed": [0] * 3,
    ...                       "ratio": [0.01, 0.5, 0.01]})
    >>> longest_solved(sweep, threshold=0.05)
    {'GRU': 10}
    """
    summary = memory_summary(sweep, threshold=threshold)
    longest = {}
    for cell, rows in summary.groupby("cell", sort=False):
        rows = rows.sort_values("length")
        every_seed = (rows["solved"] == rows["seeds"]).to_numpy()
        failed = np.flatnonzero(~every_seed)
        solved_lengths = rows["length"].to_numpy()[: failed[0] if len(failed) else len(rows)]
        longest[cell] = int(solved_lengths[-1]) if len(solved_lengths) else 0
    return longest


def _checked_sweep(sweep: object) -> pd.DataFrame:
    needed = ["cell", "length", "seed", "ratio"]
    if not isinstance(sweep, pd.DataFrame) or not set(needed) <= set(sweep.columns):
        raise checks.expected("sweep", f"a DataFrame with columns {needed}", type(sweep).__name__)
    if sweep.empty:
        raise checks.expected("sweep", "a non-empty DataFrame", "an empty DataFrame")
    checks.finite_array(sweep["ratio"].to_numpy(dtype=float), "sweep['ratio']", ndim=1)
    return sweep
