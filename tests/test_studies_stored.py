"""The stored studies: DVC declares them exactly, calls them current, and they reproduce."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gru_lib.studies import get_study, load, load_provenance, study_names
from gru_lib.studies.freshness import _venv_dvc, refresh_command

ROOT = Path(__file__).resolve().parents[1]
STAGES = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"]


def dvc() -> str:
    path = _venv_dvc()
    if path is None:
        pytest.fail("dvc not installed: pip install -c constraints.txt -e '.[test]'")
    return path


def test_every_study_has_one_dvc_stage_with_exactly_its_deps_and_outs():
    assert list(STAGES) == study_names()
    for name, stage in STAGES.items():
        study = get_study(name)
        assert stage["cmd"] == f"python -m gru_lib studies run {name}"
        assert tuple(stage["deps"]) == study.deps
        assert all((ROOT / dep).exists() for dep in stage["deps"]), name
        assert stage["outs"] == [
            {f"results/{name}.csv": {"cache": False}},
            {f"results/{name}.json": {"cache": False}},
        ]


def test_dvc_never_calls_out():
    config = configparser.ConfigParser()
    config.read(ROOT / ".dvc" / "config")
    assert config["core"]["analytics"] == "false"
    assert config["core"]["check_update"] == "false"
    assert not [section for section in config.sections() if section.startswith("'remote")]


def test_results_stay_small_and_every_study_is_stored():
    files = [p for p in (ROOT / "results").iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 10 * 2**20
    for name in study_names():
        table, meta = load(name), load_provenance(name)
        assert len(table) == get_study(name).size(get_study(name).config), name
        assert "--xla_cpu_max_isa=AVX2" in meta["xla_flags"]


@pytest.mark.slow  # DVC hashes every dependency: a few seconds
def test_dvc_status_is_clean_so_stored_results_are_current():
    result = subprocess.run(
        [dvc(), "status", "--json"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    stale = json.loads(result.stdout or "{}")
    commands = "; ".join(refresh_command(name) for name in stale)
    assert not stale, f"stale studies {sorted(stale)}: {stale}. Refresh with: {commands}"


@pytest.mark.slow  # re-trains one stored member of every study (all together under 90 s)
@pytest.mark.parametrize("name", study_names())
def test_every_study_reproduces_a_stored_member(name):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "gru_lib", "studies", "reproduce", name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "reproduced within" in result.stdout
