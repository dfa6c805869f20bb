"""The book's one training engine: whole epochs compiled by XLA, reused across seeds and runs.

Why not ``model.fit``? On a small CPU a training step of the book's models does a few MFLOP of
arithmetic, tens of microseconds, while ``fit`` spends 10 to 20 ms per step dispatching ops one by
one. Here a whole epoch (every batch's forward pass, gradient and optimizer update, then the
validation loss) is one ``tf.function(jit_compile=True)``: XLA compiles it once into a single
program, and each epoch is one call. The compiled program belongs to a model object, so
:func:`run` keeps one model per architecture and input shape and gives it each seed's fresh
weights instead of compiling again. ``benchmarks/`` measures the gain against ``fit``.

The model is any compiled Keras model whose output matches the task's targets (see
:class:`~gru_lib.data.TaskData`): a regression trains on the mean squared error, a classification
on the cross-entropy of logits. The optimizer is the model's own, with its clipping settings.

Determinism: batches are drawn from a NumPy generator seeded with ``seed``, and the compiled
program is a fixed sequence of operations, so the same model, task and seed give bit-identical
histories (tested in ``tests/test_engine.py``).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

import keras
import numpy as np
import tensorflow as tf

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.metrics import mean_absolute_error, mean_squared_error
from gru_lib.models import build_model
from gru_lib.specs import ModelSpec

__all__ = [
    "RunRecord",
    "TrainingHistory",
    "TrainingSettings",
    "clear_cache",
    "fit",
    "predict",
    "run",
    "run_checked",
    "score_predictions",
]


@dataclass(frozen=True)
class TrainingHistory:
    """What training did, epoch by epoch.

    ``loss`` and ``val_loss`` are the mean training and validation losses of each epoch;
    ``epoch_seconds`` their wall-clock times and ``seconds`` their sum. ``compile_seconds`` is the
    one-off cost of compiling the epoch for a new model or shape (0 when it was reused).
    ``best_epoch`` (counted from 1) is the epoch whose weights the model ends with: the last one,
    or with early stopping the one of lowest validation loss.

    >>> TrainingHistory(loss=[2.0, 1.0], val_loss=[2.5, 1.5], seconds=0.2).epochs
    2
    """

    loss: list[float]
    val_loss: list[float]
    seconds: float
    epoch_seconds: list[float] = field(default_factory=list)
    compile_seconds: float = 0.0
    best_epoch: int | None = None

    def __post_init__(self) -> None:
        # A diverged run's losses are NaN: recorded, not refused. Only the form is checked.
        for name in ("loss", "val_loss", "epoch_seconds"):
            values = checks.instance(getattr(self, name), name, (list, tuple, np.ndarray))
            if np.ndim(values) != 1:
                raise checks.expected(name, "a list of numbers, one per epoch", values)
        checks.non_negative_number(self.seconds, "seconds")
        checks.non_negative_number(self.compile_seconds, "compile_seconds")
        if self.best_epoch is not None:
            checks.integer(self.best_epoch, "best_epoch")

    @property
    def epochs(self) -> int:
        return len(self.loss)


@dataclass(frozen=True)
class TrainingSettings:
    """How long and in what batches to train.

    ``epochs`` is the most epochs to run. With ``patience``, training stops once the validation
    loss has not improved for ``patience`` epochs, and the model gets back the weights of its best
    epoch (early stopping). As in Keras's ``EarlyStopping``, a fall of ``min_delta`` or less does
    not count as an improvement.

    >>> TrainingSettings(epochs=50, patience=5).batch_size
    32
    """

    epochs: int
    batch_size: int = 32
    patience: int | None = None
    min_delta: float = 0.0

    def __post_init__(self) -> None:
        checks.integer(self.epochs, "epochs")
        checks.integer(self.batch_size, "batch_size")
        if self.patience is not None:
            checks.integer(self.patience, "patience")
        checks.non_negative_number(self.min_delta, "min_delta")


@dataclass(frozen=True)
class RunRecord:
    """One training run and what it produced.

    ``model`` is this run's own trained model. ``predictions`` are its outputs for the task's
    test inputs: ``(test,)`` or ``(test, steps)`` for a regression, logits ``(test, classes)`` or
    ``(test, steps, classes)`` for a classification. ``metrics`` are those of
    :func:`score_predictions`.

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=16, n_val=4, n_test=4, length=3)
    >>> record = run(task, ModelSpec(units=2), 0, TrainingSettings(1))
    >>> record.seed, record.predictions.shape
    (0, (4,))
    """

    task: str
    spec: ModelSpec
    seed: int
    model: keras.Model
    history: TrainingHistory
    predictions: np.ndarray
    metrics: dict[str, float]

    def __post_init__(self) -> None:
        checks.text(self.task, "task")
        checks.instance(self.spec, "spec", ModelSpec)
        checks.integer(self.seed, "seed", minimum=0)
        checks.instance(self.model, "model", keras.Model)
        checks.instance(self.history, "history", TrainingHistory)
        checks.instance(self.metrics, "metrics", dict)


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
    :func:`gru_lib.models.build_model`). Batches are shuffled from ``seed``. ``callbacks`` get
    ``on_train_begin``, ``on_epoch_end`` (with ``loss`` and ``val_loss``) and ``on_train_end``,
    as from ``model.fit``, for example the command line's progress bar.

    >>> from gru_lib.data import uniform_mean_task
    >>> from gru_lib.models import build_regressor
    >>> task = uniform_mean_task(n_train=100, n_val=20, n_test=20)
    >>> model = build_regressor(task.input_shape, units=4)
    >>> fit(model, task, TrainingSettings(epochs=3)).epochs
    3
    """
    _check(model, "model", keras.Model)
    _check(task, "task", TaskData)
    _check(settings, "settings", TrainingSettings)
    seed = checks.integer(seed, "seed", minimum=0)
    return _compiled(model, task.classes).train(task, settings, seed, list(callbacks))


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
    return run_checked(task, spec, seed, settings)


