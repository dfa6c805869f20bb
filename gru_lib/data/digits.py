"""scikit-learn's bundled 8x8 handwritten digits, read as sequences: one image row per time step."""

from __future__ import annotations

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = ["DIGIT_CLASSES", "PIXEL_MAX", "digits_task"]

DIGIT_CLASSES = 10
PIXEL_MAX = 16.0  # the bundled images hold integer grey levels 0..16


def digits_task(
    *, seed: int = 0, val_fraction: float = 0.15, test_fraction: float = 0.2
) -> TaskData:
    """The 1,797 digits as a 10-class sequence task, split in a seeded, stratified way.

    Each 8x8 image becomes a sequence of 8 steps (its rows, top to bottom) of 8 features (the
    pixels of the row), scaled from grey levels 0..16 to [0, 1]: ``x`` has shape
    ``(samples, 8, 8)``, float32, and ``y`` shape ``(samples,)``, int32 labels 0..9, with
    ``classes=10``. The split keeps each digit's share equal in the three parts and depends only on
    ``seed``; the images ship with scikit-learn, so nothing downloads.

    >>> task = digits_task()
    >>> task.input_shape, task.classes, task.sizes()
    ((8, 8), 10, {'train': 1167, 'val': 270, 'test': 360})
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    seed = checks.integer(seed, "seed", minimum=0)
    val_fraction = _fraction(val_fraction, "val_fraction")
    test_fraction = _fraction(test_fraction, "test_fraction")
    if val_fraction + test_fraction >= 0.8:
        raise checks.invalid(
            "val_fraction",
            "Validation and test together "
            f"must leave at least 20% for training, got val_fraction={val_fraction} and "
            f"test_fraction={test_fraction}.",
        )
    bundled = load_digits()
    x = (bundled.images / PIXEL_MAX).astype(np.float32)  # (1797, 8 rows, 8 pixels)
    y = bundled.target.astype(np.int32)
    x_rest, x_test, y_rest, y_test = train_test_split(
        x, y, test_size=test_fraction, stratify=y, random_state=seed
    )
    x_train, x_val, y_train, y_val = train_test_split(
        x_rest,
        y_rest,
        test_size=val_fraction / (1 - test_fraction),
        stratify=y_rest,
        random_state=seed,
    )
    return TaskData(
        name="digits",
        x_train=x_train,
        y_train=y_train,
        x_val=x_val,
        y_val=y_val,
        x_test=x_test,
        y_test=y_test,
        classes=DIGIT_CLASSES,
    )


def _fraction(value: object, name: str) -> float:
    fraction = checks.positive_number(value, name)
    if fraction >= 0.5:
        raise checks.invalid(f"{name}", f"Expected a fraction in (0, 0.5), got {name}={value!r}.")
    return fraction
