"""Closed-form parameter counts agree with Keras, and the units for a budget are the closest."""

import keras
import pytest

from gru_lib.models.build import build_regressor
from gru_lib.models.parameters import (
    parameter_table,
    recurrent_parameters,
    regressor_parameters,
    units_for_parameters,
)

KERAS_LAYERS = {
    "simple_rnn": keras.layers.SimpleRNN,
    "gru": keras.layers.GRU,
    "lstm": keras.layers.LSTM,
}


@pytest.mark.parametrize("layer", sorted(KERAS_LAYERS))
@pytest.mark.parametrize(("units", "features"), [(1, 1), (7, 2), (32, 1)])
def test_the_formula_matches_keras_count_params(layer, units, features):
    keras_layer = KERAS_LAYERS[layer](units)
    keras_layer.build((None, 5, features))
    assert recurrent_parameters(layer, units=units, features=features) == keras_layer.count_params()


@pytest.mark.parametrize("reset_after", [True, False])
def test_the_gru_formula_follows_keras_with_and_without_a_separate_recurrent_bias(reset_after):
    keras_layer = keras.layers.GRU(6, reset_after=reset_after)
    keras_layer.build((None, 5, 3))
    count = recurrent_parameters("gru", units=6, features=3, reset_after=reset_after)
    assert count == keras_layer.count_params() == 3 * 6 * (3 + 6 + 1) + (18 if reset_after else 0)


def test_the_regressor_count_adds_the_dense_head_to_the_layer():
    model = build_regressor((4, 2), layer="lstm", units=5)
    assert (
        regressor_parameters("lstm", units=5, features=2) == model.count_params() == 4 * 5 * 8 + 6
    )


def test_a_gru_has_three_quarters_of_an_lstms_parameters_and_a_little_more_for_the_bias():
    for units in (8, 64, 512):
        ratio = recurrent_parameters("gru", units=units, features=1) / recurrent_parameters(
            "lstm", units=units, features=1
        )
        # 3n(d + n + 2) / 4n(d + n + 1): the reset-after bias adds a factor that tends to 1.
        assert ratio == pytest.approx(0.75 * (units + 3) / (units + 2))
        without_bias = recurrent_parameters("gru", units=units, features=1, reset_after=False)
        assert without_bias / recurrent_parameters("lstm", units=units, features=1) == 0.75


@pytest.mark.parametrize("layer", ["simple_rnn", "gru", "lstm"])
@pytest.mark.parametrize("budget", [10, 1000, 3393])
def test_units_for_parameters_is_the_closest_count_of_all(layer, budget):
    units = units_for_parameters(layer, parameters=budget, features=1)
    gaps = {
        u: abs(regressor_parameters(layer, units=u, features=1) - budget) for u in range(1, 200)
    }
    assert gaps[units] == min(gaps.values()) and units == min(
        u for u, g in gaps.items() if g == gaps[units]
    )


def test_the_parameter_table_puts_the_formula_beside_keras_for_every_registered_layer():
    from gru_lib.models.build import RECURRENT_LAYERS

    table = parameter_table(units=[3, 16], features=2, layers=list(RECURRENT_LAYERS))
    assert len(table) == 2 * len(RECURRENT_LAYERS)
    assert (table["formula"] == table["keras"]).all()
