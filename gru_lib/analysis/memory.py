"""How far back a cell can remember: the adding problem trained to convergence at many lengths.

One sweep trains every cell at every sequence length ``T`` from every seed, with early stopping,
through the book's one engine (:func:`gru_lib.training.runs.run_experiments`). What it measures is
the test MSE in units of the adding problem's baseline, the MSE of always answering 1 (about 1/6),
so 1 means "learned nothing" at every length, and a run *solves* a length when its ratio falls
below a threshold the chapter states.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.adding import adding_task
from gru_lib.models.spec import ModelSpec
from gru_lib.training.runs import run_experiments

__all__ = [
    "SWEEP_COLUMNS",
    "longest_solved",
    "memory_summary",
    "memory_sweep",
    "solved_table",
]

SWEEP_COLUMNS = ["cell", "length", "seed", "test_mse", "baseline", "ratio", "epochs", "record"]


def memory_sweep(
    cells: Mapping[str, str],
    *,
    lengths: Sequence[int],
    seeds: Sequence[int],
    units: int,
    samples: tuple[int, int, int],
    learning_rate: float,
    epochs: int,
    patience: int,
    batch_size: int = 32,
) -> pd.DataFrame:
    """Train each cell on the adding problem at each length, from each seed, with early stopping.

    ``cells`` maps a label (``"GRU"``) to a layer name of
    :data:`gru_lib.models.build.RECURRENT_LAYERS`
    (``"gru"``). ``samples`` is the number of (training, validation, test) sequences, the same at
    every length; the task at each length is drawn from seed 0, so every cell sees the same data.
    Each run trains for at most ``epochs`` epochs and stops once the validation MSE has not
    improved for ``patience`` epochs, keeping its best weights.

    Returns one row per run with :data:`SWEEP_COLUMNS`: ``baseline`` is the test MSE of always
    answering 1, ``ratio`` is ``test_mse / baseline``, ``epochs`` how many epochs ran, and
    ``record`` the run's :class:`~gru_lib.training.engine.RunRecord` (its trained model included).

    >>> table = memory_sweep({"GRU": "gru"}, lengths=[6], seeds=[0], units=2,
    ...                      samples=(32, 16, 16), learning_rate=0.01, epochs=2, patience=1)
    >>> table[["cell", "length", "seed"]].values.tolist(), bool(table["ratio"].iloc[0] > 0)
    ([['GRU', 6, 0]], True)
    """
    if not isinstance(cells, Mapping) or not cells:
        raise checks.expected("cells", "a non-empty mapping of labels to layer names", cells)
    lengths = _distinct_integers(lengths, "lengths", minimum=2)
    samples = _sample_sizes(samples)
    specs = [
        ModelSpec(layer=layer, units=units, learning_rate=learning_rate, label=label)
        for label, layer in cells.items()
    ]
    tables = []
    for length in lengths:
        n_train, n_val, n_test = samples
        task = adding_task(length=length, n_train=n_train, n_val=n_val, n_test=n_test, seed=0)
        baseline = float(np.mean((task.y_test.astype(np.float64) - 1.0) ** 2))
        runs = run_experiments(
            [task], specs, seeds, epochs=epochs, patience=patience, batch_size=batch_size
        )
        tables.append(
            pd.DataFrame(
                {
                    "cell": runs["model"],
                    "length": length,
                    "seed": runs["seed"],
                    "test_mse": runs["test_mse"],
                    "baseline": baseline,
                    "ratio": runs["test_mse"] / baseline,
                    "epochs": runs["epochs"],
                    "record": runs["record"],
                }
            )
        )
    return pd.concat(tables, ignore_index=True)[SWEEP_COLUMNS]


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


def _distinct_integers(values: object, name: str, *, minimum: int) -> list[int]:
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise checks.expected(name, "a non-empty sequence of integers", values)
    integers = [checks.integer(value, name, minimum=minimum) for value in values]
    if len(set(integers)) != len(integers):
        raise checks.expected(name, "distinct integers", values)
    return integers


def _sample_sizes(samples: object) -> tuple[int, int, int]:
    if not isinstance(samples, tuple | list) or len(samples) != 3:
        raise checks.expected("samples", "(training, validation, test) sequence counts", samples)
    return tuple(checks.integer(count, "samples") for count in samples)
