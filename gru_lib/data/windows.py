"""Cutting a series into sliding windows, and splitting it chronologically."""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.scaling import SeriesScaler
from gru_lib.data.task import TaskData

__all__ = ["chronological_forecasting_task", "sliding_windows"]


def sliding_windows(series: np.ndarray, *, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Cut a 1-D series into overlapping windows and the value that follows each.

    Returns ``x`` of shape ``(steps - window, window, 1)`` and ``y`` of shape
    ``(steps - window,)``: ``x[i] = series[i : i + window]`` and ``y[i] = series[i + window]``.

    >>> x, y = sliding_windows(np.arange(5.0), window=3)
    >>> x[:, :, 0].tolist(), y.tolist()
    ([[0.0, 1.0, 2.0], [1.0, 2.0, 3.0]], [3.0, 4.0])
    """
    series = checks.finite_array(series, "series", ndim=1)
    window = checks.integer(window, "window", minimum=1)
    if window >= len(series):
        raise checks.invalid(
            "window",
            f"It must be shorter than the series ({len(series)} steps), got window={window}.",
        )
    return _windows(series, window)


def _windows(series: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    starts = np.arange(len(series) - window)
    x = series[starts[:, None] + np.arange(window)[None, :]]
    y = series[starts + window]
    return x[:, :, None].astype(np.float32), y.astype(np.float32)


def chronological_forecasting_task(
    series: np.ndarray,
    *,
    window: int,
    name: str,
    val_fraction: float = 0.15,
    test_fraction: float = 0.15,
) -> TaskData:
    """Turn one series into a one-step-ahead forecasting task without look-ahead.

    The series is split in time order into train, validation and test parts; a scaler is fitted
    on the training part alone and applied to all three. Each part after the first starts
    ``window`` steps early, so its first window ends where the previous part ends and every target
    belongs to exactly one part.

    >>> task = chronological_forecasting_task(np.sin(np.arange(200.0)), window=10, name="demo")
    >>> task.x_train.shape, task.sizes()
    ((130, 10, 1), {'train': 130, 'val': 30, 'test': 30})
    """
    series = checks.finite_array(series, "series", ndim=1)
    window = checks.integer(window, "window", minimum=1)
    for value, label in ((val_fraction, "val_fraction"), (test_fraction, "test_fraction")):
        fraction = checks.positive_number(value, label)
        if fraction >= 0.5:
            raise checks.invalid(
                f"{label}", f"Expected a fraction in (0, 0.5), got {label}={value!r}."
            )
    n = len(series)
    n_test = int(round(n * test_fraction))
    n_val = int(round(n * val_fraction))
    n_train = n - n_val - n_test
    if min(n_train - window, n_val, n_test) < 1:
        raise checks.invalid(
            "window",
            f"A window of {window} leaves no "
            f"samples in some part of a {n}-step series split {n_train}/{n_val}/{n_test}.",
        )
    scaler = SeriesScaler().fit(series[:n_train])
    scaled = scaler.transform(series)
    bounds = {
        "train": (0, n_train),
        "val": (n_train, n_train + n_val),
        "test": (n_train + n_val, n),
    }
    parts = {}
    for part, (start, stop) in bounds.items():
        first = max(start - window, 0)
        parts[part] = _windows(scaled[first:stop], window)
    return TaskData(
        name=name,
        x_train=parts["train"][0],
        y_train=parts["train"][1],
        x_val=parts["val"][0],
        y_val=parts["val"][1],
        x_test=parts["test"][0],
        y_test=parts["test"][1],
        scaler=scaler,
    )
