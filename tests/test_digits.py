"""The 8x8 digits as sequences, the logistic-regression baseline, and the classification figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

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


def test_the_split_is_stratified_and_keeps_every_image_once(task):
    for part in (task.y_train, task.y_val, task.y_test):
        shares = np.bincount(part, minlength=10) / len(part)
        assert np.all(np.abs(shares - 0.1) < 0.02)
    flat = np.concatenate([task.x_train, task.x_val, task.x_test]).reshape(1797, -1)
    assert len(np.unique(flat, axis=0)) == len(np.unique(flat, axis=0))  # no image added
    assert len(flat) == 1797


def test_the_same_seed_gives_the_same_split_and_another_seed_another(task):
    assert np.array_equal(digits_task(seed=0).y_test, task.y_test)
    assert not np.array_equal(digits_task(seed=1).y_test, task.y_test)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [({"seed": -1}, "`seed`"), ({"test_fraction": 0.6}, "`test_fraction`"),
     ({"val_fraction": 0.45, "test_fraction": 0.45}, "`val_fraction`")],
)  # fmt: skip
def test_bad_arguments_are_value_errors_naming_them(kwargs, named):
    with pytest.raises(ValueError, match=named):
        digits_task(**kwargs)


def test_logistic_regression_reads_most_test_digits_right(task):
    baseline = LogisticRegressionBaseline(seed=0).fit(task.x_train, task.y_train)
    accuracy = np.mean(baseline.predict(task.x_test) == task.y_test)
    assert 0.9 < accuracy < 1.0


def test_logistic_regression_rejects_float_labels_and_wrong_shapes(task):
    with pytest.raises(ValueError, match="`y`"):
        LogisticRegressionBaseline().fit(task.x_train, task.y_train.astype(float))
    fitted = LogisticRegressionBaseline().fit(task.x_train[:200], task.y_train[:200])
    with pytest.raises(ValueError, match="`x`"):
        fitted.predict(task.x_test[:, :4])
    with pytest.raises(ValueError, match="not fitted"):
        LogisticRegressionBaseline().predict(task.x_test)


def test_confusion_matrix_counts_each_pair_in_its_cell():
    fig = confusion_matrix(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2]), classes=3)
    assert isinstance(fig, Figure) and not plt.fignum_exists(fig.number)
    counts = fig.axes[0].get_images()[0].get_array()
    assert counts.tolist() == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["1", "1", "1", "1"]


def test_confusion_matrix_rejects_labels_outside_the_classes():
    with pytest.raises(ValueError, match="`y_pred`"):
        confusion_matrix(np.array([0, 1]), np.array([0, 3]), classes=3)


def test_misclassified_images_titles_true_then_predicted_label():
    images = np.zeros((4, 8, 8))
    fig = misclassified_images(images, np.array([1, 2, 3, 4]), np.array([1, 7, 3, 0]))
    assert [ax.get_title() for ax in fig.axes] == ["2 → 7", "4 → 0"]
    with pytest.raises(ValueError, match="Nothing is wrong"):
        misclassified_images(images, np.array([1, 2, 3, 4]), np.array([1, 2, 3, 4]))
