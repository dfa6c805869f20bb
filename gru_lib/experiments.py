"""Train several model specifications on several tasks over several seeds, and tabulate the results.

Experiment helpers return data and never plot; the figures come from :mod:`gru_lib.plots`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import keras
import pandas as pd

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.metrics import mean_absolute_error, mean_squared_error
from gru_lib.models import build_regressor
from gru_lib.training import TrainingHistory, predict, train

RESULT_COLUMNS = [
    "model", "task", "seed", "parameters", "train_seconds", "epochs", "test_mse", "test_mae",
]  # fmt: skip
SUMMARY_COLUMNS = ["task", "model", "mean", "std", "seeds"]


@dataclass(frozen=True)
class ModelSpec:
    """What to build: the arguments of :func:`gru_lib.models.build_regressor` but the input shape.

    ``label`` names the model in tables and legends; by default ``"gru (32)"`` and the like.

    >>> ModelSpec(layer="lstm", units=8).name
    'lstm (8)'
    """

    layer: str = "gru"
    units: int = 32
    activation: str = "tanh"
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    clipnorm: float | None = None
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or f"{self.layer} ({self.units})"

    def build_kwargs(self) -> dict:
        kwargs = asdict(self)
        kwargs.pop("label")
        return kwargs


def run_experiments(
    tasks: Sequence[TaskData],
    specs: Sequence[ModelSpec],
    seeds: Sequence[int],
    *,
    epochs: int,
    batch_size: int = 32,
    keep_histories: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, dict[tuple[str, str, int], TrainingHistory]]:
    """Train every spec on every task from every seed; one row per run, in ``RESULT_COLUMNS``.

    Each run starts from the weights ``build_regressor(..., seed=seed)`` draws and shuffles its
    batches from ``seed``, so a (task, spec, seed) triple always gives the same numbers.
    ``test_mse`` and ``test_mae`` are measured on each task's test part (inputs of shape
    ``(samples, time, features)``), in the task's scaled units. ``train_seconds`` is the
    wall-clock time of the ``epochs`` epochs of training, validation included; it excludes
    TensorFlow's one-off graph tracing, which happens in a warm-up epoch before the first seed
    (see :func:`_traced_model`).
    With ``keep_histories`` the per-epoch histories come back too, keyed by
    ``(model, task, seed)``.

    >>> from gru_lib.data import uniform_mean_task
    >>> table = run_experiments([uniform_mean_task(64, 16, 16)], [ModelSpec(units=4)], [0], epochs=1)
    >>> list(table.columns) == RESULT_COLUMNS, len(table)
    (True, 1)
    """
    tasks = _unique_items(tasks, "tasks", TaskData, lambda task: task.name)
    specs = _unique_items(specs, "specs", ModelSpec, lambda spec: spec.name)
    seeds = [checks.integer(seed, "seeds", minimum=0) for seed in seeds]
    if not seeds or len(set(seeds)) != len(seeds):
        raise ValueError(
            f"Received an invalid value for argument `seeds`. Expected distinct integers, got "
            f"seeds={seeds!r}."
        )
    epochs = checks.integer(epochs, "epochs")
    batch_size = checks.integer(batch_size, "batch_size")
    rows, histories, traced = [], {}, {}
    for task in tasks:
        for spec in specs:
            model = _traced_model(task, spec, batch_size, traced)
            for seed in seeds:
                _restart(model, build_regressor(task.input_shape, seed=seed, **spec.build_kwargs()))
                history = train(model, task, epochs=epochs, batch_size=batch_size, seed=seed)
                predictions = predict(model, task.x_test)
                rows.append({
                    "model": spec.name,
                    "task": task.name,
                    "seed": seed,
                    "parameters": model.count_params(),
                    "train_seconds": history.seconds,
                    "epochs": history.epochs,
                    "test_mse": mean_squared_error(task.y_test, predictions),
                    "test_mae": mean_absolute_error(task.y_test, predictions),
                })  # fmt: skip
                histories[(spec.name, task.name, seed)] = history
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    return (table, histories) if keep_histories else table


def _unique_items(items: Sequence, name: str, kind: type, key) -> list:
    items = list(items)
    if not items or not all(isinstance(item, kind) for item in items):
        raise ValueError(
            f"Received an invalid value for argument `{name}`. Expected a non-empty sequence of "
            f"{kind.__name__}, got {name}={items!r:.200}."
        )
    keys = [key(item) for item in items]
    if len(set(keys)) != len(keys):
        raise ValueError(
            f"Received an invalid value for argument `{name}`. Each must have its own name, got "
            f"names {keys}."
        )
    return items


def _traced_model(
    task: TaskData, spec: ModelSpec, batch_size: int, traced: dict[tuple, keras.Model]
) -> keras.Model:
    """A compiled model for ``spec`` whose graphs are traced for ``task``'s data.

    Tracing costs about a second per model on a small CPU, often more than the training itself.
    So one model is built per architecture and input shape, kept in ``traced``, and reused by
    every task of that shape and every seed, each run starting after :func:`_restart` has reset
    the weights and the optimizer. A warm-up epoch on ``task`` traces whatever batch shapes the
    task brings that earlier tasks did not, so no tracing falls inside a timed run.
    """
    key = (task.input_shape, tuple(sorted(spec.build_kwargs().items())))
    if key not in traced:
        traced[key] = build_regressor(task.input_shape, **spec.build_kwargs())
    model = traced[key]
    train(model, task, epochs=1, batch_size=batch_size)
    predict(model, task.x_test)
    return model


def _restart(model: keras.Model, fresh: keras.Model) -> None:
    """Give ``model`` the state of ``fresh``, an untrained model of the same architecture.

    Afterwards ``model`` trains exactly as ``fresh`` would: same initial weights, and an optimizer
    with zeroed moments, its step counter at 0 and the same learning rate.
    """
    model.set_weights(fresh.get_weights())
    fresh.optimizer.build(fresh.trainable_variables)
    for mine, theirs in zip(model.optimizer.variables, fresh.optimizer.variables, strict=True):
        mine.assign(theirs)


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
        raise ValueError(
            f"Received an invalid value for argument `results`. Expected a pandas DataFrame, got "
            f"{type(results).__name__}."
        )
    missing = {"task", "model", "seed", metric} - set(results.columns)
    if missing:
        raise ValueError(
            f"Received an invalid value for argument `results`. Missing columns {sorted(missing)}."
        )
    if results.empty:
        raise ValueError("Received an invalid value for argument `results`. It has no rows.")
    grouped = results.groupby(["task", "model"], sort=False)[metric]
    return grouped.agg(mean="mean", std="std", seeds="count").reset_index()
