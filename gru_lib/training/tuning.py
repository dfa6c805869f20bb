"""A learning rate per model, chosen on validation data from a small grid.

Every (task, model) pair is trained at every rate of the grid from the tuning seeds (by default
all seeds), with early stopping. The chosen rate is the one whose runs reach the lowest
validation loss, averaged over those seeds; it is then trained from the remaining seeds too, and
the runs at that rate are the model's results. The test set plays no part in the
choice, so the test scores stay an honest estimate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pandas as pd

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.models.spec import ModelSpec
from gru_lib.training.runs import run_experiments

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
    tune_seeds: Sequence[int] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train every spec on every task at every rate in ``rates``; keep each pair's best rate.

    The grid is trained from ``tune_seeds`` (by default all of ``seeds``); the chosen rate is
    then trained from the remaining seeds too. Returns ``(results, choices)``. ``results`` has
    :func:`~gru_lib.training.runs.run_experiments`' columns plus ``learning_rate``, one row per
    task, spec and seed of ``seeds``, all at the chosen rate, with the spec's own name in
    ``model``. ``choices`` has :data:`CHOICE_COLUMNS`: for every task, model and rate, the mean
    over ``tune_seeds`` of each run's best validation loss, and whether that rate was chosen
    (the lowest).

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=32, n_val=16, n_test=16, length=4)
    >>> results, choices = tuned_runs([task], [ModelSpec(units=2)], [0.001, 0.01], [0, 1],
    ...                               epochs=2, patience=1)
    >>> len(results), len(choices), int(choices["chosen"].sum())
    (2, 2, 1)
    """
    specs = list(specs)
    if not specs or not all(isinstance(spec, ModelSpec) for spec in specs):
        raise checks.expected("specs", "a non-empty sequence of ModelSpec", specs)
    seeds = list(seeds)
    tune_seeds = seeds if tune_seeds is None else list(tune_seeds)
    if not tune_seeds or not set(tune_seeds) <= set(seeds):
        raise checks.expected("tune_seeds", f"a non-empty subset of seeds {seeds}", tune_seeds)
    settings = dict(epochs=epochs, patience=patience, batch_size=batch_size)
    runs = _with_val_loss(run_experiments(tasks, specs, tune_seeds, rates=rates, **settings))
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
    rest = [seed for seed in seeds if seed not in tune_seeds]
    if rest:  # the chosen rate only, from the seeds the grid did not use
        by_name = {spec.name: spec for spec in specs}
        more = []
        for task in tasks:
            at_chosen = [
                dataclasses.replace(by_name[row.model], learning_rate=row.learning_rate)
                for row in chosen[chosen["task"] == task.name].itertuples()
            ]
            table = run_experiments([task], at_chosen, rest, **settings)
            table.insert(3, "learning_rate", [r.spec.learning_rate for r in table["record"]])
            more.append(table)
        results = pd.concat([results, *more], ignore_index=True)
        order = {
            "task": [task.name for task in tasks], "model": [spec.name for spec in specs],
            "seed": seeds,
        }  # fmt: skip
        results = results.sort_values(
            list(order), key=lambda column: column.map(order[column.name].index)
        ).reset_index(drop=True)
    return results, choices[CHOICE_COLUMNS]


def _with_val_loss(runs: pd.DataFrame) -> pd.DataFrame:
    """``runs`` with each run's best validation loss, the number a rate is chosen on."""
    runs["val_loss"] = [min(record.history.val_loss) for record in runs["record"]]
    return runs
