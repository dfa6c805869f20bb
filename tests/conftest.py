"""Shared fixtures: one real book build per test session, reused by every test that reads pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"


sys.path.insert(0, str(BOOK / "_ext"))

# .ci/run sets this: there, a test that cannot run (no browser, no TeX) fails instead of
# skipping, so no check can vanish from CI as a skip.
CI_FLAG = "GRU_BOOK_CI"


def running_in_ci() -> bool:
    """True under .ci/run (``GRU_BOOK_CI=1``) or any CI that sets ``CI`` (GitHub sets ``true``)."""
    return os.environ.get(CI_FLAG) == "1" or os.environ.get("CI", "").lower() not in (
        "", "0", "false",
    )  # fmt: skip


def skip_or_fail(reason: str) -> None:
    """Skip the calling test module on a developer's machine; fail it in CI."""
    if running_in_ci():
        pytest.fail(f"{reason} (in CI every test must run)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def find_chromium() -> str | None:
    """Debian's `chromium`, or what other systems call it (GitHub's runners ship Chrome)."""
    import shutil

    names = ("chromium", "chromium-browser", "google-chrome")
    return next(filter(None, (shutil.which(name) for name in names)), None)


# The one reader of book/_toc.yml, shared with the benchmark; the tests import it from here.
from book_toc import toc_pages as toc_chapters  # noqa: E402, F401


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the book from scratch (fresh execution cache) and return its ``html`` folder.

    The build runs exactly as `make book` does, with warnings as errors, so a cell that raises,
    a stderr line or a broken reference fails this fixture and every test that uses it.
    Set ``BOOK_HTML`` to an already built ``_build/html`` to test that site instead (quicker
    while working on the tests themselves; `make test` always builds afresh).
    """
    if os.environ.get("BOOK_HTML"):
        return Path(os.environ["BOOK_HTML"]).resolve()
    output = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [
            str(jupyter_book),
            "build",
            "book",
            "--path-output",
            str(output),
            "-W",
            "-n",
            "--keep-going",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": ""},
    )
    (output / "build.log").write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        pytest.fail(f"The book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return output / "_build" / "html"