def run_checked(
    task: TaskData, spec: ModelSpec, seed: int, settings: TrainingSettings
) -> RunRecord:
    """:func:`run` for arguments already validated: the inner entry of a caller that checked
    them once at its own boundary (:func:`gru_lib.experiments.run_experiments`). The objects
    validate themselves when built; only ``seed`` must be an integer >= 0.

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=16, n_val=4, n_test=4, length=3)
    >>> run_checked(task, ModelSpec(units=2), 0, TrainingSettings(1)).seed
    0
    """
    fresh = build_model(spec, task.input_shape, classes=task.classes, steps=task.steps, seed=seed)
    # The learning rate is an optimizer variable that _restart copies from the fresh model, so
    # specs that differ only in it share one compiled program (a learning-rate grid compiles once).
    architecture = {k: v for k, v in spec.build_kwargs().items() if k != "learning_rate"}
    key = (repr(architecture), task.input_shape, task.classes, task.steps)
    if key not in _SHARED_MODELS:  # a second copy, which keeps its compiled program
        _SHARED_MODELS[key] = build_model(
            spec, task.input_shape, classes=task.classes, steps=task.steps
        )
    shared = _SHARED_MODELS[key]
    _restart(shared, fresh)
    compiled = _compiled(shared, task.classes)
    history = compiled.train(task, settings, seed, [])
    fresh.set_weights(shared.get_weights())
    predictions = compiled.predict(task.x_test, task.y_test.shape)
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

    The same compiled forward pass the engine scores test parts with, so a prediction made here
    equals the one in a :class:`RunRecord` bit for bit.

    >>> from gru_lib.models import build_regressor
    >>> predict(build_regressor((5, 1), units=2), np.zeros((3, 5, 1))).shape
    (3, 1)
    """
    _check(model, "model", keras.Model)
    x = checks.finite_array(x, "x", ndim=3)
    compiled = _COMPILED.get(model) or _compiled(model, 0)
    return compiled.forward(x)


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


def clear_cache() -> None:
    """Forget the models and compiled programs kept for reuse (they hold memory, not results).

    >>> clear_cache()
    """
    _SHARED_MODELS.clear()
    _COMPILED.clear()


class _CompiledModel:
    """The XLA programs of one model: a whole training epoch, and a forward pass."""

    def __init__(self, model: keras.Model, classes: int) -> None:
        self.model = model
        self.classes = classes
        model.optimizer.build(model.trainable_variables)
        self._epoch = tf.function(self._epoch_graph, jit_compile=True)
        self._forward = tf.function(self._forward_graph, jit_compile=True)
        self._compiled_shapes: set[tuple] = set()

    def train(
        self, task: TaskData, settings: TrainingSettings, seed: int, callbacks: list
    ) -> TrainingHistory:
        data = [tf.constant(a) for a in (task.x_train, task.y_train, task.x_val, task.y_val)]
        samples, batch_size = len(task.x_train), settings.batch_size
        # Compiling runs an epoch whose effects are undone; its own shuffle leaves ours untouched.
        compile_seconds = self._compile_once(data, next(_batches(samples, batch_size, None)))
        batches = _batches(samples, batch_size, np.random.default_rng(seed))
        for callback in callbacks:
            callback.set_model(self.model)
            callback.on_train_begin()
        losses, val_losses, seconds = [], [], []
        best = (np.inf, 0, None)  # (validation loss, epoch, weights)
        for epoch in range(settings.epochs):
            order, weights = next(batches)
            start = time.perf_counter()
            loss, val_loss = (float(v) for v in self._epoch(*data, order, weights))
            seconds.append(time.perf_counter() - start)
            losses.append(loss)
            val_losses.append(val_loss)
            for callback in callbacks:
                callback.on_epoch_end(epoch, {"loss": loss, "val_loss": val_loss})
            if settings.patience is None:
                continue
            if val_loss < best[0] - settings.min_delta:
                best = (val_loss, epoch, self.model.get_weights())
            elif epoch - best[1] >= settings.patience:
                break
        best_epoch = len(losses)
        if settings.patience is not None and best[2] is not None:
            self.model.set_weights(best[2])
            best_epoch = best[1] + 1
        for callback in callbacks:
            callback.on_train_end()
        return TrainingHistory(
            loss=losses,
            val_loss=val_losses,
            seconds=float(sum(seconds)),
            epoch_seconds=seconds,
            compile_seconds=compile_seconds,
            best_epoch=best_epoch,
        )

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self._forward(tf.constant(x)), dtype=np.float32)

    def predict(self, x: np.ndarray, target_shape: tuple) -> np.ndarray:
        outputs = self.forward(x)
        if not self.classes:
            outputs = outputs.reshape(target_shape)  # (batch, 1) -> (batch,) for last-step targets
        return outputs

    def _compile_once(self, data: list, batch_plan: tuple) -> float:
        """Compile the epoch for these shapes outside any timed epoch, leaving no trace.

        XLA compiles on a program's first call, so the first call runs one real epoch; the
        weights and optimizer state it changed are then put back exactly as they were.
        """
        shapes = tuple(tuple(a.shape) for a in (*data, batch_plan[0]))
        if shapes in self._compiled_shapes:
            return 0.0
        weights = self.model.get_weights()
        optimizer_state = [v.numpy() for v in self.model.optimizer.variables]
        start = time.perf_counter()
        self._epoch(*data, *batch_plan)
        seconds = time.perf_counter() - start
        self.model.set_weights(weights)
        for variable, value in zip(self.model.optimizer.variables, optimizer_state, strict=True):
            variable.assign(value)
        self._compiled_shapes.add(shapes)
        return seconds

    def _loss_per_sample(self, y, outputs):
        """Each sample's loss ``(batch, targets)``: one column per target step."""
        if self.classes:
            losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=outputs)
        else:
            losses = tf.square(tf.reshape(outputs, tf.shape(y)) - y)
        return tf.reshape(losses, (tf.shape(y)[0], -1))

    def _epoch_graph(self, x, y, x_val, y_val, order, weights):
        """One epoch: ``order`` ``(batches, batch_size)`` holds sample indices, ``weights`` 1 for a
        real sample and 0 for the padding that fills the last batch; then the validation loss."""
        model, optimizer = self.model, self.model.optimizer
        variables = model.trainable_variables

        def step(i, total):
            batch_weights = weights[i]
            x_batch, y_batch = tf.gather(x, order[i]), tf.gather(y, order[i])
            with tf.GradientTape() as tape:
                per_sample = tf.reduce_mean(
                    self._loss_per_sample(y_batch, model(x_batch, training=True)), axis=1
                )
                # The mean over the batch's real samples, as fit's smaller last batch has.
                loss = tf.reduce_sum(per_sample * batch_weights) / tf.reduce_sum(batch_weights)
            gradients = tape.gradient(loss, variables)
            optimizer.apply_gradients(zip(gradients, variables, strict=True))
            return i + 1, total + loss * tf.reduce_sum(batch_weights)

        count = order.shape[0]
        _, total = tf.while_loop(
            lambda i, _: i < count, step, (0, tf.constant(0.0)), maximum_iterations=count
        )
        val_loss = tf.reduce_mean(self._loss_per_sample(y_val, model(x_val, training=False)))
        return total / tf.reduce_sum(weights), val_loss

    def _forward_graph(self, x):
        return self.model(x, training=False)


