"""Can a cell count? Train accept/reject of aⁿbⁿ up to some n, test far beyond it.

Weiss, Goldberg & Yahav (2018) argue that an LSTM can count, since its cell state is an
unbounded sum that can go up by one per ``a`` and down by one per ``b``, while a GRU's state is
an interpolation between bounded values and cannot; trained on small ``n``, the LSTM should then
generalise to much larger ``n`` and the GRU should not. This module measures that with the
book's one training engine (:func:`gru_lib.training.runs.run_experiments`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.counting import counting_strings, counting_task, encode_strings
from gru_lib.models.build import build_model
from gru_lib.models.spec import ModelSpec
from gru_lib.training.engine import predict
from gru_lib.training.tuning import tuned_runs

__all__ = ["COUNTING_COLUMNS", "counting_runs", "longest_counted"]

COUNTING_COLUMNS = ["cell", "seed", "n", "accuracy", "all_right", "epochs", "learning_rate"]


def counting_runs(
    cells: Mapping[str, str],
    *,
    largest_n: int,
    test_n: int,
    seeds: Sequence[int],
    units: int,
    rates: Sequence[float],
    epochs: int,
    patience: int,
    batch_size: int = 16,
    tune_seeds: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Train each cell from each seed on ``n <= largest_n``; score every ``n <= test_n``.

    ``cells`` maps a label to a layer name (``{"GRU": "gru"}``). Each cell's learning rate is
    chosen from ``rates`` on the validation loss of ``tune_seeds``' runs (by default all seeds;
    see :func:`gru_lib.training.tuning.tuned_runs`). Training
    strings are padded to the longest training string; after training, each model's weights go
    into a copy built for the longest test string (a recurrent layer's weights do not depend on
    the length). At each ``n``, ``accuracy`` is the fraction of the strings of
    :func:`~gru_lib.data.counting.counting_strings` classified right, and ``all_right`` whether
    all of them were. Returns :data:`COUNTING_COLUMNS`, one row per cell, seed and ``n``.

    >>> table = counting_runs({"GRU": "gru"}, largest_n=2, test_n=4, seeds=[0], units=2,
    ...                       rates=[0.01], epochs=2, patience=1)
    >>> table["n"].tolist()
    [1, 2, 3, 4]
    """
    if not isinstance(cells, Mapping) or not cells:
        raise checks.expected("cells", "a non-empty mapping of labels to layer names", cells)
    largest_n = checks.integer(largest_n, "largest_n")
    test_n = checks.integer(test_n, "test_n")
    if test_n < largest_n:
        raise checks.expected("test_n", f"an integer >= largest_n = {largest_n}", test_n)
    task = counting_task(largest_n=largest_n, length=2 * largest_n + 2)
    specs = [ModelSpec(layer=layer, units=units, label=label) for label, layer in cells.items()]
    runs, _ = tuned_runs(
        [task], specs, rates, seeds, epochs=epochs, patience=patience,
        batch_size=batch_size, tune_seeds=tune_seeds,
    )  # fmt: skip
    test_length = 2 * test_n + 2
    strings = [counting_strings(n) for n in range(1, test_n + 1)]
    x = encode_strings([pair for pairs, _ in strings for pair in pairs], length=test_length)
    labels = np.concatenate([answers for _, answers in strings])
    ns = np.concatenate([[n] * len(answers) for n, (_, answers) in enumerate(strings, 1)])
    rows = []
    for model, record, rate in zip(
        runs["model"], runs["record"], runs["learning_rate"], strict=True
    ):
        longer = build_model(record.spec, (test_length, x.shape[-1]), classes=2)
        longer.set_weights(record.model.get_weights())
        right = predict(longer, x).argmax(axis=-1) == labels
        for n in range(1, test_n + 1):
            at_n = right[ns == n]
            rows.append(
                [model, record.seed, n, float(at_n.mean()), bool(at_n.all()),
                 record.history.epochs, rate]
            )  # fmt: skip
    return pd.DataFrame(rows, columns=COUNTING_COLUMNS)


def longest_counted(table: pd.DataFrame) -> pd.DataFrame:
    """Per cell and seed, the largest ``n`` such that every ``n`` from 1 up to it was all right
    (0 when ``n = 1`` already failed).

    >>> table = pd.DataFrame({"cell": "GRU", "seed": 0, "n": [1, 2, 3],
    ...                       "all_right": [True, True, False]})
    >>> longest_counted(table)["longest_n"].tolist()
    [2]
    """
    needed = {"cell", "seed", "n", "all_right"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns) or table.empty:
        raise checks.expected(
            "table", f"a non-empty DataFrame with columns {sorted(needed)}", table
        )
    rows = []
    for (cell, seed), runs in table.groupby(["cell", "seed"], sort=False):
        ordered = runs.sort_values("n")
        right = ordered["all_right"].to_numpy(dtype=bool)
        counted = int(np.argmin(right)) if not right.all() else len(right)  # leading Trues
        rows.append([cell, seed, int(ordered["n"].iloc[counted - 1]) if counted else 0])
    return pd.DataFrame(rows, columns=["cell", "seed", "longest_n"])
