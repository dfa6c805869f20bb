"""Shared fixtures: one real book build per test session, reused by every test that reads pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"

# The one reader of book/_toc.yml, shared with the benchmark; the tests import it from here.
from gru_book.toc import toc_pages as toc_chapters  # noqa: E402, F401
from gru_lib import xla_cache  # noqa: E402  (light: imports no TensorFlow)

# The persistent XLA cache (gru_lib.xla_cache), `make book`'s `_build/.xla-cache`, for this process
# and every process the tests start: the book build's kernels and `python -m gru_lib` key their own
# folder in it from GRU_LIB_XLA_CACHE. TensorFlow reads the setting when it is imported, so it is
# set here, before any test module imports it; GRU_LIB_XLA_CACHE=off runs the tests without it.
XLA_CACHE = xla_cache.chosen_directory(ROOT / "_build" / ".xla-cache")
_FLAGS_BEFORE = os.environ.get("TF_XLA_FLAGS")
if XLA_CACHE is not None and "tensorflow" not in sys.modules:
    xla_cache.use_persistent_cache(XLA_CACHE)


def pytest_collection_finish(session) -> None:
    """Fix this process's XLA settings, then keep its cache folder from processes it starts.

    XLA reads ``XLA_FLAGS`` at a process's first compilation, and a test may cap them later
    (``pin_xla`` in a study's inline run) for the processes it starts; so one tiny program is
    compiled now, and this process's cache folder, keyed by the flags it has now, stays right.
    A started process inherits the flags as they will be then, so it must not inherit this
    folder: it gets ``GRU_LIB_XLA_CACHE`` and keys its own (or none), never ``TF_XLA_FLAGS``.
    """
    if "tensorflow" in sys.modules and xla_cache.ENVIRONMENT_VARIABLE in os.environ:
        import tensorflow as tf

        tf.function(lambda x: x + 1.0, jit_compile=True)(tf.constant(0.0))
    if _FLAGS_BEFORE is None:
        os.environ.pop("TF_XLA_FLAGS", None)
    else:
        os.environ["TF_XLA_FLAGS"] = _FLAGS_BEFORE


# The front matter that makes a MyST Markdown file a notebook for myst-nb, for tests that write
# pages of their own.
MYST_FRONT_MATTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""

# `.ci/run` exports this flag. Under it every requirement of a test (Chromium, TeX Live, the
# linters) must be present: a missing one fails the test instead of skipping it, so no check can
# vanish from CI as a skip.
CI_FLAG = "GRU_BOOK_CI"


def running_in_ci() -> bool:
    """True under `.ci/run` (``GRU_BOOK_CI=1``) or any CI that sets ``CI`` (GitHub: ``true``)."""
    return any(
        os.environ.get(name, "").lower() not in ("", "0", "false") for name in (CI_FLAG, "CI")
    )


def shows_numbers(sentence: str, values: list[float], digits: int = 3) -> bool:
    """Whether ``sentence`` prints each of ``values`` as the book prints numbers side by side
    (:func:`gru_lib.analysis.claims.format_numbers`): tests of generated sentences check the
    numbers they carry, not their wording."""
    from gru_lib.analysis.claims import format_numbers

    return all(number in sentence for number in format_numbers(values, digits))


def skip_or_fail(reason: str) -> None:
    """Skip the calling test (or module) on a developer's machine; fail it in CI, where nothing
    may skip."""
    if running_in_ci():
        pytest.fail(f"{reason} (in CI every test must run)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


# Debian's package is `chromium`; GitHub's Ubuntu runners ship Google Chrome.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def find_chromium() -> str | None:
    """The first Chromium-family browser on PATH, or None."""
    return next(filter(None, (shutil.which(name) for name in CHROMIUM_NAMES)), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path; skips (fails under `.ci/run`) when it is not installed."""
    path = find_chromium()
    if path is None:
        skip_or_fail("Chromium is not installed (apt-get install chromium).")
    return path


@pytest.fixture(scope="session")
def site(built_book):
    """The built book served over HTTP; yields its base URL."""
    from site_server import serve

    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium, driven by Playwright, shared by every browser test."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - playwright is a test dependency
        skip_or_fail(f"Playwright is not installed: {error}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch_problems(page) -> None:
    """Collect failed requests, console errors and page errors in ``page.problems``."""
    page.problems = []
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed {r.url}: {r.failure}"))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))


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
