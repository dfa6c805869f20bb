"""The cell_speed study: Keras's GRU and LSTM timed per pass, by width and length."""

from __future__ import annotations

import pandas as pd
import pytest

from gru_lib.analysis.timings import ratios_by_length
from gru_lib.studies import cell_speed, load


def test_the_stored_study_times_every_cell_length_and_width_with_its_load():
    table, config = load("cell_speed"), cell_speed.CellSpeedConfig()
    assert len(table) == cell_speed.size(config)
    assert set(table["layer"]) == set(config.layers)
    assert set(table["units"]) == set(config.widths)
    assert all(len(curve) == config.repeats for curve in table["pass_seconds_curve"])
    assert table[["load_before", "load_after"]].notna().all().all()


def test_each_width_gives_an_lstm_to_gru_ratio_per_length():
    table = load("cell_speed")
    for width in sorted(set(table["units"])):
        ratios = ratios_by_length(table[table["units"] == width], "lstm", "gru")
        assert list(ratios["time"]) == sorted(set(table["time"]))
        assert (ratios["low"] <= ratios["ratio"]).all()
        assert (ratios["ratio"] <= ratios["high"]).all()


def test_a_member_times_the_cell_and_width_its_key_names():
    config = cell_speed.CellSpeedConfig(lengths=(4,), widths=(3,), batch_size=2, repeats=2)
    members = cell_speed.plan(config, pd.DataFrame({"key": []}))
    assert [m.key for m in members] == ["gru/T=4/units=3", "lstm/T=4/units=3"]
    row = cell_speed.run_member(config, members[1])
    assert row["units"] == 3 and row["loss"] > 0


def test_an_empty_grid_is_refused():
    with pytest.raises(ValueError, match="lengths"):
        cell_speed.CellSpeedConfig(lengths=())
