"""Connectivity: input gradients against a hand-made model, marker bookkeeping, bad input."""

import keras
import numpy as np
import pytest

from gru_lib.analysis.connectivity import input_gradients, marker_contrast, marker_steps
from gru_lib.data import adding_problem
from gru_lib.models.build import build_regressor


def weighted_sum_model(time, weights):
    """ŷ = Σ_t w_t (x_t0 + 2 x_t1): its input gradient at step t has norm |w_t|·√5."""
    inputs = keras.Input((time, 2))
    features = keras.layers.Dense(1, use_bias=False)
    mixed = features(inputs)  # (batch, time, 1)
    flat = keras.layers.Flatten()(mixed)
    output = keras.layers.Dense(1, use_bias=False)(flat)
    model = keras.Model(inputs, output)
    features.set_weights([np.array([[1.0], [2.0]], np.float32)])
    model.layers[-1].set_weights([np.asarray(weights, np.float32).reshape(-1, 1)])
    return model


def test_input_gradients_match_the_analytic_gradient():
    weights = [0.0, 1.0, -3.0, 0.5]
    x = np.random.default_rng(0).normal(size=(3, 4, 2)).astype(np.float32)
    gradients = input_gradients(weighted_sum_model(4, weights), x)
    expected = np.abs(weights) * np.sqrt(5.0)
    np.testing.assert_allclose(gradients, np.tile(expected, (3, 1)), rtol=1e-6)


def test_input_gradients_of_a_recurrent_model_vanish_before_a_step_that_cannot_matter():
    model = build_regressor((6, 2), units=3, seed=0)
    gradients = input_gradients(model, np.ones((2, 6, 2), np.float32))
    assert gradients.shape == (2, 6) and np.all(gradients > 0)


def test_marker_steps_find_one_marker_in_each_half():
    x, _ = adding_problem(samples=50, length=20, seed=3)
    steps = marker_steps(x)
    assert np.all(steps[:, 0] < 10) and np.all(steps[:, 1] >= 10)
    assert np.all(x[np.arange(50), steps[:, 0], 1] == 1.0)


def test_marker_contrast_normalises_each_sequence_by_its_largest_gradient():
    x = np.zeros((2, 5, 2), np.float32)
    x[0, [0, 3], 1] = 1.0
    x[1, [1, 4], 1] = 1.0
    gradients = np.array([[4.0, 0.4, 0.4, 2.0, 0.4], [0.0, 10.0, 1.0, 1.0, 5.0]])
    contrast = marker_contrast(gradients, x)
    assert contrast == pytest.approx(
        {"first_marker": 1.0, "second_marker": 0.5, "unmarked_median": 0.1}
    )


def test_the_value_channel_alone_is_the_absolute_gradient_of_that_channel():
    model = build_regressor((5, 2), units=3, seed=0)
    x = np.random.default_rng(0).random((3, 5, 2)).astype(np.float32)
    both = input_gradients(model, x)
    value = input_gradients(model, x, channel=0)
    marker = input_gradients(model, x, channel=1)
    np.testing.assert_allclose(np.hypot(value, marker), both, rtol=1e-6)
    with pytest.raises(ValueError, match="`channel`"):
        input_gradients(model, x, channel=2)
