"""The mingru and mingru_speed studies: what they enumerate, how they choose rates, one tiny
member of each through the runner, and the timing verdicts the chapter prints."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from gru_lib.analysis.claims import HIGHER, LOWER, NO_DIFFERENCE
from gru_lib.analysis.timings import (
    RATIO_COLUMNS,
    compare_timings,
    describe_ratios,
    ratios_by_length,
    time_ratio,
)
from gru_lib.studies import Budget, get_study, mingru, mingru_speed
from gru_lib.studies.reproduce import reproduce
from gru_lib.studies.runner import run_study

NO_ROWS = pd.DataFrame({"key": pd.Series([], dtype=str)})
TINY = mingru.MinGRUConfig(
    depths=(1, 2),
    length=4,
    rates=(0.01, 0.03),
    tune_seeds=(7,),
    seeds=(0,),
    sizes=(32, 8, 8),
    budget=Budget(updates=2, batch_size=16, patience=1, train_size=32),
)
TOY = dataclasses.replace(mingru.STUDY, name="toy_mingru", config=TINY)
TINY_SPEED = mingru_speed.SpeedConfig(
    layers=("min_gru parallel", "min_gru sequential"),
    lengths=(4,),
    batch_size=2,
    units=2,
    features=1,
    repeats=3,
)
TOY_SPEED = dataclasses.replace(mingru_speed.STUDY, name="toy_speed", config=TINY_SPEED)


def test_mingru_tunes_every_depth_first_then_reports_at_the_chosen_rate():
    first = mingru.plan(TINY, NO_ROWS)
    assert [m.key for m in first] == [
        "min_gru/x1/T=4/lr=0.01/seed=7",
        "min_gru/x1/T=4/lr=0.03/seed=7",
        "min_gru/x2/T=4/lr=0.01/seed=7",
        "min_gru/x2/T=4/lr=0.03/seed=7",
    ]
    assert {m.role for m in first} == {"tune"}
    losses = [0.2, 0.1, 0.05, 0.3]  # depth 1 picks 0.03 (an edge), depth 2 picks 0.01
    tuning = pd.DataFrame(
        [{**m.params, "key": m.key, "role": m.role, "best_val_loss": v}
         for m, v in zip(first, losses, strict=True)]
    )  # fmt: skip
    reported = [m for m in mingru.plan(TINY, tuning) if m.role == "report"]
    assert [m.key for m in reported] == [
        "min_gru/x1/T=4/lr=0.03/seed=0",
        "min_gru/x2/T=4/lr=0.01/seed=0",
    ]
    assert len(mingru.plan(TINY, tuning)) == mingru.size(TINY)
    choices = mingru.chosen_rates(tuning, TINY)
    assert choices.loc[choices["chosen"], "learning_rate"].tolist() == [0.03, 0.01]
    assert choices["at_edge"].all()  # a two-rate grid has only edges


def test_the_stored_mingru_study_is_declared_at_the_memory_studys_budget():
    config = get_study("mingru").config
    memory = get_study("memory").config
    assert (config.budget, config.sizes, config.rates) == (
        memory.budget,
        memory.sizes,
        memory.rates,
    )
    assert config.length in memory.lengths and config.units == memory.units
    assert set(config.seeds) <= set(memory.seeds)  # the GRU's runs of the same seeds
    assert len(config.seeds) >= 5 and not set(config.seeds) & set(config.tune_seeds)
    assert len(config.rates) >= 4 and min(config.rates) <= 1e-3 and max(config.rates) >= 3e-2


@pytest.mark.parametrize(
    ("change", "argument"),
    [
        ({"depths": (0,)}, "depths"),
        ({"mode": "fast"}, "mode"),
        ({"tune_seeds": (0,), "seeds": (0, 1)}, "tune_seeds"),
        ({"rates": (0.0,)}, "rates"),
    ],
)
def test_mingru_config_rejects_bad_values(change, argument):
    with pytest.raises(ValueError, match=f"`{argument}`"):
        mingru.MinGRUConfig(**change)


@pytest.mark.parametrize(
    ("change", "argument"),
    [({"layers": ()}, "layers"), ({"lengths": (0,)}, "lengths"), ({"repeats": 1}, "repeats")],
)
def test_speed_config_rejects_bad_values(change, argument):
    with pytest.raises(ValueError, match=f"`{argument}`"):
        mingru_speed.SpeedConfig(**change)


def test_speed_members_are_one_per_layer_and_length():
    keys = [m.key for m in mingru_speed.plan(mingru_speed.SpeedConfig(), NO_ROWS)]
    assert len(keys) == len(set(keys)) == mingru_speed.size(mingru_speed.SpeedConfig())
    assert keys[:3] == ["min_gru parallel/T=64", "min_gru sequential/T=64", "gru/T=64"]


@pytest.mark.slow  # trains six tiny members and times two layers: TensorFlow compiles
def test_tiny_studies_run_store_and_reproduce(tmp_path):
    table = run_study(TOY, scheduler="inline", results=tmp_path, progress=False)
    assert len(table) == mingru.size(TINY)
    report = table[table["role"] == "report"]
    assert sorted(report["depth"]) == [1, 2]
    assert {"ratio", "solved", "baseline", "longest_wait", "capped"} <= set(table.columns)
    assert reproduce(TOY, members=1, results=tmp_path)["match"].all()
    speed = run_study(TOY_SPEED, scheduler="inline", results=tmp_path, progress=False)
    assert [len(c) for c in speed["pass_seconds_curve"]] == [3, 3]
    # The two modes compute the same states, so the same loss, up to float32 rounding.
    assert speed["loss"].iloc[0] == pytest.approx(speed["loss"].iloc[1], rel=1e-5)
    assert reproduce(TOY_SPEED, members=2, results=tmp_path)["match"].all()


def test_time_ratio_is_the_ratio_of_geometric_means():
    ratio, low, high = time_ratio([1.0, 4.0], [1.0, 1.0, 1.0])
    assert ratio == pytest.approx(2.0) and low < 2.0 < high


def test_compare_timings_has_a_branch_for_each_verdict():
    slow, fast = [2.0, 2.1, 1.9, 2.05], [1.0, 1.05, 0.95, 1.02]
    assert compare_timings(slow, fast).kind == HIGHER
    assert "times as long as" in compare_timings(slow, fast).sentence
    assert compare_timings(fast, slow).kind == LOWER
    assert "of the time of" in compare_timings(fast, slow).sentence
    same = compare_timings([1.0, 1.1, 0.9], [1.05, 0.95, 1.0])
    assert same.kind == NO_DIFFERENCE and same.sentence.startswith("No difference detected")
    with pytest.raises(ValueError, match="`names`"):
        compare_timings(slow, fast, names=("a", "a"))


def speed_table(scan_scale: float) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for time in (8, 64):
        for layer, scale in (("scan", scan_scale * time), ("loop", float(time))):
            rows.append(
                {"layer": layer, "time": time,
                 "pass_seconds_curve": list(scale * np.exp(rng.normal(0, 0.02, 20)))}
            )  # fmt: skip
    return pd.DataFrame(rows)


def test_ratios_by_length_and_their_words():
    slower = ratios_by_length(speed_table(1.5), "scan", "loop")
    assert list(slower.columns) == RATIO_COLUMNS and slower["time"].tolist() == [8, 64]
    assert slower["ratio"].to_numpy() == pytest.approx([1.5, 1.5], rel=0.05)
    assert describe_ratios(slower, "the scan", "the loop") == (
        "the scan is slower than the loop at every length measured, from 8 to 64 steps"
    )
    faster = ratios_by_length(speed_table(0.5), "scan", "loop")
    assert "faster than" in describe_ratios(faster, "the scan", "the loop")
    mixed = pd.concat([slower.iloc[:1], faster.iloc[1:]])
    assert describe_ratios(mixed, "the scan", "the loop") == (
        "the scan is slower than the loop at T = 8; faster than the loop at T = 64"
    )
    with pytest.raises(ValueError, match="`second`"):
        ratios_by_length(speed_table(1.0), "scan", "scan")