def _batches(samples: int, batch_size: int, rng: np.random.Generator | None):
    """Endless epochs of shuffled batches: ``(order, weights)``, each ``(batches, batch_size)``.

    Without ``rng`` the samples come in order.

    The last batch is padded with index 0 at weight 0, so every epoch has one shape and one
    compiled program serves them all.
    """
    count = -(-samples // batch_size)
    padding = count * batch_size - samples
    weights = np.concatenate([np.ones(samples), np.zeros(padding)]).astype(np.float32)
    while True:
        shuffled = np.arange(samples) if rng is None else rng.permutation(samples)
        order = np.concatenate([shuffled, np.zeros(padding, dtype=np.int64)])
        yield (
            order.reshape(count, batch_size).astype(np.int32),
            weights.reshape(count, batch_size),
        )


# Compiled programs per model object; they go when the model goes.
_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# One trainable model per (spec, input shape, classes, steps), reused by every seed.
_SHARED_MODELS: dict[tuple, keras.Model] = {}


def _compiled(model: keras.Model, classes: int) -> _CompiledModel:
    compiled = _COMPILED.get(model)
    if compiled is None or compiled.classes != classes:
        if getattr(model, "optimizer", None) is None:
            raise checks.invalid(
                "model",
                "Expected a compiled model "
                f"(model.compile(optimizer=...)), got model {model.name!r} without an optimizer.",
            )
        compiled = _COMPILED[model] = _CompiledModel(model, classes)
    return compiled


def _restart(model: keras.Model, fresh: keras.Model) -> None:
    """Give ``model`` the state of ``fresh``, an untrained model of the same architecture.

    Afterwards ``model`` trains exactly as ``fresh`` would: same initial weights, and an optimizer
    with zeroed moments, its step counter at 0 and the same learning rate.
    """
    model.set_weights(fresh.get_weights())
    model.optimizer.build(model.trainable_variables)
    fresh.optimizer.build(fresh.trainable_variables)
    for mine, theirs in zip(model.optimizer.variables, fresh.optimizer.variables, strict=True):
        mine.assign(theirs)


def _check(value: object, name: str, kind: type) -> None:
    if not isinstance(value, kind):
        raise checks.invalid(f"{name}", f"Expected a {kind.__name__}, got {name}={value!r:.200}.")
