"""gru_backward: the GRU's gradients by hand equal TensorFlow's autodiff and finite differences."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from gru_lib.cells.backward import _forward_step, gru_backward
from gru_lib.cells.gru import gru_step

# (batch, time, features, units), with one step and one sequence among them
SHAPES = [(1, 1, 1, 1), (1, 6, 3, 4), (3, 1, 2, 5), (4, 12, 6, 16), (2, 30, 3, 8)]
NAMES = ("inputs", "initial_state", "kernel", "recurrent_kernel", "bias", "state_gradients")


def arguments(batch, time, features, units, seed=0):
    """Random float64 arguments of gru_backward, by name; weights scaled to keep the gates live."""
    rng = np.random.default_rng(seed)
    shapes = {
        "inputs": (batch, time, features),
        "initial_state": (batch, units),
        "kernel": (features, 3 * units),
        "recurrent_kernel": (units, 3 * units),
        "bias": (2, 3 * units),
        "state_gradients": (batch, time, units),
    }
    return {name: rng.normal(scale=0.7, size=shape) for name, shape in shapes.items()}


def keras_gradients(args):
    """TensorFlow's gradients of sum(h * state_gradients) through a float64 keras GRU."""
    units = args["initial_state"].shape[1]
    layer = keras.layers.GRU(units, reset_after=True, return_sequences=True, dtype="float64")
    layer.build(args["inputs"].shape)
    layer.set_weights([args["kernel"], args["recurrent_kernel"], args["bias"]])
    x, h0 = tf.constant(args["inputs"]), tf.constant(args["initial_state"])
    with tf.GradientTape() as tape:
        tape.watch([x, h0])
        states = layer(x, initial_state=h0)
        loss = tf.reduce_sum(states * args["state_gradients"])
    sources = [x, h0, *(w.value for w in layer.trainable_weights)]
    grads = tape.gradient(loss, sources)
    return dict(zip(NAMES[:5], (g.numpy() for g in grads), strict=True))


def loss(args):
    """sum(h * state_gradients), run forward by the module's NumPy step."""
    x_proj = args["inputs"] @ args["kernel"] + args["bias"][0]
    h, total = args["initial_state"], 0.0
    for t in range(x_proj.shape[1]):
        h, _ = _forward_step(x_proj[:, t], h, args["recurrent_kernel"], args["bias"][1])
        total += float(np.sum(h * args["state_gradients"][:, t]))
    return total


def relative_difference(got, expected):
    return float(np.abs(got - expected).max() / np.abs(expected).max())


@pytest.mark.parametrize(("batch", "time", "features", "units"), SHAPES)
def test_gradients_equal_tensorflow_autodiff_of_keras_gru(batch, time, features, units):
    args = arguments(batch, time, features, units)
    expected = keras_gradients(args)
    got = gru_backward(**args)
    assert sorted(got) == sorted(expected)
    for name, grad in got.items():
        assert grad.shape == args[name].shape and grad.dtype == np.float64, name
        assert relative_difference(grad, expected[name]) <= 1e-8, name


@pytest.mark.parametrize("name", NAMES[:5])
def test_gradients_equal_central_finite_differences(name):
    args = arguments(2, 5, 3, 4, seed=1)
    grads = gru_backward(**args)
    rng, eps = np.random.default_rng(2), 1e-6
    for index in zip(*(rng.integers(0, size, 3) for size in args[name].shape), strict=True):
        plus, minus = {**args, name: args[name].copy()}, {**args, name: args[name].copy()}
        plus[name][index] += eps
        minus[name][index] -= eps
        numeric = (loss(plus) - loss(minus)) / (2 * eps)
        assert grads[name][index] == pytest.approx(numeric, rel=1e-6, abs=1e-8), index


def test_forward_step_computes_the_same_state_as_gru_step():
    args = arguments(3, 1, 2, 5)
    x_proj = args["inputs"][:, 0] @ args["kernel"] + args["bias"][0]
    h0, u, b_recurrent = args["initial_state"], args["recurrent_kernel"], args["bias"][1]
    ours, _ = _forward_step(x_proj, h0, u, b_recurrent)
    theirs = gru_step(x_proj, h0, u, b_recurrent, True)
    np.testing.assert_allclose(ours, np.asarray(theirs[0]), rtol=1e-12)


def test_gradients_of_a_loss_on_the_last_state_reach_the_first_input():
    args = arguments(2, 8, 3, 4)
    args["state_gradients"][:, :-1] = 0.0
    grads = gru_backward(**args)
    assert np.abs(grads["inputs"][:, 0]).max() > 0
    np.testing.assert_allclose(grads["inputs"], keras_gradients(args)["inputs"], rtol=1e-8)


def test_saturated_gates_pass_nothing_but_the_copy_path():
    # z = 1 everywhere (huge update-gate bias): h_t = h_{t-1}, so the gradient at h_0 is the sum
    # of all state gradients and no weight receives any.
    args = arguments(2, 4, 3, 4)
    args["bias"][0, :4] = 50.0
    grads = gru_backward(**args)
    np.testing.assert_allclose(grads["initial_state"], args["state_gradients"].sum(axis=1))
    assert np.abs(grads["recurrent_kernel"]).max() < 1e-12
