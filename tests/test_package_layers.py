"""The house in layers: a light package import, arrows pointing down, no plumbing in the library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "gru_lib"
# Each layer may import only the layers below it (and runtime/checks, the foundation).
LAYERS = ["data", "cells", "models", "training", "analysis", "studies", "plots", "cli"]
BELOW = {
    "data": set(),
    "cells": {"data"},
    "models": {"cells", "data"},
    "training": {"models", "cells", "data"},
    "analysis": {"training", "models", "cells", "data"},
    "studies": {"training", "models", "cells", "data", "analysis"},
    "plots": {"analysis", "training", "models", "data"},
    "cli": {"training", "models", "cells", "data", "analysis", "plots", "studies"},
}


def modules_loaded_by(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running ``code``."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return {name.split(".")[0] for name in done.stdout.split()}


@pytest.mark.parametrize("heavy", ["tensorflow", "keras", "matplotlib", "sklearn", "myst_nb"])
def test_importing_the_package_loads_nothing_heavy(heavy):
    assert heavy not in modules_loaded_by("import gru_lib")


def test_the_command_line_answers_help_without_tensorflow():
    code = (
        "import runpy, sys\nsys.argv = ['gru_lib', '--help']\n"
        "try:\n    runpy.run_module('gru_lib', run_name='__main__')\nexcept SystemExit:\n    pass"
    )
    assert "tensorflow" not in modules_loaded_by(code)


def gru_lib_imports(path: Path) -> set[str]:
    """The gru_lib modules ``path`` imports, as dotted names below gru_lib."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gru_lib"):
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found.update(n.removeprefix("gru_lib").lstrip(".") for n in names)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("gru_lib.") for a in node.names
                         if a.name.startswith("gru_lib."))  # fmt: skip
    return {name for name in found if name}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_below_it(layer):
    allowed = BELOW[layer] | {layer, "runtime", "checks", "__version__"}
    wrong = {}
    for path in sorted((LIBRARY / layer).rglob("*.py")):
        for name in gru_lib_imports(path):
            top = name.split(".")[0]
            if (
                top in LAYERS
                and top not in allowed
                and name not in allowed
                and not any(name.startswith(f"{a}.") for a in allowed)
            ):
                wrong.setdefault(path.relative_to(ROOT).as_posix(), []).append(name)
    assert wrong == {}


def test_the_library_never_imports_the_books_plumbing():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in LIBRARY.rglob("*.py")
        if any(word in path.read_text() for word in ("import gru_book", "from gru_book", "myst_nb"))
    ]
    assert offenders == []


def test_no_file_puts_itself_on_the_import_path():
    tracked = subprocess.run(
        ["git", "ls-files", "*.py", "*.md"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    needle = "sys.path." + "insert"
    assert [name for name in tracked if needle in (ROOT / name).read_text()] == []


def test_no_module_of_the_library_or_the_book_is_over_300_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for folder in ("gru_lib", "gru_book", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text().splitlines())) > 300
    }
    assert long == {}
