"""The test configuration cannot hide tests: empty parameter sets fail, and `skip_or_fail` fails
under `.ci/run`'s flag."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

import pytest
from conftest import CI_FLAG, ROOT, skip_or_fail


def test_empty_parameter_sets_fail_at_collection():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert config["empty_parameter_set_mark"] == "fail_at_collect"


def test_an_empty_parametrize_list_is_an_error(tmp_path):
    (tmp_path / "test_empty.py").write_text(
        "import pytest\n\n@pytest.mark.parametrize('x', [])\ndef test_x(x):\n    pass\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode != 0, result.stdout
    assert "Empty parameter set" in result.stdout + result.stderr


def test_skip_or_fail_skips_without_the_flag(monkeypatch):
    monkeypatch.delenv(CI_FLAG, raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no browser"):
        skip_or_fail("no browser")


def test_skip_or_fail_fails_under_the_ci_flag(monkeypatch):
    monkeypatch.setenv(CI_FLAG, "1")
    with pytest.raises(pytest.fail.Exception, match="no browser"):
        skip_or_fail("no browser")


def test_ci_run_fails_saying_why_when_it_cannot_get_chromium(tmp_path):
    # A PATH with only the basics: no browser and no apt-get to install one.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "id", "env"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    done = subprocess.run(
        [str(bin_dir / "bash"), str(ROOT / ".ci" / "run")],
        capture_output=True, text=True, env={"PATH": str(bin_dir)}, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no Chromium on PATH" in done.stderr and "apt-get" in done.stderr
