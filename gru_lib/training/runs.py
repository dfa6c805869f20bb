"""Train several model specifications on several tasks over several seeds, and tabulate the results.

Experiment helpers return data and never plot; the figures come from :mod:`gru_lib.plots`.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import replace

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.models.spec import ModelSpec
from gru_lib.training.engine import RunRecord, TrainingSettings, run

__all__ = [
    "METRIC_COLUMNS",
    "RESULT_COLUMNS",
    "SUMMARY_COLUMNS",
    "records_table",
    "run_experiments",
    "summarize",
]

RESULT_COLUMNS = [
    "model", "task", "seed", "parameters", "train_seconds", "epochs", "test_mse", "test_mae",
]  # fmt: skip
# Further metric columns, present when some run reports them (see
# gru_lib.training.engine.score_predictions).
METRIC_COLUMNS = [
    "test_rmse", "test_rmse_original", "test_mae_original", "test_loss", "test_accuracy",
]  # fmt: skip
SUMMARY_COLUMNS = ["task", "model", "mean", "std", "seeds"]


def run_experiments(
    tasks: Sequence[TaskData],
    specs: Sequence[ModelSpec],
    seeds: Sequence[int],
    *,
    rates: Sequence[float] | None = None,
    epochs: int,
    batch_size: int = 32,
    patience: int | None = None,
    executor: Executor | None = None,
) -> pd.DataFrame:
    """Train every spec on every task from every seed (and at every rate of ``rates``) through
    :func:`gru_lib.training.engine.run`: the book's one way to run a grid.

    Returns one row per run, ordered by task, then spec, then seed, as the arguments list them:
    ``RESULT_COLUMNS``, then whichever of ``METRIC_COLUMNS`` the tasks report (a regression's
    ``test_mse`` and ``test_mae``, a classification's ``test_loss`` and ``test_accuracy``; a
    metric a task does not have is NaN), then ``record``, the run's
    :class:`~gru_lib.training.engine.RunRecord` with its trained model, history and test
    predictions.

    Without ``rates`` each spec trains at its own learning rate. With ``rates``, every spec trains
    at each of them, and the table gains a ``learning_rate`` column after ``seed``: the grid a
    learning rate is tuned on (:func:`gru_lib.training.tuning.tuned_runs`). Specs that differ
    only in their rate share one compiled program.

    Each run starts from the weights ``seed`` draws and shuffles its batches from ``seed``, so a
    (task, spec, seed) triple always gives the same numbers, wherever it runs. ``epochs`` is the
    most epochs a run trains; with ``patience`` it stops early (see
    :class:`~gru_lib.training.engine.TrainingSettings`). ``train_seconds`` is the time of the
    training epochs, without the one-off compilation.

    Runs go one after another in this process, sharing compiled programs, unless ``executor``
    (any :class:`concurrent.futures.Executor`: a process pool, or a Dask cluster's
    ``client.get_executor()``) is given: then every run is submitted to it, and the table is the
    same.

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=64, n_val=16, n_test=16)
    >>> table = run_experiments([task], [ModelSpec(units=4)], [0], epochs=1)
    >>> list(table.columns[:8]) == RESULT_COLUMNS, len(table)
    (True, 1)
    """
    tasks = _unique_items(tasks, "tasks", TaskData, lambda task: task.name)
    specs = _unique_items(specs, "specs", ModelSpec, lambda spec: spec.name)
    seeds = [checks.integer(seed, "seeds", minimum=0) for seed in seeds]
    if not seeds or len(set(seeds)) != len(seeds):
        raise checks.invalid("seeds", f"Expected distinct integers, got seeds={seeds!r}.")
    if executor is not None and not isinstance(executor, Executor):
        raise checks.invalid(
            "executor", f"Expected a concurrent.futures.Executor, got executor={executor!r:.200}."
        )
    settings = TrainingSettings(epochs=epochs, batch_size=batch_size, patience=patience)
    grid = [[spec] for spec in specs]
    if rates is not None:
        grid = [[replace(spec, learning_rate=rate) for rate in _rates(rates)] for spec in specs]
    variants = [variant for row in grid for variant in row]
    # Seeds outermost, so that a machine whose load drifts slows every model alike.
    plan = [(task, spec, seed) for task in tasks for seed in seeds for spec in variants]
    if executor is None:
        records = [run(task, spec, seed, settings) for task, spec, seed in plan]
    else:
        futures = [executor.submit(run, task, spec, seed, settings) for task, spec, seed in plan]
        records = [future.result() for future in futures]
    by_key = {(r.task, r.spec, r.seed): r for r in records}
    ordered = [
        by_key[(task.name, spec, seed)] for task in tasks for spec in variants for seed in seeds
    ]
    return records_table(ordered, rates=rates is not None)


def records_table(records: Sequence[RunRecord], *, rates: bool = False) -> pd.DataFrame:
    """The table :func:`run_experiments` returns, for ``records`` in the order given; with
    ``rates``, a ``learning_rate`` column (each run's) after ``seed``.

    >>> records_table([]).columns.tolist()[-1]
    'record'
    """
    if not isinstance(records, Sequence) or not all(isinstance(r, RunRecord) for r in records):
        raise checks.invalid(
            "records", f"Expected a sequence of RunRecord, got records={records!r:.200}."
        )
    rows = [
        {
            "model": record.spec.name,
            "task": record.task,
            "seed": record.seed,
            "learning_rate": record.spec.learning_rate,
            "parameters": record.model.count_params(),
            "train_seconds": record.history.seconds,
            "epochs": record.history.epochs,
            **record.metrics,
            "record": record,
        }
        for record in records
    ]
    reported = {name for record in records for name in record.metrics}
    metrics = [c for c in METRIC_COLUMNS if c in reported]
    columns = [*RESULT_COLUMNS, *metrics, "record"]
    if checks.flag(rates, "rates"):
        columns.insert(columns.index("seed") + 1, "learning_rate")
    return pd.DataFrame(rows, columns=columns)


def _unique_items(items: Sequence, name: str, kind: type, key) -> list:
    items = list(items)
    if not items or not all(isinstance(item, kind) for item in items):
        raise checks.invalid(
            f"{name}",
            f"Expected a non-empty sequence of {kind.__name__}, got {name}={items!r:.200}.",
        )
    keys = [key(item) for item in items]
    if len(set(keys)) != len(keys):
        raise checks.invalid(f"{name}", f"Each must have its own name, got names {keys}.")
    return items


def summarize(results: pd.DataFrame, metric: str = "test_mse") -> pd.DataFrame:
    """Mean and standard deviation of ``metric`` over seeds, one row per (task, model).

    Returns ``SUMMARY_COLUMNS``, in the order the pairs first appear in ``results``. The standard
    deviation is the sample one (``ddof=1``); with a single seed it is NaN.

    >>> runs = pd.DataFrame({"task": ["t", "t"], "model": ["m", "m"], "seed": [0, 1],
    ...                      "test_mse": [1.0, 3.0]})
    >>> summarize(runs).to_dict("records")
    [{'task': 't', 'model': 'm', 'mean': 2.0, 'std': 1.4142135623730951, 'seeds': 2}]
    """
    if not isinstance(results, pd.DataFrame):
        raise checks.invalid(
            "results", f"Expected a pandas DataFrame, got {type(results).__name__}."
        )
    missing = {"task", "model", "seed", metric} - set(results.columns)
    if missing:
        raise checks.invalid("results", f"Missing columns {sorted(missing)}.")
    if results.empty:
        raise checks.invalid("results", "It has no rows.")
    grouped = results.groupby(["task", "model"], sort=False)[metric]
    return grouped.agg(mean="mean", std="std", seeds="count").reset_index()


def _rates(rates: object) -> list[float]:
    if isinstance(rates, str) or not isinstance(rates, Sequence) or not rates:
        raise checks.expected("rates", "a non-empty sequence of learning rates", rates)
    values = [checks.positive_number(rate, "rates") for rate in rates]
    if len(set(values)) != len(values):
        raise checks.expected("rates", "distinct learning rates", np.asarray(values))
    return values
