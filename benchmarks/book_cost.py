"""What the book costs to build: start-up, the two builds and each chapter alone.

Each ``measure_*`` function takes the command line's arguments and returns its section of the
report (:mod:`gru_book.benchmark_report`); :mod:`benchmarks.measure` names them for
:mod:`benchmarks.run`, whose docstring says what each section measures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from gru_book.benchmark_report import Build, Chapter, Startup
from gru_book.toc import toc_pages  # the one reader of book/_toc.yml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BUILD_FLAGS = ["-W", "-n", "--keep-going"]  # as in the Makefile's `book` target


# --- start-up -------------------------------------------------------------------------------


def measure_startup(args: argparse.Namespace) -> Startup:
    """Seconds to start a fresh interpreter and import each module (median of three)."""
    result = {}
    for module in ("tensorflow", "gru_lib"):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", f"import {module}"],
                check=True,
                env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
                capture_output=True,
            )
            runs.append(time.perf_counter() - start)
        result[f"import_{module}_seconds"] = sorted(runs)[1]
        print(f"import {module}: {result[f'import_{module}_seconds']:.1f} s")
    return Startup(**result)


# --- build ----------------------------------------------------------------------------------


def measure_build(args: argparse.Namespace) -> Build:
    """A clean build into a fresh folder, then a rebuild of that folder with nothing changed."""
    result = {}
    before = sources_fingerprint()
    with tempfile.TemporaryDirectory(prefix="gru-book-bench-") as folder:
        for name in ("clean", "rebuild"):
            seconds, ok, tail = _build(Path(folder))
            result[f"{name}_seconds"], result[f"{name}_ok"] = seconds, ok
            if not ok:
                result[f"{name}_log_tail"] = tail
            print(f"{name} build: {seconds:.1f} s{'' if ok else ' (FAILED)'}", flush=True)
    # An edit to gru_lib or a chapter between the two builds makes the rebuild re-execute pages,
    # so its time would not be that of a rebuild with nothing changed.
    result["sources_changed"] = sources_fingerprint() != before
    if result["sources_changed"]:
        print("gru_lib or a chapter changed during the builds: the rebuild time is not valid")
    return Build(**result)


def sources_fingerprint(book: Path = BOOK) -> str:
    """A hash of what decides whether a rebuild re-executes: gru_lib (as the build's extension
    fingerprints it, installed versions included) and the book's sources."""
    import hashlib

    from gru_book.sphinx import library_freshness as freshness

    digest = hashlib.sha256(freshness.library_fingerprint().encode())
    for path in sorted(book.rglob("*")):
        if path.is_file() and "_build" not in path.parts:
            digest.update(path.relative_to(book).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _build(output: Path) -> tuple[float, bool, str]:
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", "book", "--path-output", str(output), *BUILD_FLAGS]
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": ""}
    )
    seconds = time.perf_counter() - start
    return seconds, done.returncode == 0, (done.stdout + done.stderr)[-3000:]


# --- chapters -------------------------------------------------------------------------------


def measure_chapters(args: argparse.Namespace) -> list[Chapter]:
    """Run every chapter that has code in its own kernel: wall time and peak kernel memory."""
    import jupytext

    results = []
    for name in toc_pages():
        notebook = jupytext.read(BOOK / f"{name}.md", fmt="md:myst")
        # myst-nb executes a page only if its header declares a kernel; others are prose.
        if "kernelspec" not in notebook.metadata:
            continue
        if not any(cell.cell_type == "code" for cell in notebook.cells):
            continue
        result = run_chapter(name, notebook)
        results.append(result)
        status = "ok" if result.ok else f"FAILED: {result.error}"
        print(
            f"{name}: {result.seconds:.1f} s, peak {result.peak_rss_mb:.0f} MB, {status}",
            flush=True,
        )
    return results


def run_chapter(name: str, notebook) -> Chapter:
    """Execute one chapter as the build does (kernel started in book/) and sample its memory."""
    from nbclient import NotebookClient

    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(BOOK)}}
    )
    error = None
    start = time.perf_counter()
    # The kernel's own start-up notices (its transport, for one) are not the chapter's output.
    with client.setup_kernel(stderr=subprocess.DEVNULL):
        sampler = PeakMemory(client.km.provisioner.process.pid)
        sampler.start()
        try:
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
        except Exception as exc:  # a failing cell is a result to report, not a crash
            # nbclient's CellExecutionError carries the cell's own exception name and message.
            # (``ename``, not ``name``: the chapter's name is returned below.)
            ename = getattr(exc, "ename", type(exc).__name__)
            value = str(getattr(exc, "evalue", exc)).strip()
            error = f"{ename}: {value.splitlines()[0] if value else ''}"
        finally:
            sampler.stop()
    seconds = time.perf_counter() - start
    stderr = any(
        output.get("name") == "stderr"
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )
    if error is None and stderr:
        error = "wrote to stderr, which fails the book build"
    return Chapter(
        chapter=name,
        seconds=seconds,
        peak_rss_mb=sampler.peak_bytes / 1e6,
        ok=error is None,
        error=error,
    )


class PeakMemory:
    """Sample a process's resident memory, children included, in a thread; keep the maximum."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak_bytes = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        try:
            process = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                total = sum(p.memory_info().rss for p in tree)
            except psutil.NoSuchProcess:  # the kernel or a child exited between two samples
                total = 0
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop.wait(self.interval)
