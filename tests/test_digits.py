"""The 8x8 digits as sequences, the logistic-regression baseline, and the classification figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from sklearn.datasets import load_digits

from gru_lib.analysis.baselines import LogisticRegressionBaseline
from gru_lib.data.digits import digits_task
from gru_lib.plots import confusion_matrix, misclassified_images


@pytest.fixture(scope="module")
def task():
    return digits_task(seed=0)


def test_each_image_is_eight_rows_of_eight_pixels_scaled_to_the_unit_interval(task):
    assert task.input_shape == (8, 8) and task.classes == 10
    assert task.x_train.dtype == np.float32 and task.y_train.dtype == np.int32
    assert task.x_train.min() == 0.0 and task.x_train.max() == 1.0
    assert sum(task.sizes().values()) == 1797


def test_the_split_is_stratified(task):
    for part in (task.y_train, task.y_val, task.y_test):
        shares = np.bincount(part, minlength=10) / len(part)
        assert np.all(np.abs(shares - 0.1) < 0.02)


def sorted_rows(rows: np.ndarray) -> np.ndarray:
    """``rows`` in lexicographic order, the first column deciding first."""
    return rows[np.lexsort(rows.T[::-1])]


def test_the_split_holds_exactly_scikit_learns_images_with_their_labels(task):
    bundled = load_digits()
    expected = np.column_stack(
        [(bundled.images / 16.0).astype(np.float32).reshape(1797, -1), bundled.target]
    )
    x = np.concatenate([task.x_train, task.x_val, task.x_test]).reshape(-1, 64)
    y = np.concatenate([task.y_train, task.y_val, task.y_test])
    # as multisets: the same rows, each as often, so no image is added, lost or relabelled
    np.testing.assert_array_equal(sorted_rows(np.column_stack([x, y])), sorted_rows(expected))


def test_the_same_seed_gives_the_same_split_and_another_seed_another(task):
    assert np.array_equal(digits_task(seed=0).y_test, task.y_test)
    assert not np.array_equal(digits_task(seed=1).y_test, task.y_test)


def test_logistic_regression_reads_most_test_digits_right(task):
    baseline = LogisticRegressionBaseline(seed=0).fit(task.x_train, task.y_train)
    accuracy = np.mean(baseline.predict(task.x_test) == task.y_test)
    assert 0.9 < accuracy < 1.0


def test_an_unfitted_logistic_regression_refuses_to_predict(task):
    with pytest.raises(ValueError, match="not fitted"):
        LogisticRegressionBaseline().predict(task.x_test)


def test_confusion_matrix_counts_each_pair_in_its_cell():
    fig = confusion_matrix(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2]), classes=3)
    assert isinstance(fig, Figure) and not plt.fignum_exists(fig.number)
    counts = fig.axes[0].get_images()[0].get_array()
    assert counts.tolist() == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["1", "1", "1", "1"]


def test_misclassified_images_titles_true_then_predicted_label():
    images = np.zeros((4, 8, 8))
    fig = misclassified_images(images, np.array([1, 2, 3, 4]), np.array([1, 7, 3, 0]))
    assert [ax.get_title() for ax in fig.axes] == ["2 → 7", "4 → 0"]
