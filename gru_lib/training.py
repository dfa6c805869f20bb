"""Seeded, silent training of a compiled Keras model on a :class:`~gru_lib.data.TaskData`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import keras
import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.runtime import seed_everything


@dataclass(frozen=True)
class TrainingHistory:
    """Per-epoch mean training loss and validation loss, and the wall-clock seconds ``fit`` took."""

    loss: list[float]
    val_loss: list[float]
    seconds: float

    @property
    def epochs(self) -> int:
        return len(self.loss)


def train(
    model: keras.Model,
    data: TaskData,
    *,
    epochs: int,
    batch_size: int = 32,
    seed: int = 0,
    callbacks: Sequence[keras.callbacks.Callback] = (),
) -> TrainingHistory:
    """Fit ``model`` on ``data``'s training part, validating on its validation part.

    Batches are shuffled from ``seed``, so the same model, data and seed give the same history.
    Keras prints nothing (``verbose=0``): the returned history is what a page shows.
    ``callbacks`` are handed to ``model.fit``, e.g. the command line's progress bar.

    >>> from gru_lib.data import uniform_mean_task
    >>> from gru_lib.models import build_regressor
    >>> task = uniform_mean_task(100, 20, 20)
    >>> train(build_regressor(task.input_shape, units=4), task, epochs=2).epochs
    2
    """
    epochs = checks.integer(epochs, "epochs")
    batch_size = checks.integer(batch_size, "batch_size")
    seed_everything(seed)
    start = time.perf_counter()
    fitted = model.fit(
        data.x_train,
        data.y_train,
        validation_data=(data.x_val, data.y_val),
        epochs=epochs,
        batch_size=batch_size,
        shuffle=True,
        verbose=0,
        callbacks=list(callbacks),
    )
    seconds = time.perf_counter() - start
    return TrainingHistory(
        loss=[float(v) for v in fitted.history["loss"]],
        val_loss=[float(v) for v in fitted.history["val_loss"]],
        seconds=seconds,
    )


def predict(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """Predictions of a one-output regressor for ``x`` of shape ``(batch, time, features)``.

    Returns shape ``(batch,)``.
    """
    x = checks.finite_array(x, "x", ndim=3)
    return np.asarray(model.predict(x, verbose=0, batch_size=256), dtype=np.float32).reshape(-1)
