"""ScratchGRU: Keras's GRU rewritten from the equations, weight for weight and output for output."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from gru_lib.cells.gru import ScratchGRU, gru_step
from gru_lib.data import adding_task
from gru_lib.models.build import RECURRENT_LAYERS, build_regressor
from gru_lib.training.engine import TrainingSettings, fit, predict

SHAPES = [(1, 1, 1, 1), (3, 7, 2, 5), (4, 20, 6, 16)]  # (batch, time, features, units)


def keras_and_scratch(
    units, features, *, reset_after, return_sequences=False, seed=0, dtype="float32"
):
    """A built keras.layers.GRU with non-zero biases, and a ScratchGRU holding the same weights."""
    keras.utils.set_random_seed(seed)
    options = dict(reset_after=reset_after, return_sequences=return_sequences, dtype=dtype)
    reference = keras.layers.GRU(units, **options)
    reference.build((None, None, features))
    weights = reference.get_weights()
    weights[2] = np.random.default_rng(seed).normal(size=weights[2].shape).astype(dtype)
    reference.set_weights(weights)
    scratch = ScratchGRU(units, **options)
    scratch.build((None, None, features))
    scratch.set_weights(weights)
    return reference, scratch


def inputs(batch, time, features, seed=0):
    return np.random.default_rng(seed).normal(size=(batch, time, features)).astype(np.float32)


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("return_sequences", [True, False])
@pytest.mark.parametrize(("batch", "time", "features", "units"), SHAPES)
def test_outputs_equal_keras_gru_with_the_same_weights(
    reset_after, return_sequences, batch, time, features, units
):
    reference, scratch = keras_and_scratch(
        units, features, reset_after=reset_after, return_sequences=return_sequences
    )
    x = inputs(batch, time, features)
    expected = np.asarray(reference(x))
    got = np.asarray(scratch(x))
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() <= 1e-5


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("return_sequences", [True, False])
@pytest.mark.parametrize("as_list", [False, True])
def test_from_the_same_initial_state_outputs_equal_keras_gru_in_float64(
    reset_after, return_sequences, as_list
):
    reference, scratch = keras_and_scratch(
        5, 3, reset_after=reset_after, return_sequences=return_sequences, dtype="float64"
    )
    x = inputs(4, 9, 3).astype(np.float64)
    h0 = 2.0 * np.random.default_rng(1).normal(size=(4, 5))
    state = [h0] if as_list else h0
    expected = np.asarray(reference(x, initial_state=state))
    got = np.asarray(scratch(x, initial_state=state))
    assert got.dtype == expected.dtype == np.float64 and got.shape == expected.shape
    assert np.abs(got - expected).max() <= 1e-12
    assert np.abs(got - np.asarray(scratch(x))).max() > 1e-3  # the state was used


@pytest.mark.parametrize("reset_after", [True, False])
def test_in_a_functional_model_a_state_input_gives_keras_gru_outputs(reset_after):
    reference, scratch = keras_and_scratch(4, 2, reset_after=reset_after, return_sequences=True)
    sequence, state = keras.Input((7, 2)), keras.Input((4,))
    outputs = [
        keras.Model([sequence, state], layer(sequence, initial_state=state))
        for layer in (reference, scratch)
    ]
    x, h0 = inputs(3, 7, 2), inputs(1, 3, 4)[0]
    expected, got = (np.asarray(model([x, h0])) for model in outputs)
    assert got.shape == expected.shape == (3, 7, 4)
    assert np.abs(got - expected).max() <= 1e-5


def test_trace_starts_from_the_initial_state():
    _, scratch = keras_and_scratch(4, 2, reset_after=True, return_sequences=True)
    x, h0 = inputs(2, 6, 2), inputs(1, 2, 4)[0]
    trace = scratch.trace(x, initial_state=h0)
    np.testing.assert_allclose(trace["h"], np.asarray(scratch(x, initial_state=h0)), atol=1e-6)
    h, z, candidate = trace["h"], trace["z"], trace["candidate"]
    np.testing.assert_allclose(h[:, 0], z[:, 0] * h0 + (1 - z[:, 0]) * candidate[:, 0], atol=1e-6)


@pytest.mark.parametrize("reset_after", [True, False])
def test_weights_have_keras_shapes_and_parameter_count(reset_after):
    reference, scratch = keras_and_scratch(8, 3, reset_after=reset_after)
    assert [w.shape for w in scratch.get_weights()] == [w.shape for w in reference.get_weights()]
    bias_rows = 2 if reset_after else 1
    assert scratch.count_params() == 3 * (3 * 8 + 8 * 8 + bias_rows * 8)
    assert scratch.count_params() == reference.count_params()


@pytest.mark.parametrize("reset_after", [True, False])
def test_gradients_equal_keras_gru_gradients(reset_after):
    reference, scratch = keras_and_scratch(6, 3, reset_after=reset_after)
    x = tf.constant(inputs(4, 9, 3))
    gradients = []
    for layer in (reference, scratch):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(layer(x)))
        gradients.append(tape.gradient(loss, [w.value for w in layer.trainable_weights]))
    for expected, got in zip(*gradients, strict=True):
        np.testing.assert_allclose(got.numpy(), expected.numpy(), atol=1e-5)


@pytest.mark.parametrize("reset_after", [True, False])
def test_zero_weights_halve_the_state_each_step(reset_after):
    # z = r = sigmoid(0) = 0.5 and the candidate is tanh(0) = 0, so h_t = 0.5 h_{t-1}.
    x_proj = np.zeros((2, 6), np.float32)  # batch 2, units 2
    recurrent_kernel = np.zeros((2, 6), np.float32)
    recurrent_bias = np.zeros(6, np.float32) if reset_after else None
    h_prev = np.full((2, 2), 3.0, np.float32)
    h, z, r, candidate = gru_step(x_proj, h_prev, recurrent_kernel, recurrent_bias, reset_after)
    np.testing.assert_allclose(np.asarray(z), 0.5)
    np.testing.assert_allclose(np.asarray(r), 0.5)
    np.testing.assert_allclose(np.asarray(candidate), 0.0)
    np.testing.assert_allclose(np.asarray(h), 1.5)


@pytest.mark.parametrize("reset_after", [True, False])
def test_trace_shapes_gate_ranges_and_states(reset_after):
    _, scratch = keras_and_scratch(5, 2, reset_after=reset_after, return_sequences=True)
    x = inputs(3, 11, 2)
    trace = scratch.trace(x)
    assert sorted(trace) == ["candidate", "h", "r", "z"]
    for values in trace.values():
        assert isinstance(values, np.ndarray) and values.shape == (3, 11, 5)
    for gate in ("z", "r"):
        assert trace[gate].min() >= 0.0 and trace[gate].max() <= 1.0
    assert np.abs(trace["candidate"]).max() <= 1.0
    np.testing.assert_allclose(trace["h"], np.asarray(scratch(x)), atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_traced_state_obeys_the_update_equation(seed):
    _, scratch = keras_and_scratch(4, 2, reset_after=True, seed=seed)
    trace = scratch.trace(inputs(2, 8, 2, seed=seed))
    h, z, candidate = trace["h"], trace["z"], trace["candidate"]
    h_prev = np.concatenate([np.zeros_like(h[:, :1]), h[:, :-1]], axis=1)  # h_0 = 0
    np.testing.assert_allclose(h, z * h_prev + (1 - z) * candidate, atol=1e-6)


def test_trace_builds_an_unbuilt_layer_and_accepts_float64():
    trace = ScratchGRU(3).trace(np.ones((2, 4, 5), dtype=np.float64))
    assert trace["h"].dtype == np.float32 and trace["h"].shape == (2, 4, 3)


@pytest.mark.slow
def test_learns_the_adding_problem_far_below_the_constant_baseline():
    task = adding_task(length=10, n_train=1000, n_val=200, n_test=200, seed=0)
    model = build_regressor(task.input_shape, layer="scratch_gru", units=16, learning_rate=1e-2)
    fit(model, task, TrainingSettings(epochs=10, batch_size=32))
    mse = float(np.mean((predict(model, task.x_test) - task.y_test) ** 2))
    baseline = float(np.mean((task.y_test - task.y_train.mean()) ** 2))  # about 1/6
    assert mse < 0.2 * baseline


def test_trains_inside_a_keras_model_so_the_loss_falls():
    task = adding_task(length=6, n_train=128, n_val=32, n_test=32, seed=1)
    model = build_regressor(task.input_shape, layer="scratch_gru", units=8, learning_rate=1e-2)
    before = model.get_weights()
    history = fit(model, task, TrainingSettings(epochs=2, batch_size=32))
    assert history.loss[-1] < history.loss[0]
    assert all(not np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))


# Keras's own saving (any layer, keras.layers.GRU included) calls np.array on a variable whose
# __array__ lacks NumPy 2's `copy` keyword; the warning is Keras's, not this layer's.
@pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy keyword")
@pytest.mark.parametrize("reset_after", [True, False])
def test_saved_and_loaded_model_gives_the_same_outputs(tmp_path, reset_after):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((7, 2)), ScratchGRU(4, reset_after=reset_after, return_sequences=True)]
    )
    x = inputs(3, 7, 2)
    path = tmp_path / "scratch.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    assert isinstance(loaded.layers[0], ScratchGRU)
    assert loaded.layers[0].get_config() == model.layers[0].get_config()
    np.testing.assert_array_equal(np.asarray(loaded(x)), np.asarray(model(x)))


def test_config_round_trip_keeps_the_arguments():
    layer = ScratchGRU(7, reset_after=False, return_sequences=True, name="g")
    clone = ScratchGRU.from_config(layer.get_config())
    assert (clone.units, clone.reset_after, clone.return_sequences, clone.name) == (
        7,
        False,
        True,
        "g",
    )


def test_registry_builds_a_scratch_gru_regressor():
    model = build_regressor((5, 2), layer="scratch_gru", units=3)
    assert isinstance(model.layers[1], ScratchGRU) and model.output_shape == (None, 1)
    with pytest.raises(ValueError, match="`activation`"):
        RECURRENT_LAYERS["scratch_gru"](3, "relu")
