"""A real incremental rebuild: after a gru_lib file changes, the page re-executes and shows it.

A one-page book in a temporary folder uses the real ``library_freshness`` extension and the real
execution cache; its page imports a copy of gru_lib (put first on ``PYTHONPATH``), so editing the
copy is editing the gru_lib that both the build and the kernel see.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MYST_FRONT_MATTER, ROOT

pytestmark = pytest.mark.slow

CONFIG = """\
title: Rebuild test
execute:
  execute_notebooks: cache
  timeout: 300
  raise_on_error: true
  stderr_output: error
sphinx:
  extra_extensions:
    - gru_book.sphinx.library_freshness
"""
TOC = "format: jb-book\nroot: index\n"
PAGE = (
    MYST_FRONT_MATTER
    + """
# One page

```{code-cell} ipython3
import uuid

import gru_lib.checks

print("mark:", getattr(gru_lib.checks, "REBUILD_MARK", "original"))
print("run:", uuid.uuid4().hex)  # differs on every execution
```
"""
)


def build(book: Path, output: Path, env: dict) -> str:
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    done = subprocess.run(
        [str(jupyter_book), "build", str(book), "--path-output", str(output), "-W", "-n"],
        capture_output=True, text=True, env=env, timeout=600, cwd=book.parent,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return (output / "_build" / "html" / "index.html").read_text()


def test_editing_gru_lib_re_executes_the_page_and_shows_the_change(tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(ROOT / "gru_lib", library / "gru_lib",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_text(CONFIG)
    (book / "_toc.yml").write_text(TOC)
    (book / "index.md").write_text(PAGE)
    output = tmp_path / "out"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(library), os.environ.get("PYTHONPATH", "")]),
        "PYTHONWARNINGS": "",
    }
    check = subprocess.run(
        [sys.executable, "-c", "import importlib.util as u; print(u.find_spec('gru_lib').origin)"],
        capture_output=True, text=True, env=env, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert check.stdout.strip().startswith(str(library)), check.stdout  # the copy is imported

    def run_id(html: str) -> str:
        return re.search(r"run: (\w+)", html).group(1)

    first = build(book, output, env)
    assert "mark: original" in first
    # Nothing changed: the cached outputs are reused, the page is not executed again.
    assert run_id(build(book, output, env)) == run_id(first)
    cache = output / "_build" / ".jupyter_cache"
    fingerprint = (cache / "gru_lib-fingerprint.txt").read_text()

    with (library / "gru_lib" / "checks.py").open("a") as module:
        module.write('\nREBUILD_MARK = "edited"\n')
    html = build(book, output, env)
    assert "mark: edited" in html and "mark: original" not in html
    assert run_id(html) != run_id(first)  # executed again
    assert (cache / "gru_lib-fingerprint.txt").read_text() != fingerprint
