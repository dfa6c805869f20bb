"""The benchmark report: its JSON schema (version 1) as dataclasses, one reader, a writer and a
printer. ``benchmarks/run.py`` writes it, the "Performance notes" page reads it with
:func:`read_report`, and nothing else picks the JSON apart.

Schema version 1 (``benchmarks/latest.json``); every section is ``null`` when it was not run:

- ``schema``: 1; ``date``: ISO 8601 in UTC; ``machine``: :func:`gru_lib.machine_description`;
  ``commit``: ``{"sha", "uncommitted_changes"}`` or ``null``; ``quick``: a smoke run;
  ``sections``: the sections measured; ``load_average_start`` / ``load_average_end``: the 1, 5
  and 15 minute load averages (``null`` where unknown).
- ``startup``: ``{"import_tensorflow_seconds", "import_gru_lib_seconds"}``.
- ``sweep``: a list of ``{"method": "engine" | "engine-warm" | "fit" | "jax", "length",
  "seconds", ...}``; the engine's rows add ``compile_seconds`` and ``xla_cache`` (``"empty"`` or
  ``"warm"``: the persistent XLA cache it started with).
- ``build``: ``{"clean_seconds", "clean_ok", "rebuild_seconds", "rebuild_ok",
  "sources_changed"}`` and ``clean_log_tail`` / ``rebuild_log_tail`` after a failure.
- ``chapters``: a list of ``{"chapter", "seconds", "peak_rss_mb", "ok", "error"}``.
- ``throughput``: ``{"sizes", "cpu", "gpu", "gpu_note"}``; ``cpu`` and ``gpu`` (or ``null``) are
  rows of :func:`gru_lib.analysis.throughput.train_step_throughput`. The batch size is
  ``batch_size`` (older files say ``batch``; the reader renames it).
- ``budgets``: a list of ``{"name", "measured", "limit", "unit", "kind": "at most" | "at least",
  "holds", "gap", "gap_percent", "invalid", "verdict"}``; ``holds``, ``gap`` and ``gap_percent``
  are ``null`` when ``invalid`` says why the measurement cannot be judged.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Commit:
    sha: str = "unknown"
    uncommitted_changes: bool = False


@dataclass
class Startup:
    import_tensorflow_seconds: float
    import_gru_lib_seconds: float


@dataclass
class Build:
    clean_seconds: float
    clean_ok: bool
    rebuild_seconds: float
    rebuild_ok: bool
    sources_changed: bool = False
    clean_log_tail: str | None = None
    rebuild_log_tail: str | None = None


@dataclass
class Chapter:
    chapter: str
    seconds: float
    peak_rss_mb: float
    ok: bool = True
    error: str | None = None


@dataclass
class Throughput:
    sizes: dict[str, Any]
    cpu: list[dict[str, Any]]
    gpu: list[dict[str, Any]] | None = None
    gpu_note: str = "no GPU"


@dataclass
class Budget:
    name: str
    measured: float
    limit: float
    unit: str
    kind: str
    holds: bool | None
    gap: float | None
    gap_percent: float | None
    invalid: str | None
    verdict: str


@dataclass
class Report:
    date: str
    machine: str
    commit: Commit | None = None
    quick: bool = False
    sections: list[str] = field(default_factory=list)
    load_average_start: list[float] | None = None
    load_average_end: list[float] | None = None
    startup: Startup | None = None
    sweep: list[dict[str, Any]] | None = None
    build: Build | None = None
    chapters: list[Chapter] | None = None
    throughput: Throughput | None = None
    budgets: list[Budget] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    def to_dict(self) -> dict:
        """The JSON-ready dictionary, keys in the schema's order."""
        return asdict(self)


def records(items) -> list[dict]:
    """Dataclass rows (budgets, chapters) as dictionaries, ready for ``pandas.DataFrame``."""
    return [asdict(item) if dataclasses.is_dataclass(item) else dict(item) for item in items or []]


def normalise_batch(row: dict) -> dict:
    """``row`` with an older file's ``batch`` key called ``batch_size``."""
    if "batch" in row and "batch_size" not in row:
        row = {("batch_size" if key == "batch" else key): value for key, value in row.items()}
    return row


def report_from_dict(data: dict) -> Report:
    """A :class:`Report` from the parsed JSON; ValueError for another schema version."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ValueError(
            f"Received an invalid value for argument `data`. Expected a benchmark report of "
            f"schema {SCHEMA_VERSION}, got schema={found!r}."
        )
    throughput = data.get("throughput")
    if throughput is not None:
        throughput = Throughput(
            sizes=normalise_batch(throughput["sizes"]),
            cpu=[normalise_batch(row) for row in throughput["cpu"] or []],
            gpu=None
            if throughput.get("gpu") is None
            else [normalise_batch(row) for row in throughput["gpu"]],
            gpu_note=throughput.get("gpu_note", "no GPU"),
        )
    build = data.get("build")
    return Report(
        schema=data["schema"],
        date=data["date"],
        machine=data["machine"],
        commit=Commit(**data["commit"]) if data.get("commit") else None,
        quick=bool(data.get("quick", False)),
        sections=list(data.get("sections") or []),
        load_average_start=data.get("load_average_start"),
        load_average_end=data.get("load_average_end"),
        startup=Startup(**data["startup"]) if data.get("startup") else None,
        sweep=data.get("sweep"),
        build=Build(**build) if build else None,
        chapters=None
        if data.get("chapters") is None
        else [Chapter(**row) for row in data["chapters"]],
        throughput=throughput,
        budgets=[Budget(**row) for row in data.get("budgets") or []],
    )


def read_report(path: str | os.PathLike) -> Report:
    """The report at ``path`` (``benchmarks/latest.json``), checked against the schema."""
    return report_from_dict(json.loads(Path(path).read_text()))


def write_report(report: Report, path: str | os.PathLike) -> None:
    """Write ``report`` as indented JSON (the folder is created if needed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_dict(), indent=2) + "\n")


def fmt(value: float) -> str:
    """A measurement with about three significant figures."""
    if abs(value) < 10:
        return f"{value:.2f}"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def print_report(report: Report) -> None:
    """The throughput tables and every budget's verdict, on standard output."""
    throughput = report.throughput
    if throughput:
        import pandas as pd

        for device in ("cpu", "gpu"):
            rows = getattr(throughput, device)
            if rows:
                table = pd.DataFrame(rows).drop(
                    columns=["device", "batch_size", "features"], errors="ignore"
                )
                batch_size = throughput.sizes.get("batch_size")
                print(f"\nTrain-step throughput, {device} (batch {batch_size}):")
                print(table.to_string(index=False, float_format=lambda v: f"{v:.3g}"))
        print(f"GPU: {throughput.gpu_note}")
    print("\nBudgets:")
    width = max((len(b.name) for b in report.budgets), default=10)
    for b in report.budgets:
        sign = ">=" if b.kind == "at least" else "<="
        print(
            f"  {b.name:<{width}}  {fmt(b.measured):>8} {b.unit:<2} "
            f"{sign} {fmt(b.limit):>6}  {b.verdict}"
        )
    if report.load_average_start and report.load_average_start[0] > (os.cpu_count() or 1):
        print("\nThe machine was busy (load average above its core count): timings are inflated.")


def measurements_succeeded(report: Report) -> bool:
    """False when a build or a chapter failed (a missed budget is not a failure)."""
    build_ok = not report.build or (report.build.clean_ok and report.build.rebuild_ok)
    return build_ok and all(chapter.ok for chapter in report.chapters or [])
