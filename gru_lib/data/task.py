"""The container every data set in gru_lib returns: inputs and targets, split in three parts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gru_lib.data.scaling import StandardScaler


@dataclass(frozen=True)
class TaskData:
    """A supervised sequence task split into train, validation and test parts.

    Inputs ``x_*`` have shape ``(samples, time, features)`` and targets ``y_*`` have shape
    ``(samples,)``; both are float32. For forecasting tasks built from one series, ``scaler`` is
    the scaler fitted on the training part, so ``scaler.inverse_transform`` maps predictions back
    to the series' own units; it is ``None`` where no scaling was applied.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    scaler: StandardScaler | None = None
    classes: int = 0

    @property
    def input_shape(self) -> tuple[int, int]:
        """``(time, features)`` of one input sequence, as a Keras ``Input`` wants it."""
        return self.x_train.shape[1], self.x_train.shape[2]

    def sizes(self) -> dict[str, int]:
        """Number of samples in each part."""
        return {"train": len(self.x_train), "val": len(self.x_val), "test": len(self.x_test)}
