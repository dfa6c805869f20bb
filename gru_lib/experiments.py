"""Train several model specifications on several tasks over several seeds, and tabulate the results.

Experiment helpers return data and never plot; the figures come from :mod:`gru_lib.plots`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import keras
import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.metrics import mean_absolute_error, mean_squared_error
from gru_lib.models import build_regressor
from gru_lib.training import TrainingHistory, train

RESULT_COLUMNS = [
    "model", "task", "seed", "parameters", "train_seconds", "epochs", "test_mse", "test_mae",
]  # fmt: skip
SUMMARY_COLUMNS = ["task", "model", "mean", "std", "seeds"]
COMPARISON_COLUMNS = [
    "task", "first_mean", "first_std", "second_mean", "second_std", "ratio", "separated", "verdict",
]  # fmt: skip


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

    Rows come ordered by task, then spec, then seed, as the arguments list them.

    Each run starts from the weights ``build_regressor(..., seed=seed)`` draws and shuffles its
    batches from ``seed``, so a (task, spec, seed) triple always gives the same numbers.
    ``test_mse`` and ``test_mae`` are measured on each task's test part (inputs of shape
    ``(samples, time, features)``), in the task's scaled units. ``train_seconds`` is the
    wall-clock time of the ``fit`` call: setting up the data pipeline, then ``epochs`` epochs of
    training and validation. It excludes TensorFlow's one-off graph tracing, done in a warm-up
    epoch before the first seed (see :func:`_traced_model`).
    With ``keep_histories`` the per-epoch histories come back too, keyed by
    ``(model, task, seed)``.

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(64, 16, 16)
    >>> table = run_experiments([task], [ModelSpec(units=4)], [0], epochs=1)
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
    rows, histories, traced = {}, {}, {}
    for task in tasks:
        models = [_traced_model(task, spec, batch_size, traced) for spec in specs]
        # Seeds outermost, so that a machine whose load drifts slows every model alike.
        for seed in seeds:
            for spec, model in zip(specs, models, strict=True):
                _restart(model, build_regressor(task.input_shape, seed=seed, **spec.build_kwargs()))
                history = train(model, task, epochs=epochs, batch_size=batch_size, seed=seed)
                predictions = _test_predictions(model, task)
                key = (spec.name, task.name, seed)
                rows[key] = {
                    "model": spec.name,
                    "task": task.name,
                    "seed": seed,
                    "parameters": model.count_params(),
                    "train_seconds": history.seconds,
                    "epochs": history.epochs,
                    "test_mse": mean_squared_error(task.y_test, predictions),
                    "test_mae": mean_absolute_error(task.y_test, predictions),
                }
                histories[key] = history
    ordered = [
        rows[(spec.name, task.name, seed)] for task in tasks for spec in specs for seed in seeds
    ]
    table = pd.DataFrame(ordered, columns=RESULT_COLUMNS)
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
    _test_predictions(model, task)
    return model


def _test_predictions(model: keras.Model, task: TaskData) -> np.ndarray:
    """The model's outputs for the task's test inputs, shape ``(test_samples,)``.

    The test parts here hold a few hundred sequences, one batch. ``predict_on_batch`` runs the
    same graph as :func:`gru_lib.training.predict` and returns the same numbers, without building
    a tf.data pipeline per call, which costs more than the forward pass on a small CPU.
    """
    return np.asarray(model.predict_on_batch(task.x_test), dtype=np.float32).reshape(-1)


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


def compare_models(
    results: pd.DataFrame, first: str, second: str, metric: str = "test_mse"
) -> pd.DataFrame:
    """Per task, whether the mean ``metric`` of two models differs by more than the seed spread.

    The two count as ``separated`` when their means differ by more than the sum of their sample
    standard deviations over seeds, that is, when the mean ± std intervals do not overlap. The
    ``verdict`` says how ``first`` compares, in words a page can quote: ``"lower than"``,
    ``"higher than"`` or ``"within the seed spread of"``. ``ratio`` is ``first / second`` of the
    means. Returns ``COMPARISON_COLUMNS``, one row per task where both models ran.

    >>> runs = pd.DataFrame({"task": ["t"] * 4, "model": ["a", "a", "b", "b"], "seed": [0, 1] * 2,
    ...                      "test_mse": [1.0, 1.2, 2.0, 2.2]})
    >>> compare_models(runs, "a", "b")[["ratio", "separated", "verdict"]].to_dict("records")
    [{'ratio': 0.5238095238095238, 'separated': True, 'verdict': 'lower than'}]
    """
    summary = summarize(results, metric)
    for name, model in (("first", first), ("second", second)):
        if model not in set(summary["model"]):
            raise ValueError(
                f"Received an invalid value for argument `{name}`. Expected one of the models in "
                f"`results` {sorted(set(summary['model']))}, got {name}={model!r}."
            )
    stats = summary.pivot(index="task", columns="model", values=["mean", "std"])
    rows = []
    for task in dict.fromkeys(summary["task"]):
        (mean_a, mean_b), (std_a, std_b) = (
            [stats.loc[task, (kind, model)] for model in (first, second)]
            for kind in ("mean", "std")
        )
        if pd.isna(mean_a) or pd.isna(mean_b):
            continue  # one of the two did not run on this task
        separated = bool(abs(mean_a - mean_b) > std_a + std_b)
        verdict = "within the seed spread of"
        if separated:
            verdict = "lower than" if mean_a < mean_b else "higher than"
        rows.append([task, mean_a, std_a, mean_b, std_b, mean_a / mean_b, separated, verdict])
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
