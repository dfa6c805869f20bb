"""How fast training runs: train-step throughput of the cells and the engine's seed sweep.

Each ``measure_*`` function takes the command line's arguments and returns its section of the
report (:mod:`gru_book.benchmark_report`); :mod:`benchmarks.measure` names them for
:mod:`benchmarks.run`, whose docstring says what each section measures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.budgets import SWEEP_LENGTHS
from gru_book.benchmark_report import Throughput, normalise_batch

ROOT = Path(__file__).resolve().parents[1]

# Keras on JAX lives in its own interpreter, never in the book's environment (`make bench`).
JAX_PYTHON = ROOT / "benchmarks" / ".jax-venv" / "bin" / "python"

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


# --- throughput -----------------------------------------------------------------------------


def measure_throughput(args: argparse.Namespace) -> Throughput:
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
    return Throughput(
        sizes={k: list(v) if isinstance(v, tuple) else v for k, v in sizes.items()},
        cpu=cpu,
        gpu=gpu,
        gpu_note=gpu_note,
    )


def measure_sweep(args: argparse.Namespace) -> list[dict]:
    """A 3-seed, 5-epoch GRU(32) sweep through the engine, plain fit and Keras on JAX.

    Each method runs in a fresh interpreter (``benchmarks/sweep.py``), one after another at each
    length, so they are measured side by side under the same load: the engine twice, first with
    an empty persistent XLA cache (a folder of its own, so it compiles everything) and then with
    the cache that run filled (``engine-warm``); ``fit`` and ``jax`` without any.
    """
    rows = []
    lengths = SWEEP_LENGTHS[:1] if args.quick else SWEEP_LENGTHS
    # No inherited cache setting: plain Keras is measured as a reader runs it.
    env = {k: v for k, v in os.environ.items() if k not in ("TF_XLA_FLAGS", "GRU_LIB_XLA_CACHE")}
    with tempfile.TemporaryDirectory(prefix="sweep-xla-cache-") as caches:
        for length in lengths:
            cache = str(Path(caches) / f"T{length}")
            for method in ("engine", "engine-warm", "fit", "jax"):
                python = JAX_PYTHON if method == "jax" else Path(sys.executable)
                if not python.exists():
                    print(f"{method}: no interpreter at {python} (make bench creates it); skipped")
                    continue
                done = subprocess.run(
                    [str(python), str(ROOT / "benchmarks" / "sweep.py"), method, str(length),
                     cache],
                    cwd=ROOT, env=env, capture_output=True, text=True, check=True,
                )  # fmt: skip
                row = json.loads(done.stdout.strip().splitlines()[-1])
                compiling = row.get("compile_seconds")
                note = "" if compiling is None else f", compiling {compiling:.1f} s"
                print(f"T={length} {method}: {row['seconds']:.1f} s{note}", flush=True)
                rows.append(row)
    return rows


def _throughput_records(device: str, sizes: dict) -> list[dict]:
    from gru_lib.analysis.throughput import train_step_throughput

    table = train_step_throughput(device=device, **sizes)
    return [normalise_batch(row) for row in json.loads(table.to_json(orient="records"))]


def _throughput_in_subprocess(device: str, sizes: dict, *, hide_gpu: bool) -> list[dict]:
    code = (
        "import json, sys; "
        "from benchmarks.training_speed import _throughput_records; "
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
