"""What a training run is told and what it gives back: settings, history, record.

These are plain validated values, free of TensorFlow's programs; :mod:`gru_lib.training.engine`
makes them, and tables, plots and studies read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import keras
import numpy as np

from gru_lib import checks
from gru_lib.models.spec import ModelSpec

__all__ = ["RunRecord", "TrainingHistory", "TrainingSettings"]


@dataclass(frozen=True)
class TrainingHistory:
    """What training did, epoch by epoch.

    ``loss`` and ``val_loss`` are the mean training and validation losses of each epoch;
    ``epoch_seconds`` their wall-clock times and ``seconds`` their sum. ``compile_seconds`` is the
    one-off cost of compiling the epoch for a new model or shape (0 when it was reused).
    ``best_epoch`` (counted from 1) is the epoch whose weights the model ends with: the last one,
    or with early stopping the one of lowest validation loss. With
    ``TrainingSettings(trace_steps=True)``, ``step_loss`` and ``step_gradient_norm`` hold every
    update's batch loss and the global norm of its gradient before any clipping (what clipping
    has to tame); otherwise they are empty.

    >>> TrainingHistory(loss=[2.0, 1.0], val_loss=[2.5, 1.5], seconds=0.2).epochs
    2
    """

    loss: list[float]
    val_loss: list[float]
    seconds: float
    epoch_seconds: list[float] = field(default_factory=list)
    compile_seconds: float = 0.0
    best_epoch: int | None = None
    step_loss: list[float] = field(default_factory=list)
    step_gradient_norm: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A diverged run's losses are NaN: recorded, not refused. Only the form is checked.
        for name in ("loss", "val_loss", "epoch_seconds", "step_loss", "step_gradient_norm"):
            values = checks.instance(getattr(self, name), name, (list, tuple, np.ndarray))
            if np.ndim(values) != 1:
                raise checks.expected(name, "a list of numbers, one per epoch", values)
        checks.non_negative_number(self.seconds, "seconds")
        checks.non_negative_number(self.compile_seconds, "compile_seconds")
        if self.best_epoch is not None:
            checks.integer(self.best_epoch, "best_epoch")
        checks.same_length(
            self.step_loss, self.step_gradient_norm, ("step_loss", "step_gradient_norm")
        )

    @property
    def epochs(self) -> int:
        return len(self.loss)


@dataclass(frozen=True)
class TrainingSettings:
    """How long and in what batches to train.

    ``epochs`` is the most epochs to run. With ``patience``, training stops once the validation
    loss has not improved for ``patience`` epochs, and the model gets back the weights of its best
    epoch (early stopping). As in Keras's ``EarlyStopping``, a fall of ``min_delta`` or less does
    not count as an improvement. ``trace_steps`` records each update's loss and gradient norm in
    the history (a separate compiled program, so runs without it are untouched).

    >>> TrainingSettings(epochs=50, patience=5).batch_size
    32
    """

    epochs: int
    batch_size: int = 32
    patience: int | None = None
    trace_steps: bool = False
    min_delta: float = 0.0

    def __post_init__(self) -> None:
        checks.integer(self.epochs, "epochs")
        checks.integer(self.batch_size, "batch_size")
        if self.patience is not None:
            checks.integer(self.patience, "patience")
        checks.flag(self.trace_steps, "trace_steps")
        checks.non_negative_number(self.min_delta, "min_delta")


@dataclass(frozen=True)
class RunRecord:
    """One training run and what it produced.

    ``model`` is this run's own trained model. ``predictions`` are its outputs for the task's
    test inputs: ``(test,)`` or ``(test, steps)`` for a regression, logits ``(test, classes)`` or
    ``(test, steps, classes)`` for a classification. ``metrics`` are those of
    :func:`score_predictions`.

    >>> from gru_lib.data import uniform_mean_task
    >>> from gru_lib.training.engine import run
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
