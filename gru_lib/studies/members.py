"""One member's training, through the book's one engine, as one tidy row.

Every study trains its members here: :func:`train_member` turns a :class:`~gru_lib.studies.Budget`
into the engine's settings (epochs of one pass over the training set each, early stopping on the
validation loss), calls :func:`gru_lib.engine.run`, and reports what happened in columns shared by
every study (:data:`ROW_COLUMNS`) plus the engine's test metrics.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.models.spec import ModelSpec
from gru_lib.studies.spec import Budget
from gru_lib.training.engine import TrainingSettings, run

if TYPE_CHECKING:
    import keras

__all__ = ["ROW_COLUMNS", "longest_wait", "train_member", "train_member_keeping_model"]

ROW_COLUMNS = [
    "parameters",
    "best_val_loss",
    "val_curve",
    "evaluations",
    "best_evaluation",
    "updates",
    "best_updates",
    "stopped_early",
    "capped",
    "longest_wait",
    "seconds",
    "train_seconds",
    "compile_seconds",
]


def train_member(task: TaskData, spec: ModelSpec, seed: int, budget: Budget) -> dict:
    """Train ``spec`` on ``task`` from ``seed`` within ``budget``; return the member's row.

    The row holds the engine's test metrics (``test_mse`` ... for a regression), then
    :data:`ROW_COLUMNS`: ``val_curve``, the validation loss after each evaluation (a list);
    ``updates`` done, ``best_updates`` (where the kept weights come from); ``stopped_early``
    (patience ran out) or ``capped`` (the update cap ended it); ``longest_wait``, the most
    evaluations the run went without a new best validation loss before it improved again (the
    longest plateau it escaped, which the patience must exceed); ``seconds`` for the whole member
    (data excluded), ``train_seconds`` of the training epochs alone and ``compile_seconds``, the
    one-off XLA compilation of the epoch (0 when this process had compiled it already).

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=64, n_val=16, n_test=16, length=4)
    >>> budget = Budget(updates=4, batch_size=32, patience=1, train_size=64)
    >>> row = train_member(task, ModelSpec(units=2), 0, budget)
    >>> row["updates"], row["evaluations"], len(row["val_curve"])
    (4, 2, 2)
    """
    return train_member_keeping_model(task, spec, seed, budget)[0]


def train_member_keeping_model(
    task: TaskData, spec: ModelSpec, seed: int, budget: Budget
) -> tuple[dict, keras.Model]:
    """:func:`train_member`, also returning the trained model (with its best weights).

    For a study that stores a few members' weights for a page to analyse.

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=64, n_val=16, n_test=16, length=4)
    >>> budget = Budget(updates=2, batch_size=32, patience=1, train_size=64)
    >>> row, model = train_member_keeping_model(task, ModelSpec(units=2), 0, budget)
    >>> row["parameters"] == model.count_params()
    True
    """
    checks.instance(task, "task", TaskData)
    checks.instance(spec, "spec", ModelSpec)
    seed = checks.integer(seed, "seed", minimum=0)
    checks.instance(budget, "budget", Budget)
    if len(task.x_train) != budget.train_size:
        raise checks.invalid(
            "budget",
            f"Its train_size={budget.train_size} must equal the task's {len(task.x_train)} "
            "training sequences.",
        )
    spec = dataclasses.replace(spec, clipnorm=None, global_clipnorm=budget.global_clipnorm)
    settings = TrainingSettings(
        epochs=budget.evaluations,
        batch_size=budget.batch_size,
        patience=budget.patience,
        min_delta=budget.min_delta,
    )
    start = time.perf_counter()
    record = run(task, spec, seed, settings)
    seconds = time.perf_counter() - start
    history = record.history
    curve = [float(v) for v in history.val_loss]
    evaluations = len(curve)
    per_evaluation = budget.updates_per_evaluation
    row = {
        **record.metrics,
        "parameters": int(record.model.count_params()),
        "best_val_loss": float(np.nanmin(curve)) if np.any(np.isfinite(curve)) else float("nan"),
        "val_curve": curve,
        "evaluations": evaluations,
        "best_evaluation": int(history.best_epoch),
        "updates": evaluations * per_evaluation,
        "best_updates": int(history.best_epoch) * per_evaluation,
        "stopped_early": evaluations < budget.evaluations,
        "capped": evaluations == budget.evaluations,
        "longest_wait": longest_wait(curve, budget.min_delta),
        "seconds": seconds,
        "train_seconds": float(history.seconds),
        "compile_seconds": float(history.compile_seconds),
    }
    return row, record.model


def longest_wait(curve: list[float], min_delta: float = 0.0) -> int:
    """The most evaluations between two successive new bests of ``curve`` (0: always improving).

    A new best is a value below the best so far by more than ``min_delta``, as the engine's early
    stopping counts it.

    A stretch that never ends in a new best (the one patience cut short) does not count: it is a
    wait the run did not survive, while the longest one *survived* is the plateau patience must
    outlast. A NaN (a diverged evaluation) is never a new best, as in the engine.

    >>> longest_wait([1.0, 0.9, 0.95, 0.97, 0.5, 0.6])
    3
    """
    values = np.asarray(curve, dtype=np.float64)
    if values.ndim != 1 or values.size == 0:
        raise checks.expected("curve", "a non-empty list of numbers", values)
    min_delta = checks.non_negative_number(min_delta, "min_delta")
    best, last_best, longest = np.inf, 0, 0
    for index, value in enumerate(values):
        if value < best - min_delta:
            if index > 0:
                longest = max(longest, index - last_best)
            best, last_best = value, index
    return longest
