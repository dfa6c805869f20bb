"""Measure the book's build and training costs on this machine and check them against budgets.

Run ``make bench`` (or ``python benchmarks/run.py``) from the repository root. It measures

- start-up: ``import tensorflow`` and ``import gru_lib`` in fresh interpreters;
- build: a clean build with execution forced (a fresh output folder has a fresh execution cache),
  then a rebuild of the same folder with nothing changed, both with the flags ``make book`` uses;
- chapters: each chapter in ``book/_toc.yml`` that has code, run alone in a Jupyter kernel with
  its wall time and the kernel's peak memory (resident set size, child processes included);
- throughput: train steps per second of ScratchGRU, ``keras.layers.GRU`` and
  ``keras.layers.LSTM`` (:func:`gru_lib.throughput.train_step_throughput`) on the CPU and, where
  TensorFlow sees one, on the GPU, with whether Keras used cuDNN;

prints a table, says which budgets hold and by how much any is missed, and writes everything as
JSON to ``benchmarks/latest.json``, which the book's "Performance notes" page shows (a partial run
writes JSON only where ``--output`` says, so the book always shows a full run). Budgets are
reported, never asserted: the exit status is non-zero only when a measurement itself fails.

Options: ``--only SECTION`` (repeatable), ``--skip-build``, ``--quick`` (tiny throughput sizes,
for a smoke run), ``--output PATH``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
DEFAULT_OUTPUT = ROOT / "benchmarks" / "latest.json"
sys.path.insert(0, str(BOOK / "_ext"))
from book_toc import toc_pages  # noqa: E402  (the one reader of book/_toc.yml)

SECTIONS = ("startup", "sweep", "build", "chapters", "throughput")
# Keras on JAX lives in its own interpreter, never in the book's environment (`make bench`).
JAX_PYTHON = ROOT / "benchmarks" / ".jax-venv" / "bin" / "python"
SWEEP_LENGTHS = (10, 50)
BUILD_FLAGS = ["-W", "-n", "--keep-going"]  # as in the Makefile's `book` target
SCHEMA_VERSION = 1

# Budgets on the book's 2-core reference machine (issue 7). Seconds unless said otherwise.
CLEAN_BUILD_SECONDS = 110.0
REBUILD_SECONDS = 5.0
SWEEP_MIN_SPEEDUP = 3.0  # plain fit's sweep time over the engine's, at each length
ENGINE_MAX_OVER_JAX = 2.0  # the engine's sweep time over Keras on JAX
CHAPTER_SECONDS = {
    "hands-on": 90.0,
    "rnn-limitations": 120.0,
    "gru-gates": 90.0,
    "gru-vs-lstm": 120.0,
    "gru-practice": 120.0,
    "gru-parallel": 120.0,
}
DEFAULT_CHAPTER_SECONDS = 90.0
CHAPTER_PEAK_MB = 1500.0  # 1.5 GB, in MB of 10**6 bytes
SCRATCH_GRU_MIN_RATIO = 0.9

FULL_SIZES = {
    "batch_size": 64,
    "times": (50, 200),
    "units": (32, 128),
    "features": 8,
    "steps": 20,
    "warmup": 3,
}
QUICK_SIZES = {
    "batch_size": 4,
    "times": (5,),
    "units": (4,),
    "features": 2,
    "steps": 2,
    "warmup": 1,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sections = [s for s in (args.only or SECTIONS) if not (args.skip_build and s == "build")]
    report = _header(args.quick, sections)
    print(f"Benchmarking on {report['machine']} (load average {report['load_average_start']})")
    for section in sections:
        print(f"\n== {section} ==", flush=True)
        report[section] = MEASURES[section](args)
    report["load_average_end"] = _load_average()
    report["budgets"] = check_budgets(report)
    print_report(report)
    partial = bool(args.only or args.skip_build or args.quick)
    output = args.output or (None if partial else DEFAULT_OUTPUT)
    if output is None:  # the book shows latest.json, so only a full run replaces it
        print(f"\nPartial run: {DEFAULT_OUTPUT.name} left as it was (pass --output to save one).")
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nWrote {output}")
    return 0 if _measurements_succeeded(report) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="measure only this section (repeatable)"
    )
    parser.add_argument("--skip-build", action="store_true", help="skip the two book builds")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: throughput at tiny sizes with few steps"
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the JSON; a full run writes benchmarks/latest.json by default",
    )
    return parser


def _header(quick: bool, sections: list[str]) -> dict:
    import gru_lib  # imports TensorFlow, after the book's quiet settings

    return {
        "schema": SCHEMA_VERSION,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": gru_lib.machine_description(),
        "commit": _git_commit(),
        "quick": quick,
        "sections": sections,
        "load_average_start": _load_average(),
        **{section: None for section in SECTIONS},
    }


def _git_commit() -> dict | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"sha": head, "uncommitted_changes": bool(status.strip())}


def _load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine inflates every timing."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


# --- start-up -------------------------------------------------------------------------------


def measure_startup(args: argparse.Namespace) -> dict:
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
    return result


# --- build ----------------------------------------------------------------------------------


def measure_build(args: argparse.Namespace) -> dict:
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
    return result


def sources_fingerprint() -> str:
    """A hash of what decides whether a rebuild re-executes: gru_lib (as the build's extension
    fingerprints it, installed versions included) and the book's sources."""
    import hashlib
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "freshness", BOOK / "_ext" / "library_freshness.py"
    )
    freshness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(freshness)
    digest = hashlib.sha256(freshness.library_fingerprint().encode())
    for path in sorted(BOOK.rglob("*")):
        if path.is_file() and "_build" not in path.parts:
            digest.update(path.relative_to(BOOK).as_posix().encode() + path.read_bytes())
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


