"""Train-step throughput: one row per layer and size, every speed relative to Keras's GRU."""

import numpy as np
import pandas as pd
import pytest
import tensorflow as tf

from gru_lib.analysis.throughput import (
    COST_COLUMNS,
    THROUGHPUT_COLUMNS,
    step_cost,
    traced_op_types,
    train_step_throughput,
    uses_cudnn,
)
from gru_lib.models.build import build_regressor

TINY = {"batch_size": 4, "times": (3, 5), "units": (2,), "features": 2, "steps": 2, "warmup": 1}
NO_GPU = not tf.config.list_physical_devices("GPU")


@pytest.fixture(scope="module")
def table():
    return train_step_throughput(layers=("scratch_gru", "gru"), **TINY)


def test_a_tiny_measurement_has_one_row_per_size_and_layer_in_the_documented_columns(table):
    assert list(table.columns) == THROUGHPUT_COLUMNS
    assert list(zip(table["time"], table["units"], table["layer"], strict=True)) == [
        (3, 2, "scratch_gru"),
        (3, 2, "gru"),
        (5, 2, "scratch_gru"),
        (5, 2, "gru"),
    ]
    assert (table["device"] == "cpu").all() and (table["batch_size"] == 4).all()
    assert (table["steps_per_second"] > 0).all() and np.isfinite(table["steps_per_second"]).all()


def test_other_layers_ratios_divide_by_the_keras_gru_speed(table):
    gru = table[table["layer"] == "gru"]
    scratch = table[table["layer"] == "scratch_gru"]
    np.testing.assert_allclose(
        scratch["ratio_to_gru"], scratch["steps_per_second"].to_numpy() / gru["steps_per_second"]
    )


class ScriptedClock:
    """A stand-in for ``time``: every timed step of the n-th layer in turn takes ``seconds[n]``."""

    def __init__(self, seconds):
        self.seconds, self.now, self.calls = list(seconds), 0.0, 0

    def perf_counter(self):
        self.calls += 1
        if self.calls % 2 == 0:  # the end of a step: advance by that layer's scripted duration
            step = self.calls // 2 - 1
            self.now += self.seconds[step % len(self.seconds)]
        return self.now


def test_speeds_and_ratios_come_from_the_measured_step_times(monkeypatch):
    import gru_lib.analysis.throughput as throughput

    # scratch_gru takes 0.2 s a step and Keras's GRU 0.1 s: 5 and 10 steps a second.
    monkeypatch.setattr(throughput, "clock", ScriptedClock([0.2, 0.1]))
    sizes = {**TINY, "times": (3,)}
    table = train_step_throughput(layers=("scratch_gru", "gru"), **sizes)
    speeds = dict(zip(table["layer"], table["steps_per_second"], strict=True))
    ratios = dict(zip(table["layer"], table["ratio_to_gru"], strict=True))
    assert speeds == pytest.approx({"scratch_gru": 5.0, "gru": 10.0})
    assert ratios == pytest.approx({"scratch_gru": 0.5, "gru": 1.0})


@pytest.mark.skipif(not NO_GPU, reason="with a GPU, Keras's GRU may pick cuDNN")
def test_without_a_gpu_no_layer_uses_cudnn(table):
    assert not table["cudnn"].any()
    assert not uses_cudnn(build_regressor((5, 2), units=3), np.zeros((1, 5, 2), "float32"))


def test_the_traced_op_types_include_those_inside_the_recurrent_loop():
    types = traced_op_types(build_regressor((5, 2), units=3), np.zeros((1, 5, 2), "float32"))
    assert types & {"While", "StatelessWhile", "CudnnRNNV3"}
    assert "MatMul" in types


@pytest.mark.skipif(not NO_GPU, reason="this machine has a GPU")
def test_asking_for_a_gpu_on_a_machine_without_one_is_refused():
    with pytest.raises(ValueError, match="`device`.*no GPU"):
        train_step_throughput(device="gpu", **TINY)


def test_step_cost_recovers_a_fixed_and_a_per_time_step_cost_for_each_layer_and_size():
    costs = {("gru", 16): (3.0, 0.25), ("gru", 128): (5.0, 1.5), ("lstm", 16): (4.0, 0.5)}
    rows = [
        {"device": "cpu", "layer": layer, "units": units, "time": time,
         "steps_per_second": 1000.0 / (fixed + per_step * time)}
        for (layer, units), (fixed, per_step) in costs.items()
        for time in (20, 50, 80)
    ]  # fmt: skip
    table = step_cost(pd.DataFrame(rows))
    assert list(table.columns) == COST_COLUMNS
    fitted = {(r.layer, r.units): (r.fixed_ms, r.per_time_step_ms) for r in table.itertuples()}
    assert fitted.keys() == costs.keys()
    for key, expected in costs.items():
        np.testing.assert_allclose(fitted[key], expected)
