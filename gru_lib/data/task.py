"""The container every data set in gru_lib returns: inputs and targets, split in three parts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gru_lib import checks
from gru_lib.data.scaling import SeriesScaler

__all__ = ["TaskData"]


@dataclass(frozen=True)
class TaskData:
    """A supervised sequence task split into train, validation and test parts.

    Inputs ``x_*`` have shape ``(samples, time, features)`` and targets ``y_*`` have shape
    ``(samples,)``; both are float32. For forecasting tasks built from one series, ``scaler`` is
    the scaler fitted on the training part, so ``scaler.inverse_transform`` maps predictions back
    to the series' own units; it is ``None`` where no scaling was applied.

    >>> x = np.zeros((4, 3, 1))
    >>> task = TaskData("demo", x, np.zeros(4), x, np.zeros(4), x, np.zeros(4))
    >>> task.input_shape, task.x_train.dtype
    ((3, 1), dtype('float32'))
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    scaler: SeriesScaler | None = None
    classes: int = 0

    def __post_init__(self) -> None:
        # Validated once here, so the engine and every helper downstream can trust a TaskData.
        if not isinstance(self.name, str) or not self.name:
            raise checks.invalid("name", f"Expected a non-empty string, got name={self.name!r}.")
        classes = checks.integer(self.classes, "classes", minimum=0)
        if classes == 1:
            raise checks.invalid("classes", "Expected 0 (regression) or at least 2, got classes=1.")
        for part in ("train", "val", "test"):
            x = checks.finite_array(getattr(self, f"x_{part}"), f"x_{part}", ndim=3)
            y = checks.finite_array(getattr(self, f"y_{part}"), f"y_{part}", ndim=(1, 2))
            checks.same_length(x, y, (f"x_{part}", f"y_{part}"))
            if (
                x.shape[1:] != np.shape(self.x_train)[1:]
                or y.shape[1:] != np.shape(self.y_train)[1:]
            ):
                raise checks.invalid(
                    f"x_{part}",
                    "Every part must share the "
                    f"training part's shape per sample, got x_{part} {x.shape} and y_{part} "
                    f"{y.shape} against x_train {np.shape(self.x_train)} and y_train "
                    f"{np.shape(self.y_train)}.",
                )
            if y.ndim == 2 and y.shape[1] > x.shape[1]:
                raise checks.invalid(
                    f"y_{part}",
                    "Expected at most one "
                    f"target per time step ({x.shape[1]}), got shape {y.shape}.",
                )
            if classes:
                labels = np.asarray(getattr(self, f"y_{part}"))
                if not np.all((labels == np.round(labels)) & (labels >= 0) & (labels < classes)):
                    raise checks.invalid(
                        f"y_{part}",
                        "Expected integer "
                        f"labels in [0, {classes}), got values from {labels.min()} to "
                        f"{labels.max()}.",
                    )
                y = labels.astype(np.int32)
            object.__setattr__(self, f"x_{part}", x)
            object.__setattr__(self, f"y_{part}", y)

    @property
    def input_shape(self) -> tuple[int, int]:
        """``(time, features)`` of one input sequence, as a Keras ``Input`` wants it."""
        return self.x_train.shape[1], self.x_train.shape[2]

    @property
    def steps(self) -> int | None:
        """How many final time steps carry a target: ``None`` when only the last one does."""
        return None if self.y_train.ndim == 1 else self.y_train.shape[1]

    def sizes(self) -> dict[str, int]:
        """Number of samples in each part."""
        return {"train": len(self.x_train), "val": len(self.x_val), "test": len(self.x_test)}
