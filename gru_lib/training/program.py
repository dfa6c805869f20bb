"""The engine's XLA programs: a whole training epoch and a forward pass, compiled once per model.

Why not ``model.fit``? On a small CPU a training step of the book's models does a few MFLOP of
arithmetic, tens of microseconds, while ``fit`` spends 10 to 20 ms per step dispatching ops one by
one. Here a whole epoch (every batch's forward pass, gradient and optimizer update, then the
validation loss) is one ``tf.function(jit_compile=True)``: XLA compiles it once into a single
program, and each epoch is one call. The programs belong to a model object; :func:`shared_model`
keeps one model per architecture and input shape, and :func:`restart` gives it a fresh model's
state, so every seed of a sweep reuses one compiled program.

Determinism: batches are drawn from a NumPy generator seeded with the run's seed, and the
compiled program is a fixed sequence of operations, so the same model, task and seed give
bit-identical histories (tested in ``tests/test_engine.py``).
"""

from __future__ import annotations

import time
import weakref

import keras
import numpy as np
import tensorflow as tf

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)
from gru_lib.data.task import TaskData
from gru_lib.models.build import build_model
from gru_lib.models.spec import ModelSpec
from gru_lib.training.records import TrainingHistory, TrainingSettings

# The engine's machinery: gru_lib.training.engine is its one caller and validates what reaches it.
__all__ = ["clear_cache"]


class _CompiledModel:
    """The XLA programs of one model: a whole training epoch, and a forward pass."""

    def __init__(self, model: keras.Model, classes: int) -> None:
        self.model = model
        self.classes = classes
        model.optimizer.build(model.trainable_variables)
        self._epoch = tf.function(self._epoch_graph, jit_compile=True)
        self._traced_epoch = None  # the epoch that also records each step; built when asked for
        self._forward = tf.function(self._forward_graph, jit_compile=True)
        self._compiled_shapes: set[tuple] = set()

    def train(
        self, task: TaskData, settings: TrainingSettings, seed: int, callbacks: list
    ) -> TrainingHistory:
        data = [tf.constant(a) for a in (task.x_train, task.y_train, task.x_val, task.y_val)]
        samples, batch_size = len(task.x_train), settings.batch_size
        epoch_program = self._epoch
        if settings.trace_steps:
            if self._traced_epoch is None:
                self._traced_epoch = tf.function(self._traced_epoch_graph, jit_compile=True)
            epoch_program = self._traced_epoch
        # Compiling runs an epoch whose effects are undone; its own shuffle leaves ours untouched.
        compile_seconds = self._compile_once(
            epoch_program, data, next(_batches(samples, batch_size, None))
        )
        batches = _batches(samples, batch_size, np.random.default_rng(seed))
        for callback in callbacks:
            callback.set_model(self.model)
            callback.on_train_begin()
        losses, val_losses, seconds, step_losses, step_norms = [], [], [], [], []
        best = (np.inf, 0, None)  # (validation loss, epoch, weights)
        for epoch in range(settings.epochs):
            order, weights = next(batches)
            start = time.perf_counter()
            loss, val_loss, *steps = epoch_program(*data, order, weights)
            loss, val_loss = float(loss), float(val_loss)
            seconds.append(time.perf_counter() - start)
            if steps:
                step_losses.extend(np.asarray(steps[0], dtype=float).tolist())
                step_norms.extend(np.asarray(steps[1], dtype=float).tolist())
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
            step_loss=step_losses,
            step_gradient_norm=step_norms,
        )

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self._forward(tf.constant(x)), dtype=np.float32)

    def predict(self, x: np.ndarray, target_shape: tuple) -> np.ndarray:
        outputs = self.forward(x)
        if not self.classes:
            outputs = outputs.reshape(target_shape)  # (batch, 1) -> (batch,) for last-step targets
        return outputs

    def _compile_once(self, program, data: list, batch_plan: tuple) -> float:
        """Compile the epoch for these shapes outside any timed epoch, leaving no trace.

        XLA compiles on a program's first call, so the first call runs one real epoch; the
        weights and optimizer state it changed are then put back exactly as they were.
        """
        shapes = (program is self._epoch, *(tuple(a.shape) for a in (*data, batch_plan[0])))
        if shapes in self._compiled_shapes:
            return 0.0
        weights = self.model.get_weights()
        optimizer_state = [v.numpy() for v in self.model.optimizer.variables]
        start = time.perf_counter()
        program(*data, *batch_plan)
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

    def _update(self, x, y, order, weights, i):
        """Update on batch ``i``; return its loss and its gradients before any clipping.

        ``order`` ``(batches, batch_size)`` holds sample indices, ``weights`` 1 for a real sample
        and 0 for the padding that fills the last batch.
        """
        model = self.model
        variables = model.trainable_variables
        x_batch, y_batch = tf.gather(x, order[i]), tf.gather(y, order[i])
        with tf.GradientTape() as tape:
            per_sample = tf.reduce_mean(
                self._loss_per_sample(y_batch, model(x_batch, training=True)), axis=1
            )
            # The mean over the batch's real samples, as fit's smaller last batch has.
            loss = tf.reduce_sum(per_sample * weights[i]) / tf.reduce_sum(weights[i])
        gradients = tape.gradient(loss, variables)
        model.optimizer.apply_gradients(zip(gradients, variables, strict=True))
        return loss, gradients

    def _epoch_graph(self, x, y, x_val, y_val, order, weights):
        """One epoch of updates (see :meth:`_update`), then the validation loss."""

        def step(i, total):
            loss, _ = self._update(x, y, order, weights, i)
            return i + 1, total + loss * tf.reduce_sum(weights[i])

        count = order.shape[0]
        _, total = tf.while_loop(
            lambda i, _: i < count, step, (0, tf.constant(0.0)), maximum_iterations=count
        )
        val_loss = tf.reduce_mean(self._loss_per_sample(y_val, self.model(x_val, training=False)))
        return total / tf.reduce_sum(weights), val_loss

    def _traced_epoch_graph(self, x, y, x_val, y_val, order, weights):
        """:meth:`_epoch_graph`, also giving each update's loss and gradient norm ``(batches,)``."""

        def step(i, total, losses, norms):
            loss, gradients = self._update(x, y, order, weights, i)
            return (
                i + 1,
                total + loss * tf.reduce_sum(weights[i]),
                losses.write(i, loss),
                norms.write(i, tf.linalg.global_norm(gradients)),
            )

        count = order.shape[0]
        steps = [tf.TensorArray(tf.float32, size=count) for _ in range(2)]
        _, total, losses, norms = tf.while_loop(
            lambda i, *_: i < count,
            step,
            (0, tf.constant(0.0), *steps),
            maximum_iterations=count,
        )
        val_loss = tf.reduce_mean(self._loss_per_sample(y_val, self.model(x_val, training=False)))
        return total / tf.reduce_sum(weights), val_loss, losses.stack(), norms.stack()

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