def measure_chapters(args: argparse.Namespace) -> list[dict]:
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
        status = "ok" if result["ok"] else f"FAILED: {result['error']}"
        print(
            f"{name}: {result['seconds']:.1f} s, peak {result['peak_rss_mb']:.0f} MB, {status}",
            flush=True,
        )
    return results


def run_chapter(name: str, notebook) -> dict:
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
            kind, value = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", exc)
            error = f"{kind}: {str(value).strip().splitlines()[0] if str(value).strip() else ''}"
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
    return {
        "chapter": name,
        "seconds": seconds,
        "peak_rss_mb": sampler.peak_bytes / 1e6,
        "ok": error is None,
        "error": error,
    }


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


# --- throughput -----------------------------------------------------------------------------


def measure_throughput(args: argparse.Namespace) -> dict:
    """Train-step throughput on the CPU and, where there is one, the GPU."""
    import tensorflow as tf

    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    gpus = tf.config.list_physical_devices("GPU")
    if gpus:
        # Keras's GRU and LSTM choose cuDNN whenever a GPU is visible, so the CPU figures come
        # from a fresh interpreter that cannot see the GPU.
        cpu = _throughput_in_subprocess("cpu", sizes, hide_gpu=True)
        gpu = _throughput_records("gpu", sizes)
        gpu_note = f"{len(gpus)} GPU(s): " + ", ".join(device.name for device in gpus)
    else:
        cpu, gpu, gpu_note = _throughput_records("cpu", sizes), None, "no GPU"
        print("no GPU: measuring on the CPU only")
    return {
        "sizes": {k: list(v) if isinstance(v, tuple) else v for k, v in sizes.items()},
        "cpu": cpu,
        "gpu": gpu,
        "gpu_note": gpu_note,
    }


