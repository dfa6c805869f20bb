"""The gate heatmaps and the cell diagram: closed figures with the panels and labels promised."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from gru_lib.plots.diagram import gru_cell_diagram
from gru_lib.plots.gates import gate_heatmaps
from gru_lib.plots.style import smallest_font_px


def gates_and_events(examples=3, time=12, units=4):
    rng = np.random.default_rng(0)
    gates = {name: rng.uniform(size=(examples, time, units)) for name in ("z", "r")}
    events = np.zeros((examples, time))
    events[:, [2, 9]] = 1.0
    return gates, events


def test_heatmaps_draw_one_panel_per_example_and_gate_plus_a_colour_bar():
    gates, events = gates_and_events()
    fig = gate_heatmaps(gates, events, title="gates")
    assert isinstance(fig, Figure) and not plt.fignum_exists(fig.number)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:2] == ["z, example 1", "r, example 1"]
    assert len(fig.axes) == 3 * 2 + 1


def test_heatmaps_mark_every_event_in_every_panel():
    gates, events = gates_and_events(examples=2)
    fig = gate_heatmaps(gates, events)
    for ax in fig.axes[:-1]:
        marked = sorted(line.get_xdata()[0] for line in ax.get_lines())
        assert marked == [2, 2, 9, 9]  # a triangle on the top and on the bottom edge


def test_heatmaps_show_units_against_time_on_a_fixed_zero_to_one_scale():
    gates, events = gates_and_events(examples=1, time=12, units=4)
    image = gate_heatmaps(gates, events).axes[0].get_images()[0]
    assert image.get_array().shape == (4, 12)
    assert image.get_clim() == (0.0, 1.0)


@pytest.mark.parametrize("reset_after", [True, False])
def test_diagram_labels_the_cell_inputs_output_and_the_reset_variant(reset_after):
    fig = gru_cell_diagram(reset_after=reset_after)
    assert isinstance(fig, Figure) and not plt.fignum_exists(fig.number)
    texts = {text.get_text() for text in fig.axes[0].texts}
    assert {"$h_{t-1}$", "$x_t$", "$h_t$", "$z_t$", "$r_t$", r"$\tanh$", "1−"} <= texts
    reset_product = (
        r"$r_t \odot (h_{t-1}U_h + b'_h)$" if reset_after else r"$(r_t \odot h_{t-1})\,U_h$"
    )
    assert reset_product in texts


@pytest.mark.parametrize(
    ("stage", "reset_after"), [("update", True), ("full", True), ("full", False)]
)
def test_diagram_text_is_at_least_9_px_in_a_phones_342_px_column(stage, reset_after):
    fig = gru_cell_diagram(stage=stage, reset_after=reset_after)
    assert smallest_font_px(fig, column_px=342) >= 9


def _arrows_into(fig, end):
    """Start points of the diagram's arrows that end at ``end`` (diagram coordinates)."""
    patches = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    return [p._posA_posB[0] for p in patches if np.allclose(p._posA_posB[1], end)]


def test_diagram_feeds_the_candidate_only_x_and_the_reset_product_never_the_bare_state():
    from gru_lib.plots import diagram as d

    fig = gru_cell_diagram()
    # From below: the x_t W_h + b_h line, not the bus that carries h_{t-1} into the gates.
    assert [start[1] for start in _arrows_into(fig, (d.X_CANDIDATE, d.GATE_Y - 0.38))] == [d.Y_X]
    # From the left: the middle path, which runs through U_h and the reset product first.
    assert len(_arrows_into(fig, (d.X_CANDIDATE - 0.45, d.GATE_Y))) == 1
    texts = [text.get_text() for text in fig.axes[0].texts]
    assert texts.index("$U_h,\\ b'_h$") < texts.index(r"$r_t \odot (h_{t-1}U_h + b'_h)$")
    assert "$x_t W_h + b_h$" in texts


def test_the_first_stage_draws_the_update_gate_alone():
    texts = {text.get_text() for text in gru_cell_diagram(stage="update").axes[0].texts}
    assert {"update gate", "$z_t$", "$h_{t-1}U_h + b'_h$"} <= texts
    assert not {"reset gate", "$r_t$"} & texts
    with pytest.raises(ValueError, match="`stage`"):
        gru_cell_diagram(stage="reset")


def test_state_plot_draws_each_example_and_labels_every_marked_step_with_its_number():
    from gru_lib.plots import state_over_time

    markers = np.zeros((2, 8))
    markers[0, [1, 5]] = markers[1, [2, 6]] = 1.0
    values = np.tile(np.linspace(0.0, 0.7, 8), (2, 1))
    fig = state_over_time(np.zeros((2, 8)), markers, values)
    assert [[t.get_text() for t in ax.texts] for ax in fig.axes] == [
        ["0.10", "0.50"],
        ["0.20", "0.60"],
    ]
    with pytest.raises(ValueError, match="`markers`"):
        state_over_time(np.zeros((2, 8)), np.zeros((2, 7)), values)
