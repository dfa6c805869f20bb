"""How the budget held in a stored study: how runs ended, and whether patience outlasted plateaus.

A study's stopping rule is honest when runs end by early stopping, not by the cap (the issue
asks for at most 10 % capped), and when the patience is longer than the longest plateau any run
escaped (``longest_wait``, measured by :func:`gru_lib.studies.members.longest_wait`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from gru_lib import checks
from gru_lib.studies.spec import Budget

__all__ = ["BUDGET_COLUMNS", "budget_report"]

BUDGET_COLUMNS = [
    "runs",
    "capped",
    "capped_fraction",
    "stopped_early",
    "median_updates",
    "max_updates",
    "longest_wait",
    "patience",
    "patience_outlasts",
]


def budget_report(
    table: pd.DataFrame, budget: Budget, by: Sequence[str] = ("cell",)
) -> pd.DataFrame:
    """Per group of ``by`` (and ``"all"``): how many runs were capped or stopped early, their
    updates, and the longest plateau escaped against the ``budget``'s patience.

    >>> table = pd.DataFrame({"cell": ["GRU", "GRU"], "capped": [False, True],
    ...                       "stopped_early": [True, False], "updates": [300, 600],
    ...                       "longest_wait": [1, 2]})
    >>> budget = Budget(updates=600, batch_size=100, patience=3, train_size=300)
    >>> report = budget_report(table, budget)
    >>> float(report.loc["all", "capped_fraction"]), bool(report.loc["all", "patience_outlasts"])
    (0.5, True)
    """
    by = list(by) if not isinstance(by, str) else [by]
    checks.frame(table, "table", [*by, "capped", "stopped_early", "updates", "longest_wait"])
    checks.instance(budget, "budget", Budget)
    if table.empty:
        raise checks.invalid("table", "It has no rows.")
    groups = [(" / ".join(map(str, k if isinstance(k, tuple) else (k,))), g)
              for k, g in table.groupby(by, sort=False)] if by else []  # fmt: skip
    rows = {}
    for name, group in [*groups, ("all", table)]:
        longest = int(group["longest_wait"].max())
        rows[name] = [
            len(group),
            int(group["capped"].sum()),
            float(group["capped"].mean()),
            int(group["stopped_early"].sum()),
            float(group["updates"].median()),
            int(group["updates"].max()),
            longest,
            budget.patience,
            longest < budget.patience,
        ]
    return pd.DataFrame.from_dict(rows, orient="index", columns=BUDGET_COLUMNS)
