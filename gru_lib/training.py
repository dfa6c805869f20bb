"""Seeded, silent training of a compiled Keras model on a :class:`~gru_lib.data.TaskData`.

The training itself is :func:`gru_lib.engine.fit`, the book's one engine; :func:`train` keeps the
short signature the first chapter and outside scripts use.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras
import numpy as np

from gru_lib import engine
from gru_lib.data.task import TaskData
from gru_lib.engine import TrainingHistory, TrainingSettings, fit

__all__ = ["TrainingHistory", "predict", "train"]


def train(
    model: keras.Model,
    task: TaskData,
    *,
    epochs: int,
    batch_size: int = 32,
    seed: int = 0,
    callbacks: Sequence[keras.callbacks.Callback] = (),
) -> TrainingHistory:
    """Fit ``model`` on ``task``'s training part, validating on its validation part.

    Batches are shuffled from ``seed``, so the same model, task and seed give the same history.
    Nothing is printed: the returned history is what a page shows. ``callbacks`` receive the
    end of every epoch, e.g. the command line's progress bar.

    >>> from gru_lib.data import uniform_mean_task
    >>> from gru_lib.models import build_regressor
    >>> task = uniform_mean_task(n_train=100, n_val=20, n_test=20)
    >>> train(build_regressor(task.input_shape, units=4), task, epochs=2).epochs
    2
    """
    settings = TrainingSettings(epochs=epochs, batch_size=batch_size)
    return fit(model, task, settings, seed=seed, callbacks=callbacks)


def predict(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """Predictions of a one-output regressor for ``x`` of shape ``(batch, time, features)``.

    Returns shape ``(batch,)``: the engine's compiled forward pass, so these are the numbers
    :func:`gru_lib.engine.run` scores.

    >>> from gru_lib.models import build_regressor
    >>> predict(build_regressor((3, 1), units=2), np.zeros((4, 3, 1))).shape
    (4,)
    """
    return engine.predict(model, x).reshape(-1)
