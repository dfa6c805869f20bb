"""The gradient-flow measurement against closed-form answers, and the helpers built around it."""

import keras
import numpy as np
import pytest
import tensorflow as tf
from matplotlib.figure import Figure

from gru_lib.analysis.gradients import gradient_norms_by_distance, per_step_factor
from gru_lib.data import adding_task
from gru_lib.models.build import build_regressor
from gru_lib.models.initialisation import (
    initialised_layer,
    set_spectral_radius,
    simple_rnn_with_radius,
)
from gru_lib.plots.gradients import clipping_demo, gradient_decay
from gru_lib.training.engine import TrainingSettings, fit
from gru_lib.training.records import TrainingHistory


def _inputs(batch=3, time=12, features=2, seed=0):
    return np.random.default_rng(seed).standard_normal((batch, time, features)).astype(np.float32)


@pytest.mark.parametrize("a", [0.5, 0.9, 1.1])
def test_linear_rnn_with_recurrent_matrix_a_identity_has_gradient_norm_a_to_the_k(a):
    # h_t = x_t W + a h_{t-1}, so ∂h_T/∂x_{T-k} = a^k Wᵀ and its norm is a^k ‖W‖_F, for any input.
    layer = initialised_layer("simple_rnn", units=4, features=2, activation="linear", seed=0)
    layer.cell.recurrent_kernel.assign(a * np.eye(4, dtype=np.float32))
    norms = gradient_norms_by_distance(layer, _inputs())
    kernel_norm = np.linalg.norm(layer.cell.kernel.numpy())
    np.testing.assert_allclose(norms, kernel_norm * a ** np.arange(12), rtol=1e-4)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_tanh_rnn_gradient_never_exceeds_the_linear_bound(seed):
    # tanh' <= 1 and ‖U‖ = radius, so ‖∂h_T/∂x_{T-k}‖_F <= radius^k ‖W‖_F for every input.
    radius = 0.8
    layer = simple_rnn_with_radius(8, 2, radius, seed=seed)
    norms = gradient_norms_by_distance(layer, _inputs(seed=seed))
    bound = np.linalg.norm(layer.cell.kernel.numpy()) * radius ** np.arange(12)
    assert np.all(norms <= bound * (1 + 1e-5))


def test_matches_the_full_jacobian_computed_by_tensorflow_for_a_gru():
    layer = initialised_layer("gru", units=3, features=2, seed=4)
    x = _inputs(batch=2, time=5)
    inputs = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        last = layer(inputs)
    jacobian = tape.batch_jacobian(last, inputs).numpy()  # (batch, units, time, features)
    expected = np.sqrt((jacobian**2).sum(axis=(1, 3))).mean(axis=0)[::-1]
    np.testing.assert_allclose(gradient_norms_by_distance(layer, x), expected, rtol=1e-5)


def test_a_layer_returning_sequences_is_measured_at_its_last_step():
    layer = initialised_layer("lstm", units=4, features=2, seed=0)
    sequences = keras.layers.LSTM(4, return_sequences=True)
    sequences.build((None, None, 2))
    sequences.set_weights(layer.get_weights())
    x = _inputs()
    np.testing.assert_allclose(
        gradient_norms_by_distance(sequences, x), gradient_norms_by_distance(layer, x), rtol=1e-6
    )


def test_set_spectral_radius_makes_every_eigenvalue_and_singular_value_equal_the_radius():
    layer = initialised_layer("simple_rnn", units=6, features=1, seed=0)
    set_spectral_radius(layer, 1.7, seed=3)
    matrix = layer.cell.recurrent_kernel.numpy()
    np.testing.assert_allclose(np.abs(np.linalg.eigvals(matrix)), 1.7, rtol=1e-5)
    np.testing.assert_allclose(np.linalg.svd(matrix, compute_uv=False), 1.7, rtol=1e-5)


def test_simple_rnn_with_radius_is_reproducible_from_its_seed():
    first = simple_rnn_with_radius(5, 2, 1.2, seed=7).get_weights()
    again = simple_rnn_with_radius(5, 2, 1.2, seed=7).get_weights()
    other = simple_rnn_with_radius(5, 2, 1.2, seed=8).get_weights()
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[1], other[1])


