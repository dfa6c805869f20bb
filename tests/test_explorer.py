"""gru_book.explorer: what the build hands the in-browser gate explorer, and the walk-through."""

import json
import re

import matplotlib
import numpy as np
import pytest

from gru_book import explorer
from gru_lib.data import adding_problem
from gru_lib.models.build import build_regressor

LENGTH, UNITS = 12, 3


@pytest.fixture(scope="module")
def model():
    """An untrained Input -> ScratchGRU(3) -> Dense(1) regressor with non-zero biases."""
    model = build_regressor((LENGTH, 2), layer="scratch_gru", units=UNITS, seed=0)
    gru, _ = explorer.regressor_parts(model)
    kernel, recurrent_kernel, bias = gru.get_weights()
    rng = np.random.default_rng(0)
    gru.set_weights([kernel, recurrent_kernel, rng.normal(size=bias.shape).astype("float32")])
    return model


def marker_reading_model():
    """A GRU whose unit 1 has z = sigmoid(5 - 10 * marker): it keeps its state unless marked."""
    model = build_regressor((LENGTH, 2), layer="scratch_gru", units=UNITS, seed=0)
    gru, head = explorer.regressor_parts(model)
    kernel = np.zeros((2, 3 * UNITS), "float32")
    kernel[1, 1] = -10.0  # marker -> unit 1's update gate
    kernel[0, 2 * UNITS + 1] = 2.0  # value -> unit 1's candidate
    bias = np.zeros((2, 3 * UNITS), "float32")
    bias[0, :UNITS] = 5.0  # every update gate near 1 (keep) without a marker
    gru.set_weights([kernel, np.zeros((UNITS, 3 * UNITS), "float32"), bias])
    head.set_weights([np.array([[0.0], [1.0], [0.0]], "float32"), np.array([0.5], "float32")])
    return model


def test_exported_weights_are_the_models_in_keras_layout(model):
    data = explorer.explorer_data(model, length=LENGTH, first=2, second=8)
    gru, head = explorer.regressor_parts(model)
    kernel, recurrent_kernel, bias = gru.get_weights()
    assert np.array_equal(np.array(data["kernel"], "float32"), kernel)
    assert np.array_equal(np.array(data["recurrent_kernel"], "float32"), recurrent_kernel)
    assert np.array_equal(np.array(data["bias"], "float32"), bias)
    assert np.array(data["kernel"]).shape == (2, 3 * UNITS)
    assert np.array(data["bias"]).shape == (2, 3 * UNITS)
    dense_kernel, dense_bias = head.get_weights()
    assert np.array_equal(np.array(data["dense_kernel"], "float32"), dense_kernel[:, 0])
    assert np.float32(data["dense_bias"]) == dense_bias[0]
    assert data["units"] == UNITS


def test_exported_presets_and_colour_scales(model):
    data = explorer.explorer_data(model, length=LENGTH, first=2, second=8)
    assert set(data["presets"]) == {"adding", "step", "spike"}
    adding = np.array(data["presets"]["adding"]["inputs"])
    assert adding.shape == (LENGTH, 2)
    assert np.flatnonzero(adding[:, 1]).tolist() == data["presets"]["adding"]["markers"] == [2, 8]
    gate = data["colors"]["gate"]
    assert len(gate) == explorer.COLOR_STOPS
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in gate + data["colors"]["state"])
    assert gate[0] == matplotlib.colors.to_hex(matplotlib.colormaps["cividis"](0.0))
    # The line plot's gates in the cell diagram's colours: sky blue z, pink r.
    assert data["colors"]["lines"] == {"z": "#56B4E9", "r": "#CC79A7"}


def test_the_html_embeds_the_data_as_json_that_no_string_can_break_out_of():
    data = {"units": 1, "note": "</script><script>alert(1)</script>"}
    page = explorer.explorer_html(data)
    assert page.startswith('<div class="gru-explorer" data-gru-explorer>')
    embedded = re.search(r'class="gru-explorer-data">(.*?)</script>', page, re.S).group(1)
    assert "</" not in embedded
    assert json.loads(embedded) == data


def test_adding_sequence_moves_the_markers_of_the_seeded_draw():
    x, target = explorer.adding_sequence(length=LENGTH, first=4, second=9, seed=3)
    values = adding_problem(samples=1, length=LENGTH, seed=3)[0][0, :, 0]
    assert np.array_equal(x[:, 0], values)
    assert np.flatnonzero(x[:, 1]).tolist() == [4, 9]
    assert target == pytest.approx(values[4] + values[9])


def test_step_and_spike_presets():
    sets = explorer.presets(length=LENGTH, first=2, second=8)
    assert sets["step"][:, 0].tolist() == [0.0] * 6 + [1.0] * 6
    assert not sets["step"][:, 1].any()
    assert np.flatnonzero(sets["spike"][:, 0]).tolist() == [2]
    assert np.flatnonzero(sets["spike"][:, 1]).tolist() == [2]


def test_walkthrough_follows_the_unit_whose_update_gate_reads_the_marker():
    model = marker_reading_model()
    x, target = explorer.adding_sequence(length=LENGTH, first=3, second=8)
    walk = explorer.walkthrough(model, x, first=3, second=8)
    keep, write = 1 / (1 + np.exp(-5.0)), 1 / (1 + np.exp(5.0))
    assert walk["unit"] == 1
    assert walk["z_before"] == pytest.approx(keep, abs=1e-6)
    assert walk["z_first"] == pytest.approx(write, abs=1e-6)
    assert walk["z_second"] == pytest.approx(write, abs=1e-6)
    assert walk["z_between_min"] == pytest.approx(keep, abs=1e-6)
    assert walk["target"] == pytest.approx(target)
    # The state before the marker and just after it, from the GRU's own trace.
    h = explorer.regressor_parts(model)[0].trace(x[None])["h"][0, :, 1]
    assert (walk["h_before"], walk["h_after"]) == pytest.approx((h[2], h[3]))
    assert walk["h_between_change"] == pytest.approx(np.abs(h[3:8] - h[3]).max())
    assert walk["output"] == pytest.approx(float(model(x[None])[0, 0]), abs=1e-6)
