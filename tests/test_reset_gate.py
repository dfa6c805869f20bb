"""The reset gate held at 1 (ScratchGRU(reset_gate=False)) and the reset-sum task it is tried on."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from gru_lib.cells.gru import ScratchGRU
from gru_lib.data import reset_sum, reset_sum_task
from gru_lib.models.build import build_model
from gru_lib.models.spec import ModelSpec


def built_pair(bias_r: float, *, reset_after: bool = True, seed: int = 0):
    """A normal and a held ScratchGRU with the same random weights; ``bias_r`` is added to the
    reset gate's input bias, so a large value saturates the normal GRU's r at 1."""
    normal = ScratchGRU(3, reset_after=reset_after, return_sequences=True)
    held = ScratchGRU(3, reset_after=reset_after, return_sequences=True, reset_gate=False)
    for layer in (normal, held):
        layer.build((None, None, 2))
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=w.shape).astype("float32") for w in normal.get_weights()]
    bias = weights[2][0] if reset_after else weights[2]
    bias[3:6] += bias_r
    normal.set_weights(weights)
    held.set_weights(weights)
    return normal, held


@pytest.mark.parametrize("reset_after", [True, False])
def test_holding_r_at_1_equals_the_gru_whose_reset_gate_is_saturated_at_1(reset_after):
    normal, held = built_pair(60.0, reset_after=reset_after)
    x = np.random.default_rng(1).normal(size=(4, 9, 2)).astype("float32")
    assert np.asarray(normal.trace(x)["r"]).min() == 1.0
    np.testing.assert_allclose(np.asarray(held(x)), np.asarray(normal(x)), atol=1e-6)


def test_the_held_layer_traces_r_as_exactly_one_and_differs_from_the_free_gru():
    normal, held = built_pair(0.0)
    x = np.random.default_rng(2).normal(size=(2, 7, 2)).astype("float32")
    assert (held.trace(x)["r"] == 1.0).all()
    assert np.abs(np.asarray(held(x)) - np.asarray(normal(x))).max() > 1e-2


def test_the_held_layer_gets_no_gradient_in_the_reset_gate_columns():
    _, held = built_pair(0.0)
    x = keras.ops.convert_to_tensor(np.ones((2, 5, 2), "float32"))
    with tf.GradientTape() as tape:
        loss = keras.ops.sum(held(x) ** 2)
    kernel_grad, recurrent_grad, _ = tape.gradient(loss, held.trainable_weights)
    assert not np.asarray(kernel_grad)[:, 3:6].any()
    assert not np.asarray(recurrent_grad)[:, 3:6].any()
    assert np.asarray(kernel_grad)[:, :3].any()


def test_the_option_survives_a_config_round_trip_and_a_model_spec():
    held = ScratchGRU(4, reset_gate=False)
    assert ScratchGRU.from_config(held.get_config()).reset_gate is False
    spec = ModelSpec(layer="scratch_gru", units=3, options=(("reset_gate", False),))
    model = build_model(spec, (5, 2))
    assert [layer.reset_gate for layer in model.layers if isinstance(layer, ScratchGRU)] == [False]


def test_reset_sum_targets_sum_the_values_from_the_last_reset_on():
    x, y = reset_sum(samples=200, length=12, resets=0.3, seed=4)
    for values, marks, target in zip(x[:, :, 0], x[:, :, 1], y, strict=True):
        start = np.flatnonzero(marks)[-1] if marks.any() else 0
        assert target == pytest.approx(values[start:].sum(), abs=1e-5)
    assert set(np.unique(x[:, :, 1])) == {0.0, 1.0}
    assert -1.0 <= x[:, :, 0].min() and x[:, :, 0].max() <= 1.0


def test_reset_sum_with_no_resets_is_the_whole_sum_and_the_task_parts_differ():
    x, y = reset_sum(samples=5, length=6, resets=0.0)
    np.testing.assert_allclose(y, x[:, :, 0].sum(axis=1), atol=1e-6)
    task = reset_sum_task(length=8, n_train=6, n_val=6, n_test=6, seed=1)
    assert not np.array_equal(task.x_train, task.x_val)
    assert task.classes == 0
