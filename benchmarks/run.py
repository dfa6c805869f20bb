"""Measure the book's build and training costs on this machine and check them against budgets.

Run ``make bench`` (or ``python -m benchmarks.run``) from the repository root. It measures

- start-up: ``import tensorflow`` and ``import gru_lib`` in fresh interpreters;
- build: a clean build with execution forced (a fresh output folder has a fresh execution cache),
  then a rebuild of the same folder with nothing changed, both with the flags ``make book`` uses;
- chapters: each chapter in ``book/_toc.yml`` that has code, run alone in a Jupyter kernel with
  its wall time and the kernel's peak memory (resident set size, child processes included);
- throughput: train steps per second of ScratchGRU, ``keras.layers.GRU`` and
  ``keras.layers.LSTM`` (:func:`gru_lib.analysis.throughput.train_step_throughput`) on the CPU and,
  where TensorFlow sees one, on the GPU, with whether Keras used cuDNN;

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
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.budgets import check_budgets
from benchmarks.measure import MEASURES
from gru_book.benchmark_report import (
    SCHEMA_VERSION,
    Commit,
    Report,
    measurements_succeeded,
    print_report,
    write_report,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "benchmarks" / "latest.json"
SECTIONS = ("startup", "sweep", "build", "chapters", "throughput")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sections = [s for s in (args.only or SECTIONS) if not (args.skip_build and s == "build")]
    report = _header(args.quick, sections)
    print(f"Benchmarking on {report.machine} (load average {report.load_average_start})")
    for section in sections:
        print(f"\n== {section} ==", flush=True)
        setattr(report, section, MEASURES[section](args))
    report.load_average_end = _load_average()
    report.budgets = check_budgets(report)
    print_report(report)
    partial = bool(args.only or args.skip_build or args.quick)
    output = args.output or (None if partial else DEFAULT_OUTPUT)
    if output is None:  # the book shows latest.json, so only a full run replaces it
        print(f"\nPartial run: {DEFAULT_OUTPUT.name} left as it was (pass --output to save one).")
    else:
        write_report(report, output)
        print(f"\nWrote {output}")
    return 0 if measurements_succeeded(report) else 1


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


def _header(quick: bool, sections: list[str]) -> Report:
    import gru_lib  # imports TensorFlow, after the book's quiet settings

    return Report(
        schema=SCHEMA_VERSION,
        date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        machine=gru_lib.machine_description(),
        commit=_git_commit(),
        quick=quick,
        sections=sections,
        load_average_start=_load_average(),
    )


def _git_commit() -> Commit | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return Commit(sha=head, uncommitted_changes=bool(status.strip()))


def _load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine inflates every timing."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
