"""MinGRU: the parallel scan and the loop compute minGRU's equations, values and gradients alike."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from gru_lib.cells.closed_form import closed_form_states, log_space_states
from gru_lib.cells.min_gru import MinGRU
from gru_lib.cells.min_gru_reference import min_gru_reference
from gru_lib.cells.scan import combine
from gru_lib.models.build import RECURRENT_LAYERS
from gru_lib.models.parameters import recurrent_parameters

SHAPES = [(1, 1, 1, 1), (3, 1, 2, 4), (3, 7, 2, 5), (4, 37, 3, 8), (2, 64, 5, 6)]
# (batch, time, features, units): T = 1, odd lengths and a power of two


def layers_with_random_weights(units, features, *, return_sequences=True, seed=0):
    """A parallel and a sequential MinGRU sharing random weights: gates open and closed, and
    candidates of both signs."""
    rng = np.random.default_rng(seed)
    weights = [
        rng.normal(scale=1.5, size=(features, 2 * units)).astype(np.float32),
        rng.normal(scale=1.0, size=(2 * units,)).astype(np.float32),
    ]
    layers = {}
    for mode in ("parallel", "sequential"):
        layer = MinGRU(units, mode=mode, return_sequences=return_sequences)
        layer.build((None, None, features))
        layer.set_weights(weights)
        layers[mode] = layer
    return layers, weights


def draw(shape, seed):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


@pytest.mark.parametrize("with_initial_state", [False, True])
@pytest.mark.parametrize(("batch", "time", "features", "units"), SHAPES)
def test_both_modes_equal_the_numpy_loop(with_initial_state, batch, time, features, units):
    layers, weights = layers_with_random_weights(units, features)
    x = draw((batch, time, features), seed=1)
    h0 = 3.0 * draw((batch, units), seed=2) if with_initial_state else None
    expected = min_gru_reference(x, *weights, initial_state=h0)
    if expected.size >= 20:  # enough states to see both signs
        assert np.any(expected > 0.5) and np.any(expected < -0.5)
    for layer in layers.values():
        states = layer(x, initial_state=h0).numpy()
        np.testing.assert_allclose(states, expected, rtol=1e-5, atol=1e-5)


def test_a_non_zero_initial_state_changes_every_step_the_same_way_in_both_modes():
    layers, _ = layers_with_random_weights(4, 2)
    x, h0 = draw((2, 9, 2), seed=3), draw((2, 4), seed=4)
    for layer in layers.values():
        moved = layer(x, initial_state=h0).numpy() - layer(x).numpy()
        assert np.all(np.abs(moved[:, 0]) > 0)
    np.testing.assert_allclose(
        layers["parallel"](x, initial_state=h0),
        layers["sequential"](x, initial_state=h0),
        atol=1e-6,
    )


def test_the_last_state_is_the_last_of_the_sequence():
    layers, weights = layers_with_random_weights(5, 3, return_sequences=False)
    x = draw((2, 11, 3), seed=5)
    expected = min_gru_reference(x, *weights)[:, -1]
    for layer in layers.values():
        assert layer(x).shape == (2, 5)
        np.testing.assert_allclose(layer(x), expected, rtol=1e-5, atol=1e-5)


def gradients(layer, x, h0):
    h0 = tf.Variable(h0)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.sin(layer(x, initial_state=h0)))  # weights every state unevenly
    return [g.numpy() for g in tape.gradient(loss, [*layer.trainable_variables, h0])]


@pytest.mark.parametrize("time", [1, 6, 33])
def test_the_gradients_of_both_modes_agree(time):
    layers, _ = layers_with_random_weights(4, 3)
    x, h0 = draw((3, time, 3), seed=6), draw((3, 4), seed=7)
    parallel = gradients(layers["parallel"], x, h0)
    sequential = gradients(layers["sequential"], x, h0)
    assert len(parallel) == 3  # kernel, bias, initial state
    for p, s in zip(parallel, sequential, strict=True):
        assert np.abs(s).max() > 0
        np.testing.assert_allclose(p, s, rtol=1e-4, atol=1e-5)


def test_compiled_with_xla_under_a_gradient_tape_both_modes_give_the_eager_values():
    layers, _ = layers_with_random_weights(4, 2, return_sequences=False)
    x = tf.constant(draw((3, 20, 2), seed=8))
    for layer in layers.values():

        @tf.function(jit_compile=True)
        def step(x, layer=layer):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(layer(x) ** 2)
            return loss, tape.gradient(loss, layer.trainable_variables)

        loss, grads = step(x)
        with tf.GradientTape() as tape:
            eager_loss = tf.reduce_sum(layer(x) ** 2)
        eager_grads = tape.gradient(eager_loss, layer.trainable_variables)
        np.testing.assert_allclose(loss, eager_loss, rtol=1e-5)
        for g, e in zip(grads, eager_grads, strict=True):
            np.testing.assert_allclose(g, e, rtol=1e-4, atol=1e-5)


def test_at_4096_steps_the_parallel_scan_stays_finite_and_equals_the_loop():
    # Gates from nearly shut to nearly open and candidates up to about +-10: a product of 4096
    # gates underflows, which must not turn into inf or NaN.
    layers, _ = layers_with_random_weights(8, 2, seed=9)
    x = 3.0 * draw((2, 4096, 2), seed=10)
    parallel = layers["parallel"](x).numpy()
    sequential = layers["sequential"](x).numpy()
    assert np.all(np.isfinite(parallel))
    assert np.abs(parallel).max() > 5.0
    np.testing.assert_allclose(parallel, sequential, rtol=1e-4, atol=1e-4)


def test_the_operator_is_associative_and_composes_two_steps():
    rng = np.random.default_rng(11)
    a, b, c = (tuple(rng.uniform(-2, 2, size=2)) for _ in range(3))
    np.testing.assert_allclose(combine(combine(a, b), c), combine(a, combine(b, c)))
    h = 0.7
    step_twice = b[0] * (a[0] * h + a[1]) + b[1]
    composed = combine(a, b)
    assert composed[0] * h + composed[1] == pytest.approx(step_twice)


@pytest.mark.parametrize(("features", "units"), [(1, 1), (3, 16), (10, 64)])
def test_the_parameter_count_is_2n_times_d_plus_1(features, units):
    layer = MinGRU(units)
    layer.build((None, None, features))
    assert layer.count_params() == 2 * units * (features + 1)
    assert recurrent_parameters("min_gru", units=units, features=features) == layer.count_params()


# Keras's saving passes `copy` to a TensorFlow variable's __array__, which lacks the keyword under
# NumPy 2; the warning is Keras's, not this layer's.
@pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy keyword")
def test_a_model_saves_and_loads_as_keras_with_its_mode_and_outputs(tmp_path):
    inputs = keras.Input((12, 3))
    states = MinGRU(5, mode="sequential", return_sequences=True)(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(states))
    path = tmp_path / "min_gru.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    x = draw((2, 12, 3), seed=12)
    np.testing.assert_array_equal(loaded(x), model(x))
    layer = loaded.layers[1]
    assert isinstance(layer, MinGRU)
    assert (layer.units, layer.mode, layer.return_sequences) == (5, "sequential", True)


def test_the_registry_builds_min_gru_with_its_options():
    layer = RECURRENT_LAYERS["min_gru"](6, "tanh", True, mode="sequential")
    assert (layer.units, layer.mode, layer.return_sequences) == (6, "sequential", True)
    assert RECURRENT_LAYERS["min_gru"](3, "linear").mode == "parallel"


def recurrence_at_4096(seed=13):
    rng = np.random.default_rng(seed)
    a = 1.0 / (1.0 + np.exp(-rng.normal(size=(4096, 8))))  # gates in (0, 1)
    b = 3.0 * rng.normal(size=(4096, 8))  # both signs
    h, states = np.zeros(8), []
    for a_t, b_t in zip(a, b, strict=True):
        h = a_t * h + b_t
        states.append(h)
    return a, b, np.array(states)


def test_the_closed_form_agrees_on_short_sequences_and_breaks_on_long_ones():
    a, b, expected = recurrence_at_4096()
    np.testing.assert_allclose(closed_form_states(a[:32], b[:32]), expected[:32], atol=1e-4)
    assert not np.all(np.isfinite(closed_form_states(a, b)))


def test_the_log_space_form_stays_finite_and_close_to_the_loop_at_4096_steps():
    a, b, expected = recurrence_at_4096()
    states = log_space_states(a, b)
    assert np.all(np.isfinite(states))
    np.testing.assert_allclose(states, expected, atol=1e-2 * np.abs(expected).max())


def test_stacked_min_gru_trains_through_the_engine_on_per_step_targets():
    from gru_lib.data import selective_copying_task
    from gru_lib.models.spec import ModelSpec
    from gru_lib.training.engine import TrainingSettings, run

    task = selective_copying_task(
        length=12, n_train=64, n_val=16, n_test=16, tokens=2, vocabulary=3, seed=0
    )
    spec = ModelSpec(layer="min_gru", units=4, layers=2)
    record = run(task, spec, 0, TrainingSettings(epochs=2, batch_size=16))
    layers = [layer for layer in record.model.layers if isinstance(layer, MinGRU)]
    assert [layer.return_sequences for layer in layers] == [True, True]
    assert record.predictions.shape == (16, 2, 3)
    assert 0.0 <= record.metrics["test_accuracy"] <= 1.0
    assert np.isfinite(record.history.loss).all()
