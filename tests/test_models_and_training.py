"""Model builder and seeded training."""

import numpy as np
import pytest

from gru_lib.data import uniform_mean_task
from gru_lib.models.build import RECURRENT_LAYERS, build_regressor, layer_table
from gru_lib.training.engine import TrainingHistory, TrainingSettings, fit, predict


@pytest.fixture(scope="module")
def small_task():
    return uniform_mean_task(n_train=256, n_val=64, n_test=64, length=6, seed=0)


@pytest.mark.parametrize("layer", ["simple_rnn", "gru", "lstm"])
def test_build_regressor_maps_sequences_to_one_number(layer):
    model = build_regressor((7, 3), layer=layer, units=5)
    assert model.output_shape == (None, 1)
    assert model.predict(np.zeros((2, 7, 3), np.float32), verbose=0).shape == (2, 1)


def test_gru_regressor_has_the_gru_parameter_count():
    units, features = 32, 1
    gru = 3 * (units * features + units * units + 2 * units)  # reset_after: two bias rows
    assert build_regressor((10, features), units=units).count_params() == gru + units + 1


def test_build_regressor_uses_the_requested_activation_and_optimizer():
    model = build_regressor((4, 1), units=3, activation="relu", optimizer="sgd", learning_rate=0.05)
    assert model.layers[1].activation.__name__ == "relu"
    assert type(model.optimizer).__name__ == "SGD"
    assert float(model.optimizer.learning_rate) == pytest.approx(0.05)


def test_same_seed_gives_the_same_weights_and_history(small_task):
    runs = []
    for _ in range(2):
        model = build_regressor(small_task.input_shape, units=4, seed=7)
        runs.append(fit(model, small_task, TrainingSettings(epochs=2), seed=7).loss)
    assert runs[0] == runs[1]


def test_training_lowers_the_loss_below_the_constant_guess(small_task):
    model = build_regressor(small_task.input_shape, units=8, learning_rate=0.01, seed=0)
    history = fit(model, small_task, TrainingSettings(epochs=8), seed=0)
    constant = float(np.mean((small_task.y_val - 0.5) ** 2))
    assert isinstance(history, TrainingHistory) and history.epochs == 8
    assert len(history.val_loss) == 8 and history.seconds > 0
    assert history.val_loss[-1] < constant / 3


def test_predict_returns_one_value_per_sequence_and_checks_its_input(small_task):
    model = build_regressor(small_task.input_shape, units=2)
    assert predict(model, small_task.x_test).shape == (64,)
    with pytest.raises(ValueError, match="`x`.*rank 3"):
        predict(model, small_task.x_test[:, :, 0])
    bad = small_task.x_test.copy()
    bad[0, 0, 0] = np.nan
    with pytest.raises(ValueError, match="`x`.*NaN"):
        predict(model, bad)


def test_the_registry_names_the_three_keras_layers():
    assert {"simple_rnn", "gru", "lstm"} <= set(RECURRENT_LAYERS)


def test_layer_table_lists_each_layer_with_its_parameters():
    table = layer_table(build_regressor((10, 1), units=32))
    assert list(table["type"]) == ["InputLayer", "GRU", "Dense"]
    assert list(table["parameters"]) == [0, 3 * (32 + 32 * 32 + 2 * 32), 33]
    assert table.loc[1, "output shape"] == "(None, 32)"
    with pytest.raises(ValueError, match="`model`"):
        layer_table("not a model")
