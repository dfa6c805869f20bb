"""Figures of a classifier's test results: its confusion matrix and the images it got wrong."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gru_lib import checks
from gru_lib.plots.style import finish, new_figure

__all__ = ["confusion_matrix", "misclassified_images"]

_PER_ROW = 4  # images per row of misclassified_images


def confusion_matrix(
    y_true: np.ndarray, y_pred: np.ndarray, *, classes: int, title: str = "Confusion matrix"
) -> Figure:
    """Counts of each (true, predicted) pair of labels in ``[0, classes)``, as a labelled grid.

    ``y_true`` and ``y_pred`` are integer labels of shape ``(n,)``. Rows are the true class,
    columns the predicted one, so the diagonal holds the correct answers; each non-empty cell
    prints its count, and the darker the cell the larger the count.

    >>> confusion_matrix(np.array([0, 1, 1]), np.array([0, 1, 0]), classes=2).axes[0].get_xlabel()
    'predicted'
    """
    classes = checks.integer(classes, "classes", minimum=2)
    y_true, y_pred = _labels(y_true, "y_true", classes), _labels(y_pred, "y_pred", classes)
    checks.same_length(y_true, y_pred, ("y_true", "y_pred"))
    counts = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    fig, ax = new_figure(width=5.0, height=4.4)
    ax.grid(False)
    image = ax.imshow(counts, cmap="Blues")
    for (row, col), count in np.ndenumerate(counts):
        if count:
            dark = count > counts.max() / 2
            ax.text(col, row, str(count), ha="center", va="center", fontsize=9,
                    color="white" if dark else "black")  # fmt: skip
    ax.set(xticks=range(classes), yticks=range(classes), xlabel="predicted", ylabel="true",
           title=title)  # fmt: skip
    fig.colorbar(image, ax=ax, label="test images")
    return finish(fig)


def misclassified_images(
    images: np.ndarray, y_true: np.ndarray, y_pred: np.ndarray, *, count: int = 8
) -> Figure:
    """The first ``count`` images ``(n, height, width)`` whose prediction is wrong, labelled.

    Each panel is titled ``true → predicted``, four to a row. With fewer mistakes than
    ``count``, all are drawn.

    >>> images = np.zeros((3, 8, 8)); y = np.array([1, 2, 3])
    >>> figure = misclassified_images(images, y, np.array([1, 0, 0]), count=4)
    >>> sum(ax.has_data() for ax in figure.axes)
    2
    """
    images = checks.finite_array(images, "images", ndim=3)
    count = checks.integer(count, "count")
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != (len(images),) or y_pred.shape != (len(images),):
        raise checks.invalid(
            "y_pred",
            "Expected labels of shape "
            f"({len(images)},) for both, got {y_true.shape} and {y_pred.shape}.",
        )
    wrong = np.flatnonzero(y_true != y_pred)[:count]
    if len(wrong) == 0:
        raise checks.invalid("y_pred", "Nothing is wrong.")
    # Rows of at most four large panels, so the digits stay readable on a phone's screen.
    ncols = min(len(wrong), _PER_ROW)
    nrows = -(-len(wrong) // ncols)
    fig, axes = new_figure(nrows, ncols, width=1.3 * ncols + 0.3, height=1.6 * nrows,
                           squeeze=False)  # fmt: skip
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, index in zip(axes.flat, wrong, strict=False):
        ax.imshow(images[index], cmap="gray_r", vmin=0.0, vmax=1.0)
        ax.set_title(f"{y_true[index]} → {y_pred[index]}", fontsize=11)
    return finish(fig)


def _labels(values: object, name: str, classes: int) -> np.ndarray:
    labels = np.asarray(values)
    if (
        labels.ndim != 1
        or labels.size == 0
        or not np.issubdtype(labels.dtype, np.integer)
        or labels.min() < 0
        or labels.max() >= classes
    ):
        raise checks.invalid(
            f"{name}",
            "Expected a 1-D array of integer "
            f"labels in [0, {classes}), got an array of shape {labels.shape}.",
        )
    return labels
