"""Every shell script in the repository passes ShellCheck."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".git", ".venv", "_build", "node_modules", ".jax-venv"}


def shell_scripts() -> list[Path]:
    """Files whose first line is a sh or bash shebang, and every *.sh file."""
    found = []
    for path in sorted(ROOT.rglob("*")):
        if not path.is_file() or SKIP & set(path.relative_to(ROOT).parts):
            continue
        with path.open("rb") as handle:
            first = handle.readline()
        if path.suffix == ".sh" or (first.startswith(b"#!") and first.rstrip().endswith(
            (b"bash", b"/sh", b" sh"))):  # fmt: skip
            found.append(path)
    return found


def test_the_known_scripts_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in shell_scripts()}
    assert {".ci/run", ".ci/install-texlive", "binder/postBuild"} <= names


@pytest.mark.parametrize("script", shell_scripts(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shellcheck_finds_nothing(script):
    shellcheck = Path(sys.executable).parent / "shellcheck"
    done = subprocess.run(
        [str(shellcheck), "--severity=style", str(script)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
