"""The persistent XLA cache (gru_lib.xla_cache): one folder per compiler setting, same numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from gru_lib import xla_cache
from gru_lib.cli.main import use_xla_cache

FLAG = "--tf_xla_persistent_cache_directory="


@pytest.fixture
def quiet_environment(monkeypatch):
    """This process's environment, restored afterwards, without any cache setting."""
    for name in ("TF_XLA_FLAGS", xla_cache.ENVIRONMENT_VARIABLE, "XLA_FLAGS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3"))
    return monkeypatch


def test_the_cache_flag_is_added_once_and_other_flags_are_kept(tmp_path):
    env = {"TF_XLA_FLAGS": f"--tf_xla_auto_jit=0 {FLAG}/elsewhere"}
    folder = xla_cache.use_persistent_cache(tmp_path, env)
    assert env["TF_XLA_FLAGS"] == f"--tf_xla_auto_jit=0 {FLAG}{folder}"
    assert folder.parent == tmp_path.resolve() and folder.is_dir()
    assert env[xla_cache.ENVIRONMENT_VARIABLE] == str(tmp_path.resolve())
    assert env["TF_CPP_MIN_LOG_LEVEL"] == "3"  # a hit logs spurious loader errors otherwise
    assert xla_cache.use_persistent_cache(tmp_path, env) == folder  # the same setting, same folder
    assert env["TF_XLA_FLAGS"].count(FLAG) == 1


def test_other_xla_flags_get_another_folder(tmp_path):
    plain = xla_cache.use_persistent_cache(tmp_path, {})
    capped = xla_cache.use_persistent_cache(tmp_path, {"XLA_FLAGS": "--xla_cpu_max_isa=AVX2"})
    assert plain != capped
    assert (capped / "xla-flags.txt").read_text() == "--xla_cpu_max_isa=AVX2\n"


def test_other_packages_or_cpu_empty_the_whole_cache(tmp_path):
    folder = xla_cache.use_persistent_cache(tmp_path, {})
    (folder / "program.pb").write_text("compiled")
    xla_cache.use_persistent_cache(tmp_path, {})
    assert (folder / "program.pb").is_file()  # same packages and CPU: kept
    (tmp_path / "packages-and-cpu.txt").write_text("tensorflow==0.1\nanother CPU\n")
    xla_cache.use_persistent_cache(tmp_path, {})
    assert not (folder / "program.pb").exists()


def test_the_key_names_the_compilers_and_the_cpu():
    key = xla_cache.cache_key({"XLA_FLAGS": " --a  --b "})
    assert "tensorflow" in key["packages"] and "keras==" in key["packages"]
    assert key["cpu"] and key["xla_flags"] == "--a --b"


def test_the_environment_variable_chooses_the_folder_or_turns_it_off(tmp_path):
    default = tmp_path / "default"
    assert xla_cache.chosen_directory(default, {}) == default
    assert xla_cache.chosen_directory(default, {"GRU_LIB_XLA_CACHE": "/x"}) == Path("/x")
    for off in ("off", "0", "", "OFF"):
        assert xla_cache.chosen_directory(default, {"GRU_LIB_XLA_CACHE": off}) is None


def test_a_file_is_not_a_cache_folder(tmp_path):
    path = tmp_path / "file"
    path.write_text("")
    with pytest.raises(ValueError, match="directory"):
        xla_cache.use_persistent_cache(path, {})


def test_the_command_line_uses_the_cache_and_caps_xla_for_studies(tmp_path, quiet_environment):
    quiet_environment.setenv(xla_cache.ENVIRONMENT_VARIABLE, str(tmp_path))
    train = use_xla_cache("train")
    assert os.environ["TF_XLA_FLAGS"] == f"{FLAG}{train}"
    studies = use_xla_cache("studies")
    assert "--xla_cpu_max_isa=AVX2" in os.environ["XLA_FLAGS"]
    assert studies != train and os.environ["TF_XLA_FLAGS"] == f"{FLAG}{studies}"
    quiet_environment.setenv(xla_cache.ENVIRONMENT_VARIABLE, "off")
    assert use_xla_cache("train") is None


def test_the_book_build_turns_the_cache_on_before_any_kernel(tmp_path, quiet_environment):
    from types import SimpleNamespace

    from gru_book.sphinx import xla_cache as extension

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert "gru_book.sphinx.xla_cache" in config["sphinx"]["extra_extensions"]
    app = SimpleNamespace(outdir=str(tmp_path / "_build" / "html"))
    extension.enable_for_kernels(app, None)
    folder = os.environ["TF_XLA_FLAGS"].removeprefix(FLAG)
    assert Path(folder).parent == (tmp_path / "_build" / ".xla-cache").resolve()


TRAIN = textwrap.dedent(
    """
    import json, time
    from gru_lib.data import uniform_mean_task
    from gru_lib.models.spec import ModelSpec
    from gru_lib.training.engine import TrainingSettings, run

    task = uniform_mean_task(n_train=64, n_val=16, n_test=16, length=6)
    start = time.perf_counter()
    record = run(task, ModelSpec(units=4), 0, TrainingSettings(epochs=2))
    print(json.dumps({"loss": record.history.loss, "mse": record.metrics["test_mse"],
                      "compile": record.history.compile_seconds}))
    """
)


def train_in_fresh_process(env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", TRAIN], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr == ""  # no loader log lines: a page would fail on them
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_second_process_loads_the_program_and_gets_the_same_numbers(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("TF_XLA_FLAGS", "GRU_LIB_XLA_CACHE")}
    without = train_in_fresh_process(env)
    cached = dict(env)
    folder = xla_cache.use_persistent_cache(tmp_path / "cache", cached)
    first = train_in_fresh_process(cached)
    stored = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pb")}
    assert len(stored) >= 2  # the epoch and the forward pass
    second = train_in_fresh_process(cached)
    # A hit loads and writes nothing; a miss would compile and write its entry again.
    assert {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pb")} == stored
    assert without["loss"] == first["loss"] == second["loss"]
    assert without["mse"] == first["mse"] == second["mse"]
    print(f"compile s: no cache {without['compile']:.2f}, empty cache {first['compile']:.2f}, "
          f"warm cache {second['compile']:.2f}")  # fmt: skip
