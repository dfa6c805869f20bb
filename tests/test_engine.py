"""The training engine: compiled epochs that train exactly as a plain loop would, repeatably."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from gru_lib.data import TaskData, uniform_mean_task
from gru_lib.models.build import build_model, build_regressor
from gru_lib.models.spec import ModelSpec
from gru_lib.training import engine, program
from gru_lib.training.engine import TrainingSettings, fit, run
from gru_lib.training.runs import run_experiments


@pytest.fixture(scope="module")
def task():
    # 37 training samples in batches of 8: the last batch is short, which the engine pads.
    return uniform_mean_task(n_train=37, n_val=9, n_test=11, length=4, seed=3)


def test_a_compiled_epoch_makes_the_same_updates_as_a_plain_loop_over_the_same_batches(task):
    model = build_regressor(task.input_shape, units=3, seed=2)
    reference = build_regressor(task.input_shape, units=3, seed=2)
    history = fit(model, task, TrainingSettings(epochs=2, batch_size=8), seed=5)

    rng = np.random.default_rng(5)  # the engine's shuffle: one permutation per epoch
    variables = reference.trainable_variables
    losses = []
    for _ in range(2):
        order, total = rng.permutation(len(task.x_train)), 0.0
        for start in range(0, len(order), 8):
            batch = order[start : start + 8]
            with tf.GradientTape() as tape:
                outputs = tf.reshape(reference(task.x_train[batch], training=True), [-1])
                loss = tf.reduce_mean(tf.square(outputs - task.y_train[batch]))
            gradients = tape.gradient(loss, variables)
            reference.optimizer.apply_gradients(zip(gradients, variables, strict=True))
            total += float(loss) * len(batch)
        losses.append(total / len(order))

    for mine, theirs in zip(model.get_weights(), reference.get_weights(), strict=True):
        np.testing.assert_allclose(mine, theirs, atol=1e-5)
    np.testing.assert_allclose(history.loss, losses, rtol=1e-4)
    val = tf.reshape(reference(task.x_val), [-1]) - task.y_val
    assert history.val_loss[-1] == pytest.approx(float(tf.reduce_mean(val**2)), rel=1e-4)


def test_the_same_seed_gives_bit_identical_histories_and_metrics(task):
    settings = TrainingSettings(epochs=3, batch_size=8)
    first = run(task, ModelSpec(units=3), 1, settings)
    again = run(task, ModelSpec(units=3), 1, settings)
    other = run(task, ModelSpec(units=3), 2, settings)
    assert first.history.loss == again.history.loss
    assert first.history.val_loss == again.history.val_loss
    assert first.metrics == again.metrics
    assert first.history.loss != other.history.loss


def test_reusing_a_compiled_program_changes_no_number(task):
    settings = TrainingSettings(epochs=2, batch_size=8)
    run(task, ModelSpec(units=3, layer="lstm"), 0, settings)  # compiles and trains seed 0 first
    reused = run(task, ModelSpec(units=3, layer="lstm"), 4, settings)
    program.clear_cache()
    fresh = run(task, ModelSpec(units=3, layer="lstm"), 4, settings)
    assert reused.history.loss == fresh.history.loss and reused.metrics == fresh.metrics
    assert reused.history.compile_seconds == 0 < fresh.history.compile_seconds


def test_specs_differing_only_in_learning_rate_share_a_program_and_train_at_their_own_rate(task):
    settings = TrainingSettings(epochs=2, batch_size=8)
    program.clear_cache()
    run(task, ModelSpec(units=3, learning_rate=0.001), 0, settings)
    shared = run(task, ModelSpec(units=3, learning_rate=0.05), 0, settings)
    program.clear_cache()
    alone = run(task, ModelSpec(units=3, learning_rate=0.05), 0, settings)
    slow = run(task, ModelSpec(units=3, learning_rate=0.001), 0, settings)
    assert shared.history.compile_seconds == 0 < alone.history.compile_seconds
    assert shared.history.loss == alone.history.loss and shared.metrics == alone.metrics
    assert slow.history.loss != alone.history.loss


def test_each_record_keeps_its_own_trained_model(task):
    settings = TrainingSettings(epochs=2, batch_size=8)
    first = run(task, ModelSpec(units=3), 0, settings)
    second = run(task, ModelSpec(units=3), 1, settings)
    assert first.model is not second.model
    np.testing.assert_array_equal(engine.predict(first.model, task.x_test), first.predictions)


def test_early_stopping_stops_and_restores_the_best_epoch(task):
    # A learning rate far too high makes the validation loss climb after the first epochs.
    spec = ModelSpec(units=3, learning_rate=0.5)
    record = run(task, spec, 0, TrainingSettings(epochs=40, batch_size=8, patience=2))
    history = record.history
    best = int(np.argmin(history.val_loss))
    assert history.epochs == best + 1 + 2 < 40
    assert history.best_epoch == best + 1
    val_outputs = engine.predict(record.model, task.x_val)
    assert np.mean((val_outputs - task.y_val) ** 2) == pytest.approx(history.val_loss[best], 1e-5)


def _sign_task(steps: int | None) -> TaskData:
    """Label each sequence (or each of its last ``steps`` steps) by the sign of its input."""
    rng = np.random.default_rng(0)
    parts = []
    for n in (256, 64, 64):
        x = rng.normal(size=(n, 6, 1)).astype(np.float32)
        labels = (x[:, :, 0] > 0).astype(np.int32)
        parts += [x, labels[:, -1] if steps is None else labels[:, -steps:]]
    return TaskData("sign", *parts, classes=2)


@pytest.mark.parametrize("steps", [None, 3])
def test_a_classification_learns_and_reports_accuracy_and_cross_entropy(steps):
    task = _sign_task(steps)
    record = run(task, ModelSpec(units=8, learning_rate=0.02), 0, TrainingSettings(epochs=15))
    expected_shape = (64, 2) if steps is None else (64, steps, 2)
    assert record.predictions.shape == expected_shape
    assert record.metrics["test_accuracy"] > 0.9
    assert 0 < record.metrics["test_loss"] < np.log(2)


def test_metrics_in_original_units_undo_the_scaling():
    from gru_lib.data import chronological_forecasting_task, noisy_sine

    task = chronological_forecasting_task(noisy_sine(length=300, seed=0), window=8, name="sine")
    predictions = task.y_test + 0.5  # off by half a (scaled) unit everywhere
    metrics = engine.score_predictions(task, predictions)
    assert metrics["test_rmse"] == pytest.approx(0.5, rel=1e-5)
    assert metrics["test_rmse_original"] == pytest.approx(0.5 * task.scaler.scale_, rel=1e-5)


def test_callbacks_hear_every_epoch(task):
    seen = []

    class Listener(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen.append((epoch, sorted(logs)))

    fit(
        build_regressor(task.input_shape, units=2),
        task,
        TrainingSettings(2),
        callbacks=[Listener()],
    )
    assert seen == [(0, ["loss", "val_loss"]), (1, ["loss", "val_loss"])]


def test_build_model_stacks_layers_and_passes_options_to_the_layer():
    model = build_model(ModelSpec(units=4, layers=3, bidirectional=True), (6, 2))
    recurrent = [layer for layer in model.layers if isinstance(layer, keras.layers.Bidirectional)]
    assert len(recurrent) == 3 and model.output_shape == (None, 1)
    lstm = build_model(
        ModelSpec(layer="lstm", units=2, options=(("unit_forget_bias", False),)), (6, 1)
    )
    assert not lstm.layers[1].cell.unit_forget_bias


@pytest.mark.slow  # starts a two-process Dask cluster: each worker imports TensorFlow
def test_a_dask_cluster_gives_the_same_table_as_the_in_process_runner(task):
    import distributed  # a test dependency: its absence is an error, not a skip

    specs, seeds = [ModelSpec(units=3), ModelSpec(layer="lstm", units=2)], [0, 1]
    local = run_experiments([task], specs, seeds, epochs=2, batch_size=8)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # any free port: the scheduler serves HTTP regardless
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = run_experiments(
            [task], specs, seeds, epochs=2, batch_size=8, executor=client.get_executor()
        )
    compared = [c for c in local.columns if c not in {"train_seconds", "record"}]
    assert remote[compared].equals(local[compared])
    assert [r.history.loss for r in remote["record"]] == [r.history.loss for r in local["record"]]
