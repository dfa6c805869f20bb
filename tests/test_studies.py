"""The study layer on a tiny test-only study: members, rows, storage, resuming, list, reproduce."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json

import pandas as pd
import pytest

from gru_lib.studies import Budget, Member, Study, get_study, load, load_provenance, memory, storage
from gru_lib.studies import cli as studies_cli
from gru_lib.studies.members import ROW_COLUMNS, longest_wait
from gru_lib.studies.reproduce import pick_members, reproduce
from gru_lib.studies.runner import run_study

# One GRU on the adding problem at T = 4: two rates from one tuning seed, two reported seeds.
TINY = memory.MemoryConfig(
    cells=(("GRU", "gru", ()),),
    lengths=(4,),
    rates=(0.01, 0.03),
    tune_seeds=(7,),
    seeds=(0, 1),
    sizes=(64, 16, 16),
    budget=Budget(updates=6, batch_size=32, patience=1, train_size=64, min_delta=1e-3),
)
TOY = dataclasses.replace(memory.STUDY, name="toy", config=TINY)
NO_ROWS = pd.DataFrame({"key": pd.Series([], dtype=str)})


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """The toy study run once, inline, into a folder of its own."""
    folder = tmp_path_factory.mktemp("results")
    table = run_study(TOY, scheduler="inline", results=folder, progress=False)
    return folder, table


def test_members_are_enumerated_deterministically_with_stable_unique_keys():
    first, again = memory.plan(TINY, NO_ROWS), memory.plan(TINY, NO_ROWS)
    assert [m.key for m in first] == [m.key for m in again]
    assert [m.key for m in first] == ["gru/T=4/lr=0.01/seed=7", "gru/T=4/lr=0.03/seed=7"]
    assert {m.role for m in first} == {"tune"}
    full = memory.MemoryConfig()
    keys = [m.key for m in memory.plan(full, NO_ROWS)]
    assert len(keys) == len(set(keys)) == 3 * 4 * 4 * 2  # cells x lengths x rates x tune seeds


def test_reported_members_follow_the_rate_the_tuning_seeds_chose():
    tuning = pd.DataFrame(
        [
            {**m.params, "key": m.key, "role": m.role, "best_val_loss": loss}
            for m, loss in zip(memory.plan(TINY, NO_ROWS), [0.2, 0.1], strict=True)
        ]
    )
    members = memory.plan(TINY, tuning)
    reported = [m for m in members if m.role == "report"]
    assert [m.key for m in reported] == ["gru/T=4/lr=0.03/seed=0", "gru/T=4/lr=0.03/seed=1"]
    assert len(members) == memory.size(TINY)
    choices = memory.chosen_rates(tuning, TINY)
    assert choices["chosen"].tolist() == [False, True] and choices["at_edge"].all()


def test_a_row_has_the_shared_columns_and_a_consistent_budget(stored):
    _, table = stored
    assert set(ROW_COLUMNS) <= set(table.columns)
    assert {"key", "role", "cell", "length", "seed", "learning_rate", "ratio", "solved"} <= set(
        table.columns
    )
    per_evaluation = TINY.budget.updates_per_evaluation
    for row in table.to_dict("records"):
        assert len(row["val_curve"]) == row["evaluations"]
        assert row["updates"] == row["evaluations"] * per_evaluation
        assert row["capped"] != row["stopped_early"]
        assert row["best_val_loss"] == min(row["val_curve"])
    assert len(table) == memory.size(TINY)
    assert set(table[table["role"] == "report"]["seed"]) == set(TINY.seeds)


def test_the_stored_table_round_trips_with_its_provenance(stored):
    folder, table = stored
    again = load("toy", folder)
    pd.testing.assert_frame_equal(table, again)
    assert isinstance(again["val_curve"].iloc[0], list)
    meta = load_provenance("toy", folder)
    assert {"config", "commit", "packages", "machine", "xla_flags", "wall_seconds"} <= set(meta)
    assert set(meta["member_seconds"]) == set(table["key"])
    assert "--xla_cpu_max_isa=AVX2" in meta["xla_flags"]
    assert meta["config"]["budget"]["patience"] == 1
    assert "cpu_flags" in meta["machine"]


def test_a_second_run_skips_every_stored_member(stored):
    folder, table = stored

    def refuse(config, member):
        raise AssertionError(f"ran {member.key} again")

    again = run_study(
        dataclasses.replace(TOY, run=refuse), scheduler="inline", results=folder, progress=False
    )
    pd.testing.assert_frame_equal(table, again)


def test_an_interrupted_run_resumes_from_its_progress_file(tmp_path, stored):
    from gru_lib.studies.freshness import fingerprint

    _, table = stored
    done = table.iloc[:2].to_dict("records")
    path = storage.progress_path("toy", fingerprint(TOY), tmp_path)
    for row in done:
        storage.append_progress(path, row)
    with path.open("a") as stream:
        stream.write('{"key": "cut sh')  # the line an interruption cut short
    ran = []

    def counting(config, member):
        ran.append(member.key)
        return memory.run_member(config, member)

    resumed = run_study(
        dataclasses.replace(TOY, run=counting), scheduler="inline", results=tmp_path, progress=False
    )
    assert sorted(ran) == sorted(set(table["key"]) - {row["key"] for row in done})
    assert list(resumed["key"]) == list(table["key"])
    assert not path.exists()


def test_list_shows_members_stored_state_and_wall_time(stored):
    folder, _ = stored
    text = studies_cli.list_table([TOY], results=folder)
    header, line = text.splitlines()
    assert header.split()[:4] == ["study", "members", "stored", "state"]
    assert line.split()[:3] == ["toy", "4", "4/4"]
    assert "min" in line


def _run(argv: list[str], folder) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    studies_cli.add_studies_command(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["studies", *argv, "--results", str(folder)])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = studies_cli.run_command(args, studies=[TOY])
    return status, out.getvalue(), err.getvalue()


def test_reproduce_passes_on_the_stored_members(stored):
    folder, table = stored
    differences = reproduce(TOY, members=2, results=folder)
    assert differences["match"].all()
    assert set(differences["key"]) == set(pick_members(table, 2))
    status, out, _ = _run(["reproduce", "toy"], folder)
    assert status == 0 and "reproduced within rtol=" in out


def test_reproduce_exits_1_and_shows_the_difference_on_a_mismatch(stored, tmp_path):
    folder, table = stored
    for name in ("toy.csv", "toy.json"):
        (tmp_path / name).write_text((folder / name).read_text())
    key = pick_members(table, 1)[0]
    changed = table.copy()
    changed.loc[changed["key"] == key, "test_mse"] *= 1.5
    storage.save("toy", changed.to_dict("records"), load_provenance("toy", folder), tmp_path)
    status, _, err = _run(["reproduce", "toy"], tmp_path)
    assert status == 1
    assert "1 mismatches" in err and key in err and "test_mse" in err


def test_pick_members_is_deterministic_and_prefers_the_cheapest():
    table = pd.DataFrame({"key": ["b", "a", "c"], "seconds": [1.0, 1.0, 0.5]})
    assert pick_members(table, 2) == ["c", "a"]
    with pytest.raises(ValueError, match="`count`"):
        pick_members(table, 4)


def test_longest_wait_counts_only_improvements_beyond_min_delta():
    curve = [1.0, 0.9995, 0.9, 0.9, 0.5]
    assert longest_wait(curve) == 2
    assert longest_wait(curve, min_delta=0.01) == 2
    assert longest_wait([1.0, 0.99, 0.98], min_delta=0.05) == 0


def test_budgets_count_updates_and_reject_bad_values():
    budget = Budget(updates=1000, batch_size=32, patience=3, train_size=10_000)
    assert budget.updates_per_evaluation == 313 and budget.evaluations == 4
    with pytest.raises(ValueError, match="`patience`"):
        Budget(updates=1000, batch_size=32, patience=0, train_size=10_000)
    with pytest.raises(ValueError, match="`role`"):
        Member("k", (), "maybe")
    with pytest.raises(ValueError, match="`tune_seeds`"):
        memory.MemoryConfig(tune_seeds=(0,), seeds=(0, 1))


def test_the_memory_study_is_declared_at_honest_sizes():
    config = get_study("memory").config
    assert config.sizes[0] >= 10_000  # fresh training sequences per member
    assert len(config.seeds) >= 10 and not set(config.seeds) & set(config.tune_seeds)
    assert len(config.rates) >= 4 and min(config.rates) <= 1e-3 and max(config.rates) >= 3e-2
    assert config.budget.global_clipnorm > 0
    lstm = [options for label, layer, options in config.cells if layer == "lstm"]
    assert lstm == [(("unit_forget_bias", True),)]


def test_a_study_rejects_a_non_callable_plan():
    with pytest.raises(ValueError, match="`plan`"):
        Study("x", None, "plan", len, len, (), ())


def test_provenance_json_is_plain(stored):
    folder, _ = stored
    json.loads((folder / "toy.json").read_text())


@pytest.mark.slow  # starts a LocalCluster: its worker imports TensorFlow
def test_a_local_cluster_stores_the_same_numbers_as_the_inline_run(stored, tmp_path):
    _, inline = stored
    clustered = run_study(TOY, scheduler="local", workers=1, results=tmp_path, progress=False)
    compared = ["key", "test_mse", "best_val_loss", "val_curve", "evaluations", "updates"]
    pd.testing.assert_frame_equal(inline[compared], clustered[compared])


def test_min_delta_ignores_small_improvements_and_global_clipnorm_reaches_the_optimizer():
    from gru_lib.data import uniform_mean_task
    from gru_lib.models.build import build_model
    from gru_lib.models.spec import ModelSpec
    from gru_lib.training.engine import TrainingSettings, fit

    task = uniform_mean_task(n_train=64, n_val=16, n_test=16, length=4)
    spec = ModelSpec(units=2, learning_rate=1e-4, global_clipnorm=0.5)
    model = build_model(spec, task.input_shape)
    assert model.optimizer.global_clipnorm == 0.5 and model.optimizer.clipnorm is None
    # At this rate every epoch improves a little: without min_delta it never stops early.
    creeping = fit(model, task, TrainingSettings(epochs=6, patience=2))
    assert creeping.epochs == 6
    model = build_model(spec, task.input_shape)
    strict = fit(model, task, TrainingSettings(epochs=6, patience=2, min_delta=1.0))
    assert strict.epochs == 3 and strict.best_epoch == 1
    with pytest.raises(ValueError, match="`global_clipnorm`"):
        ModelSpec(clipnorm=1.0, global_clipnorm=1.0)
    with pytest.raises(ValueError, match="`min_delta`"):
        TrainingSettings(epochs=1, min_delta=-1.0)


def test_the_budget_report_flags_capped_runs_and_plateaus_as_long_as_the_patience(stored):
    from gru_lib.studies.budgets import budget_report

    _, table = stored
    report = budget_report(table, TINY.budget, by=["cell", "role"])
    assert list(report.index) == ["GRU / tune", "GRU / report", "all"]
    assert report.loc["all", "runs"] == len(table)
    assert report.loc["all", "capped"] + report.loc["all", "stopped_early"] == len(table)