def test_per_step_factor_recovers_the_ratio_of_a_geometric_sequence_ignoring_zeros():
    assert per_step_factor(2.0 * 0.7 ** np.arange(30)) == pytest.approx(0.7)
    assert per_step_factor(np.array([1.0, 3.0, 9.0, 0.0, 81.0])) == pytest.approx(3.0)
    with pytest.raises(ValueError, match="argument `norms`"):
        per_step_factor(np.array([1.0, 0.0, 0.0]))


def traced(model, task, *, epochs=1, batch_size=16, seed=0):
    """The engine's step trace of ``model`` trained on ``task``."""
    settings = TrainingSettings(epochs=epochs, batch_size=batch_size, trace_steps=True)
    return fit(model, task, settings, seed=seed)


def test_the_engine_traces_one_loss_and_gradient_norm_per_update_and_repeats_from_its_seed():
    task = adding_task(length=6, n_train=48, n_val=8, n_test=8, seed=0)

    def run():
        model = build_regressor((6, 2), layer="simple_rnn", units=4, optimizer="sgd", seed=0)
        return traced(model, task, epochs=2, seed=1)

    history = run()
    assert len(history.step_loss) == 6 and len(history.step_gradient_norm) == 6  # 3 per epoch
    assert np.all(np.array(history.step_gradient_norm) > 0)
    assert history.step_loss == run().step_loss


def test_an_untraced_run_records_no_steps_and_the_same_epochs():
    task = adding_task(length=6, n_train=48, n_val=8, n_test=8, seed=0)
    plain = fit(build_regressor((6, 2), units=4), task, TrainingSettings(epochs=2, batch_size=16))
    history = traced(build_regressor((6, 2), units=4), task, epochs=2)
    assert plain.step_loss == [] and plain.step_gradient_norm == []
    np.testing.assert_allclose(history.loss, plain.loss, rtol=1e-6)


def test_the_trace_records_the_gradient_before_the_optimizers_clipnorm():
    # With SGD at learning rate 1, a step moves each weight tensor by its clipped gradient,
    # whose norm clipnorm caps, whatever the size of the raw gradient recorded in the trace.
    task = adding_task(length=6, n_train=16, n_val=8, n_test=8, seed=0)
    model = build_regressor(
        (6, 2), layer="simple_rnn", units=4, optimizer="sgd", learning_rate=1.0, clipnorm=0.01
    )
    set_spectral_radius(model.layers[1], 3.0)
    start = [w.numpy().copy() for w in model.trainable_variables]
    history = traced(model, task)
    after = [w.numpy() for w in model.trainable_variables]
    moves = [np.linalg.norm(a - b) for a, b in zip(after, start, strict=True)]
    assert history.step_gradient_norm[0] > 0.1
    assert max(moves) <= 0.01 * (1 + 1e-4)


def test_the_first_traced_loss_is_the_untrained_models_mse_on_that_batch():
    task = adding_task(length=6, n_train=8, n_val=8, n_test=8, seed=0)
    model = build_regressor((6, 2), layer="gru", units=4, seed=0)
    before = np.mean((model(task.x_train).numpy()[:, 0] - task.y_train) ** 2)
    history = traced(model, task, batch_size=8)
    assert history.step_loss[0] == pytest.approx(before, rel=1e-5)


def test_gradient_decay_plots_one_log_scale_line_per_label_and_skips_zeros():
    fig = gradient_decay({"a": 0.5 ** np.arange(5), "b": np.array([1.0, 0.1, 0.0])})
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and len(ax.get_lines()) == 2
    assert np.isnan(ax.get_lines()[1].get_ydata()[2])


def test_clipping_demo_has_a_loss_panel_and_a_gradient_norm_panel():
    trace = TrainingHistory(
        [1.0], [1.0], 0.1, step_loss=[1.0, np.inf, 0.5], step_gradient_norm=[3.0, 2.0, 1.0]
    )
    fig = clipping_demo({"no clipping": trace, "clipped": trace})
    loss_ax, norm_ax = fig.axes
    assert len(loss_ax.get_lines()) == 2 and len(norm_ax.get_lines()) == 2
    assert np.isnan(loss_ax.get_lines()[0].get_ydata()[1])
