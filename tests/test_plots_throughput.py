"""The throughput figure: a panel per device, a bar per layer and size, parity and budget lines."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from gru_lib.plots.throughput import throughput_ratios


@pytest.fixture
def table():
    rows = []
    for device in ("cpu", "gpu"):
        for time, units in ((50, 32), (200, 128)):
            for layer, ratio in (("scratch_gru", 0.8), ("gru", 1.0), ("lstm", 1.25)):
                rows.append(
                    {
                        "device": device,
                        "layer": layer,
                        "time": time,
                        "units": units,
                        "ratio_to_gru": ratio * (2.0 if device == "gpu" else 1.0),
                    }
                )
    return pd.DataFrame(rows)


def test_each_device_gets_a_panel_with_one_bar_per_layer_and_size_at_its_ratio(table):
    figure = throughput_ratios(table)
    assert isinstance(figure, Figure)
    assert [ax.get_title() for ax in figure.axes] == ["cpu", "gpu"]
    heights = sorted(round(patch.get_height(), 6) for patch in figure.axes[0].patches)
    assert heights == [0.8, 0.8, 1.0, 1.0, 1.25, 1.25]
    ticks = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert ticks == ["time 50\nunits 32", "time 200\nunits 128"]


def test_parity_is_dashed_and_the_budget_dotted_and_the_budget_can_be_left_out(table):
    def levels(figure, style):
        return [
            line.get_ydata()[0]
            for line in figure.axes[0].get_lines()
            if line.get_linestyle() == style
        ]

    drawn = throughput_ratios(table, budget=0.9)
    assert levels(drawn, "--") == [1.0] and levels(drawn, ":") == [0.9]
    assert levels(throughput_ratios(table, budget=None), ":") == []
