"""Seconds per training pass by sequence length: the measurement, the crossover and the figure."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from gru_lib.analysis.length_scaling import (
    COLUMNS,
    crossover_length,
    forward_backward_seconds,
)
from gru_lib.plots.length_scaling import seconds_by_length


def timings(seconds_by_layer, lengths=(64, 256, 1024)):
    rows = [
        {"layer": layer, "time": t, "seconds": s, "compile_seconds": 1.0}
        for layer, values in seconds_by_layer.items()
        for t, s in zip(lengths, values, strict=True)
    ]
    return pd.DataFrame(rows)


def test_every_layer_is_timed_at_every_length_with_positive_times():
    table = forward_backward_seconds(lengths=(3, 8), batch_size=2, units=3, features=2, repeats=2)
    assert list(table.columns) == COLUMNS
    assert len(table) == 2 * 3  # minGRU's two modes and the GRU
    assert table["time"].tolist() == [3] * 3 + [8] * 3
    assert (table["seconds"] > 0).all() and (table["compile_seconds"] >= 0).all()


@pytest.mark.parametrize(
    ("fast", "slow", "expected"),
    [
        ([1.0, 1.0, 1.0], [2.0, 2.0, 2.0], 64),  # ahead everywhere: the shortest length
        ([3.0, 1.0, 1.0], [2.0, 2.0, 2.0], 256),
        ([1.0, 3.0, 1.0], [2.0, 2.0, 2.0], 1024),  # ahead, behind, ahead again: the last run
        ([1.0, 1.0, 3.0], [2.0, 2.0, 2.0], None),  # behind at the longest: no crossover
    ],
)
def test_the_crossover_is_where_the_faster_layer_stays_ahead_to_the_longest_length(
    fast, slow, expected
):
    assert crossover_length(timings({"fast": fast, "slow": slow}), "fast", "slow") == expected


def test_the_figure_has_two_log_log_panels_one_line_per_layer_and_the_crossover():
    table = timings({"gru": [1.0, 2.0, 4.0], "min_gru parallel": [2.0, 2.0, 2.0]})
    figure = seconds_by_length(table, crossover=1024, crossover_label="crossover")
    passes, compiles = figure.axes
    assert (passes.get_xscale(), passes.get_yscale(), compiles.get_yscale()) == ("log",) * 3
    assert len(compiles.get_lines()) == 2
    assert len(passes.get_lines()) == 3  # two layers and the dotted crossover line
    assert not plt.fignum_exists(figure.number)  # closed: a notebook shows it once


def test_the_legend_names_the_layers_for_a_reader_not_by_their_keys():
    table = timings({"gru": [1.0] * 3, "min_gru parallel": [1.0] * 3,
                     "min_gru sequential": [1.0] * 3})  # fmt: skip
    labels = [text.get_text() for text in seconds_by_length(table).legends[0].get_texts()]
    assert labels == ["Keras GRU", "minGRU, parallel scan", "minGRU, loop"]
