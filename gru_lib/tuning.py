"""A learning rate per model, chosen on validation data from a small grid.

Every (task, model) pair is trained at every rate of the grid from every seed, with early
stopping. The chosen rate is the one whose runs reach the lowest validation loss, averaged over
the seeds; the runs at that rate are the model's results. The test set plays no part in the
choice, so the test scores stay an honest estimate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.experiments import ModelSpec, run_experiments

__all__ = ["CHOICE_COLUMNS", "tuned_runs"]

CHOICE_COLUMNS = ["task", "model", "learning_rate", "val_loss", "chosen"]


def tuned_runs(
    tasks: Sequence[TaskData],
    specs: Sequence[ModelSpec],
    rates: Sequence[float],
    seeds: Sequence[int],
    *,
    epochs: int,
    patience: int,
    batch_size: int = 32,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train every spec on every task at every rate in ``rates``; keep each pair's best rate.

    Returns ``(results, choices)``. ``results`` has :func:`~gru_lib.experiments.run_experiments`'
    columns plus ``learning_rate``, one row per task, spec and seed, from the chosen rate, with
    the spec's own name in ``model``. ``choices`` has :data:`CHOICE_COLUMNS`: for every task,
    model and rate, the mean over seeds of each run's best validation loss, and whether that rate
    was chosen (the lowest).

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=32, n_val=16, n_test=16, length=4)
    >>> results, choices = tuned_runs([task], [ModelSpec(units=2)], [0.001, 0.01], [0, 1],
    ...                               epochs=2, patience=1)
    >>> len(results), len(choices), int(choices["chosen"].sum())
    (2, 2, 1)
    """
    rates = _rates(rates)
    specs = list(specs)
    if not specs or not all(isinstance(spec, ModelSpec) for spec in specs):
        raise checks._invalid("specs", "a non-empty sequence of ModelSpec", specs)
    # One variant per spec and rate, labelled apart so that one table holds them all.
    variants = {
        (spec.name, rate): dataclasses.replace(
            spec, learning_rate=rate, label=f"{spec.name} @ lr {rate:g}"
        )
        for spec in specs
        for rate in rates
    }
    runs = run_experiments(
        tasks, list(variants.values()), seeds, epochs=epochs, patience=patience,
        batch_size=batch_size,
    )  # fmt: skip
    labels = {variant.name: key for key, variant in variants.items()}
    runs["learning_rate"] = [labels[name][1] for name in runs["model"]]
    runs["model"] = [labels[name][0] for name in runs["model"]]
    runs["val_loss"] = [min(record.history.val_loss) for record in runs["record"]]
    choices = (
        runs.groupby(["task", "model", "learning_rate"], sort=False)["val_loss"]
        .mean()
        .reset_index()
    )
    best = choices.groupby(["task", "model"], sort=False)["val_loss"].transform("min")
    choices["chosen"] = choices["val_loss"] == best
    # A tie keeps the first (smallest-listed) rate only.
    choices["chosen"] &= ~choices.duplicated(["task", "model", "chosen"]) | ~choices["chosen"]
    chosen = choices.loc[choices["chosen"], ["task", "model", "learning_rate"]]
    results = runs.merge(chosen, on=["task", "model", "learning_rate"]).drop(columns="val_loss")
    return results, choices[CHOICE_COLUMNS]


def _rates(rates: object) -> list[float]:
    if isinstance(rates, str) or not isinstance(rates, Sequence) or not rates:
        raise checks._invalid("rates", "a non-empty sequence of learning rates", rates)
    values = [checks.positive_number(rate, "rates") for rate in rates]
    if len(set(values)) != len(values):
        raise checks._invalid("rates", "distinct learning rates", np.asarray(values))
    return values
