"""The cells study (chapter 5): its plan, one member on a tiny config, its declared sizes."""

from __future__ import annotations

import pandas as pd
import pytest

from gru_lib.studies import Budget, cells, get_study

NO_ROWS = pd.DataFrame({"key": pd.Series([], dtype=str)})
# The sunspots with two cells, two rates from one tuning seed and two reported seeds.
TINY = cells.CellsConfig(
    tasks=(("sunspots", ("GRU", "LSTM, equal parameters")),),
    rates=(0.01, 0.03),
    tune_seeds=(7,),
    seeds=(0, 1),
    solved_seeds=(0, 1),
    budgets=(("sunspots", Budget(updates=14, batch_size=32, patience=1, train_size=205)),),
)


def test_tuning_members_come_first_and_reported_ones_follow_the_chosen_rate():
    tuning = cells.plan(TINY, NO_ROWS)
    assert [m.key for m in tuning] == [
        "sunspots/GRU/lr=0.01/seed=7",
        "sunspots/GRU/lr=0.03/seed=7",
        "sunspots/LSTM, equal parameters/lr=0.01/seed=7",
        "sunspots/LSTM, equal parameters/lr=0.03/seed=7",
    ]
    stored = pd.DataFrame(
        [
            {**m.params, "key": m.key, "role": m.role, "best_val_loss": loss}
            for m, loss in zip(tuning, [0.2, 0.1, 0.1, 0.3], strict=True)
        ]
    )
    members = cells.plan(TINY, stored)
    assert len(members) == cells.size(TINY) == 8
    reported = [m.key for m in members if m.role == "report"]
    assert reported == [
        "sunspots/GRU/lr=0.03/seed=0",
        "sunspots/GRU/lr=0.03/seed=1",
        "sunspots/LSTM, equal parameters/lr=0.01/seed=0",
        "sunspots/LSTM, equal parameters/lr=0.01/seed=1",
    ]
    choices = cells.chosen_rates(stored, TINY)
    assert choices["at_edge"].all() and choices["chosen"].sum() == 2


def test_a_half_tuned_pair_gets_no_reported_members():
    first = cells.plan(TINY, NO_ROWS)[0]
    stored = pd.DataFrame([{**first.params, "key": first.key, "role": "tune",
                            "best_val_loss": 0.1}])  # fmt: skip
    assert all(m.role == "tune" for m in cells.plan(TINY, stored))


def test_one_member_trains_and_reports_its_baseline_and_ratio():
    member = cells.plan(TINY, NO_ROWS)[2]
    row = cells.run_member(TINY, member)
    assert row["units"] == 14  # the LSTM closest to a 16-unit GRU's parameters
    assert row["updates"] == 14 and row["capped"]
    assert row["ratio"] == pytest.approx(row["error"] / row["baseline"])
    assert row["error"] == pytest.approx(row["test_mse"])


def test_each_task_has_its_baseline():
    config = cells.CellsConfig(sine_length=400, adding_sizes=(64, 16, 16))
    for name in ("noisy sine", "sunspots", "digits", "adding"):
        _, baseline, floor = cells._task(config, name, 0)
        assert baseline > 0
        assert (floor == floor) == (name == "noisy sine")  # a noise floor only on the sine


def test_bad_configurations_are_rejected_with_the_argument_named():
    with pytest.raises(ValueError, match="`tune_seeds`"):
        cells.CellsConfig(tune_seeds=(0,))
    with pytest.raises(ValueError, match="`tasks`"):
        cells.CellsConfig(tasks=(("weather", ("GRU",)),))
    with pytest.raises(ValueError, match="`tasks`"):
        cells.CellsConfig(tasks=(("sunspots", ("RNN",)),))
    with pytest.raises(ValueError, match="`budgets`"):
        cells.CellsConfig(budgets=())
    with pytest.raises(ValueError, match="`member`"):
        cells.run_member(TINY, "sunspots/GRU")


def test_the_cells_study_is_declared_at_honest_sizes():
    config = get_study("cells").config
    assert len(config.rates) >= 4 and min(config.rates) <= 1e-3 and max(config.rates) >= 3e-2
    assert len(config.seeds) >= 5 and len(config.solved_seeds) >= 10
    assert config.budget("adding").train_size >= 10_000  # fresh sequences per member
    assert config.budget("noisy sine").train_size >= 10_000
    assert all(budget.global_clipnorm > 0 for _, budget in config.budgets)
    tasks = dict(config.tasks)
    assert "LSTM, forget bias 0" in tasks["adding"]
    assert cells.CELLS["LSTM"][1] == (("unit_forget_bias", True),)