def measure_sweep(args: argparse.Namespace) -> list[dict]:
    """A 3-seed, 5-epoch GRU(32) sweep through the engine, plain fit and Keras on JAX.

    Each method runs in a fresh interpreter (``benchmarks/sweep.py``), one after another at each
    length, so the three are measured side by side under the same load.
    """
    rows = []
    lengths = SWEEP_LENGTHS[:1] if args.quick else SWEEP_LENGTHS
    for length in lengths:
        for method in ("engine", "fit", "jax"):
            python = JAX_PYTHON if method == "jax" else Path(sys.executable)
            if not python.exists():
                print(f"{method}: no interpreter at {python} (make bench creates it); skipped")
                continue
            done = subprocess.run(
                [str(python), str(ROOT / "benchmarks" / "sweep.py"), method, str(length)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"T={length} {method}: {row['seconds']:.1f} s", flush=True)
            rows.append(row)
    return rows


def _throughput_records(device: str, sizes: dict) -> list[dict]:
    from gru_lib.throughput import train_step_throughput

    table = train_step_throughput(device=device, **sizes)
    return json.loads(table.to_json(orient="records"))


def _throughput_in_subprocess(device: str, sizes: dict, *, hide_gpu: bool) -> list[dict]:
    code = (
        "import json, sys; from benchmarks.run import _throughput_records; "
        "print(json.dumps(_throughput_records(sys.argv[1], json.loads(sys.argv[2]))))"
    )
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": "-1" if hide_gpu else ""}
    done = subprocess.run(
        [sys.executable, "-c", code, device, json.dumps(sizes)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


MEASURES = {
    "startup": measure_startup,
    "sweep": measure_sweep,
    "build": measure_build,
    "chapters": measure_chapters,
    "throughput": measure_throughput,
}


# --- budgets and the report -----------------------------------------------------------------


def budget(
    name: str,
    measured: float,
    limit: float,
    unit: str,
    *,
    at_least: bool = False,
    invalid: str | None = None,
) -> dict:
    """One budget's verdict; ``gap`` is how far the measurement is on the wrong side (or 0).

    ``invalid`` says why the measurement cannot be judged; ``holds`` and ``gap`` are then None.
    """
    shortfall = (limit - measured) if at_least else (measured - limit)
    gap = max(shortfall, 0.0)
    if invalid:
        verdict = invalid
    elif shortfall <= 0:
        verdict = "holds"
    else:
        verdict = f"missed by {_fmt(gap)} {unit} ({gap / limit * 100:.0f}%)"
    return {
        "name": name,
        "measured": measured,
        "limit": limit,
        "unit": unit,
        "kind": "at least" if at_least else "at most",
        "holds": None if invalid else shortfall <= 0,
        "gap": None if invalid else max(shortfall, 0.0),
        "gap_percent": None if invalid else max(shortfall, 0.0) / limit * 100,
        "invalid": invalid,
        "verdict": verdict,
    }


def check_budgets(report: dict) -> list[dict]:
    budgets = []
    if report["build"]:
        build = report["build"]
        budgets.append(budget("clean build", build["clean_seconds"], CLEAN_BUILD_SECONDS, "s"))
        changed = (
            "not judged: sources changed during the builds"
            if build.get("sources_changed")
            else None
        )
        budgets.append(
            budget(
                "rebuild, nothing changed",
                build["rebuild_seconds"],
                REBUILD_SECONDS,
                "s",
                invalid=changed,
            )
        )
    seconds = {(r["method"], r["length"]): r["seconds"] for r in report.get("sweep") or []}
    for length in SWEEP_LENGTHS:
        engine = seconds.get(("engine", length))
        if engine and ("fit", length) in seconds:
            speedup = seconds[("fit", length)] / engine
            name = f"sweep T={length}: fit ÷ engine"
            budgets.append(budget(name, speedup, SWEEP_MIN_SPEEDUP, "×", at_least=True))
        if engine and ("jax", length) in seconds:
            ratio = engine / seconds[("jax", length)]
            name = f"sweep T={length}: engine ÷ jax"
            budgets.append(budget(name, ratio, ENGINE_MAX_OVER_JAX, "×"))
    for chapter in report["chapters"] or []:
        name = chapter["chapter"]
        limit = CHAPTER_SECONDS.get(name, DEFAULT_CHAPTER_SECONDS)
        budgets.append(budget(f"chapter {name}: time", chapter["seconds"], limit, "s"))
        budgets.append(
            budget(f"chapter {name}: peak memory", chapter["peak_rss_mb"], CHAPTER_PEAK_MB, "MB")
        )
    for row in (report["throughput"] or {}).get("cpu") or []:
        if row["layer"] == "scratch_gru":
            name = f"scratch_gru ÷ keras GRU, cpu, time {row['time']}, units {row['units']}"
            budgets.append(
                budget(name, row["ratio_to_gru"], SCRATCH_GRU_MIN_RATIO, "×", at_least=True)
            )
    return budgets


def print_report(report: dict) -> None:
    throughput = report["throughput"]
    if throughput:
        import pandas as pd

        for device in ("cpu", "gpu"):
            if throughput[device]:
                table = pd.DataFrame(throughput[device]).drop(
                    columns=["device", "batch_size", "features"]
                )
                sizes = throughput["sizes"]
                print(f"\nTrain-step throughput, {device} (batch size {sizes['batch_size']}):")
                print(table.to_string(index=False, float_format=lambda v: f"{v:.3g}"))
        print(f"GPU: {throughput['gpu_note']}")
    print("\nBudgets:")
    width = max((len(b["name"]) for b in report["budgets"]), default=10)
    for b in report["budgets"]:
        sign = ">=" if b["kind"] == "at least" else "<="
        print(
            f"  {b['name']:<{width}}  {_fmt(b['measured']):>8} {b['unit']:<2} "
            f"{sign} {_fmt(b['limit']):>6}  {b['verdict']}"
        )
    if report["load_average_start"] and report["load_average_start"][0] > (os.cpu_count() or 1):
        print("\nThe machine was busy (load average above its core count): timings are inflated.")


def _fmt(value: float) -> str:
    return (
        f"{value:.2f}"
        if abs(value) < 10
        else f"{value:.3g}"
        if abs(value) < 100
        else f"{value:.0f}"
    )


def _measurements_succeeded(report: dict) -> bool:
    build_ok = not report["build"] or (
        report["build"]["clean_ok"] and report["build"]["rebuild_ok"]
    )
    return build_ok and all(chapter["ok"] for chapter in report["chapters"] or [])


if __name__ == "__main__":
    sys.exit(main())
