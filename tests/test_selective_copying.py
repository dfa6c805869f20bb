"""Selective copying: scattered tokens among blanks, then markers; the targets are the tokens."""

import numpy as np
import pytest

from gru_lib.data import selective_copying, selective_copying_task


def decode(x, vocabulary):
    """Symbols of one-hot ``x`` (n, time, vocabulary + 2): 0..vocabulary-1, blank, marker."""
    return x.argmax(axis=-1)


@pytest.mark.parametrize(("length", "tokens", "vocabulary", "seed"), [(8, 2, 3, 0), (50, 5, 10, 3)])
def test_each_sequence_holds_its_targets_in_order_among_blanks_then_markers(
    length, tokens, vocabulary, seed
):
    x, y = selective_copying(
        samples=64, length=length, tokens=tokens, vocabulary=vocabulary, seed=seed
    )
    assert x.shape == (64, length, vocabulary + 2) and x.dtype == np.float32
    assert y.shape == (64, tokens) and y.dtype == np.int32
    np.testing.assert_array_equal(x.sum(axis=-1), 1.0)  # one-hot at every step
    symbols = decode(x, vocabulary)
    blank, marker = vocabulary, vocabulary + 1
    assert np.all(symbols[:, -tokens:] == marker)
    region = symbols[:, :-tokens]
    assert not np.any(region == marker)
    for row, target in zip(region, y, strict=True):
        np.testing.assert_array_equal(row[row != blank], target)


def test_tokens_sit_at_varying_places_and_cover_the_vocabulary():
    x, y = selective_copying(samples=500, length=40, tokens=4, vocabulary=6, seed=1)
    first_place = (decode(x, 6)[:, :-4] != 6).argmax(axis=1)
    assert len(np.unique(first_place)) > 10
    assert set(np.unique(y)) == set(range(6))


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, second = (
        selective_copying(samples=5, length=20, seed=2),
        selective_copying(samples=5, length=20, seed=2),
    )
    np.testing.assert_array_equal(first[0], second[0])
    assert not np.array_equal(first[0], selective_copying(samples=5, length=20, seed=3)[0])


def test_the_task_is_a_classification_task_with_independent_parts():
    task = selective_copying_task(
        length=30, n_train=40, n_val=20, n_test=10, tokens=3, vocabulary=5, seed=1
    )
    assert task.classes == 5
    assert task.sizes() == {"train": 40, "val": 20, "test": 10}
    assert task.y_val.shape == (20, 3) and task.input_shape == (30, 7)
    assert not np.array_equal(task.x_train[:10], task.x_test)