def compiled(model: keras.Model, classes: int | None = None) -> _CompiledModel:
    """The compiled programs of ``model``, made on first use, for ``classes`` (0: regression).

    With ``classes=None`` any programs the model already has are reused (a forward pass does not
    depend on the loss); a model without any gets a regression's.

    >>> from gru_lib.models.build import build_regressor
    >>> compiled(build_regressor((3, 1), units=2)).classes
    0
    """
    programs = _COMPILED.get(model)
    if programs is not None and classes in (None, programs.classes):
        return programs
    if getattr(model, "optimizer", None) is None:
        raise checks.invalid(
            "model",
            "Expected a compiled model "
            f"(model.compile(optimizer=...)), got model {model.name!r} without an optimizer.",
        )
    programs = _COMPILED[model] = _CompiledModel(model, classes or 0)
    return programs


def restart(model: keras.Model, fresh: keras.Model) -> None:
    """Give ``model`` the state of ``fresh``, an untrained model of the same architecture.

    Afterwards ``model`` trains exactly as ``fresh`` would: same initial weights, and an optimizer
    with zeroed moments, its step counter at 0 and the same learning rate.

    >>> from gru_lib.models.build import build_regressor
    >>> model, fresh = build_regressor((3, 1), units=2), build_regressor((3, 1), units=2, seed=1)
    >>> restart(model, fresh)
    >>> all((a == b).all() for a, b in zip(model.get_weights(), fresh.get_weights()))
    True
    """
    model.set_weights(fresh.get_weights())
    model.optimizer.build(model.trainable_variables)
    fresh.optimizer.build(fresh.trainable_variables)
    for mine, theirs in zip(model.optimizer.variables, fresh.optimizer.variables, strict=True):
        mine.assign(theirs)


def shared_model(spec: ModelSpec, task: TaskData) -> keras.Model:
    """The one trainable model kept for ``spec``'s architecture on ``task``'s shapes.

    The learning rate is an optimizer variable that :func:`restart` copies from a fresh model, so
    specs that differ only in it share one model and one compiled program (a learning-rate grid
    compiles once).

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=8, n_val=4, n_test=4, length=3)
    >>> shared_model(ModelSpec(units=2), task) is shared_model(ModelSpec(units=2), task)
    True
    """
    architecture = {k: v for k, v in spec.build_kwargs().items() if k != "learning_rate"}
    key = (repr(architecture), task.input_shape, task.classes, task.steps)
    if key not in _SHARED_MODELS:  # a second copy, which keeps its compiled program
        _SHARED_MODELS[key] = build_model(
            spec, task.input_shape, classes=task.classes, steps=task.steps
        )
    return _SHARED_MODELS[key]


def clear_cache() -> None:
    """Forget the models and compiled programs kept for reuse (they hold memory, not results).

    >>> clear_cache()
    """
    _SHARED_MODELS.clear()
    _COMPILED.clear()
