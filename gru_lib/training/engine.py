"""The book's one training engine: :func:`fit` trains a model, :func:`run` runs one spec on one
task from one seed, :func:`predict` and :func:`score_predictions` test it.

Every model in the book trains here. A whole epoch is one program compiled by XLA
(:mod:`gru_lib.training.program`), reused across seeds and learning rates; ``benchmarks/``
measures the gain against ``model.fit``. The model is any compiled Keras model whose output
matches the task's targets (see :class:`~gru_lib.data.TaskData`): a regression trains on the mean
squared error, a classification on the cross-entropy of logits. The optimizer is the model's own,
with its clipping settings. The same model, task and seed give bit-identical histories.

Grids of runs (seeds × learning rates × specs) are :func:`gru_lib.training.runs.run_experiments`.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras
import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.models.build import build_model
from gru_lib.models.spec import ModelSpec
from gru_lib.training.metrics import mean_absolute_error, mean_squared_error
from gru_lib.training.program import compiled, restart, shared_model
from gru_lib.training.records import RunRecord, TrainingHistory, TrainingSettings

# The records are the engine's vocabulary: `engine.TrainingSettings(...)` reads as one sentence.
__all__ = [
    "RunRecord",
    "TrainingHistory",
    "TrainingSettings",
    "fit",
    "predict",
    "run",
    "score_predictions",
]


def fit(
    model: keras.Model,
    task: TaskData,
    settings: TrainingSettings,
    *,
    seed: int = 0,
    callbacks: Sequence[keras.callbacks.Callback] = (),
) -> TrainingHistory:
    """Train a compiled Keras ``model`` on ``task``'s training part, validating every epoch.

    ``model`` maps ``(batch, time, features)`` to outputs shaped like the task's targets (see
    :func:`gru_lib.models.build.build_model`). Batches are shuffled from ``seed``. ``callbacks`` get
    ``on_train_begin``, ``on_epoch_end`` (with ``loss`` and ``val_loss``) and ``on_train_end``,
    as from ``model.fit``, for example the command line's progress bar.

    >>> from gru_lib.data import uniform_mean_task
    >>> from gru_lib.models.build import build_regressor
    >>> task = uniform_mean_task(n_train=100, n_val=20, n_test=20)
    >>> model = build_regressor(task.input_shape, units=4)
    >>> fit(model, task, TrainingSettings(epochs=3)).epochs
    3
    """
    _check(model, "model", keras.Model)
    _check(task, "task", TaskData)
    _check(settings, "settings", TrainingSettings)
    seed = checks.integer(seed, "seed", minimum=0)
    return compiled(model, task.classes).train(task, settings, seed, list(callbacks))


def run(task: TaskData, spec: ModelSpec, seed: int, settings: TrainingSettings) -> RunRecord:
    """Build ``spec`` for ``task`` with weights drawn from ``seed``, train it, and test it.

    Models of the same spec and input shape share one compiled program: the first run compiles
    it, later runs (other seeds, other tasks of that shape) reuse it, which makes a sweep over
    seeds cost little more than its arithmetic.

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=64, n_val=16, n_test=16)
    >>> record = run(task, ModelSpec(units=4), 0, TrainingSettings(2))
    >>> record.predictions.shape, sorted(record.metrics)[:2]
    ((16,), ['test_mae', 'test_mse'])
    """
    _check(task, "task", TaskData)
    _check(spec, "spec", ModelSpec)
    seed = checks.integer(seed, "seed", minimum=0)
    _check(settings, "settings", TrainingSettings)
    fresh = build_model(spec, task.input_shape, classes=task.classes, steps=task.steps, seed=seed)
    shared = shared_model(spec, task)
    restart(shared, fresh)
    programs = compiled(shared, task.classes)
    history = programs.train(task, settings, seed, [])
    fresh.set_weights(shared.get_weights())
    predictions = programs.predict(task.x_test, task.y_test.shape)
    return RunRecord(
        task=task.name,
        spec=spec,
        seed=seed,
        model=fresh,
        history=history,
        predictions=predictions,
        metrics=score_predictions(task, predictions),
    )


def predict(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """The outputs of ``model`` for inputs ``x`` ``(batch, time, features)``, as a NumPy array.

    A regressor with one output per sequence gives ``(batch,)``; any other model its outputs as
    they are, for example logits ``(batch, time, classes)``. It is the same compiled forward pass
    the engine scores test parts with, so a prediction made here equals the one in a
    :class:`RunRecord` bit for bit.

    >>> from gru_lib.models.build import build_regressor
    >>> predict(build_regressor((5, 1), units=2), np.zeros((3, 5, 1))).shape
    (3,)
    """
    _check(model, "model", keras.Model)
    x = checks.finite_array(x, "x", ndim=3)
    outputs = compiled(model).forward(x)
    if outputs.ndim == 2 and outputs.shape[1] == 1:  # (batch, 1): one number per sequence
        return outputs[:, 0]
    return outputs


def score_predictions(task: TaskData, predictions: np.ndarray) -> dict[str, float]:
    """Score ``predictions`` for ``task``'s test part.

    A regression gets ``test_mse``, ``test_mae`` and ``test_rmse`` in the task's (scaled) units,
    and, when the task has a scaler, ``test_rmse_original`` and ``test_mae_original`` in the
    series' own units. A classification gets ``test_loss`` (mean cross-entropy, in nats) and
    ``test_accuracy``. Predictions are shaped as :class:`RunRecord` describes.

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=8, n_val=4, n_test=4)
    >>> score_predictions(task, task.y_test)["test_mse"]
    0.0
    """
    _check(task, "task", TaskData)
    if task.classes:
        logits = checks.finite_array(predictions, "predictions", ndim=task.y_test.ndim + 1)
        expected = (*task.y_test.shape, task.classes)
    else:
        logits = checks.finite_array(predictions, "predictions", ndim=task.y_test.ndim)
        expected = task.y_test.shape
    if logits.shape != expected:
        raise checks.invalid(
            "predictions",
            f"Expected shape {expected} for the task's test part, got {logits.shape}.",
        )
    if task.classes:
        scores = logits.astype(np.float64).reshape(-1, task.classes)
        labels = task.y_test.reshape(-1)
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return {
            "test_loss": float(-log_probs[np.arange(len(labels)), labels].mean()),
            "test_accuracy": float((scores.argmax(axis=1) == labels).mean()),
        }
    y_true, y_pred = task.y_test.reshape(-1), logits.reshape(-1)
    metrics = {
        "test_mse": mean_squared_error(y_true, y_pred),
        "test_mae": mean_absolute_error(y_true, y_pred),
    }
    metrics["test_rmse"] = float(np.sqrt(metrics["test_mse"]))
    if task.scaler is not None:
        true_units = task.scaler.inverse_transform(y_true)
        predicted_units = task.scaler.inverse_transform(y_pred)
        metrics["test_rmse_original"] = float(
            np.sqrt(mean_squared_error(true_units, predicted_units))
        )
        metrics["test_mae_original"] = mean_absolute_error(true_units, predicted_units)
    return metrics


def _check(value: object, name: str, kind: type) -> None:
    if not isinstance(value, kind):
        raise checks.invalid(f"{name}", f"Expected a {kind.__name__}, got {name}={value!r:.200}.")
