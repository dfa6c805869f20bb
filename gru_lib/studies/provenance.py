"""Where stored numbers came from: the code, the packages, the machine and XLA's settings.

XLA compiles each training epoch for the host CPU, and by default it targets the widest vector
instructions the CPU has (AVX-512 on this machine). Code generated for other instructions sums
floating-point numbers in another order, so the same member can train to slightly different
numbers on another CPU. :func:`pin_xla` caps XLA's CPU code generation at AVX2
(``--xla_cpu_max_isa=AVX2``), which nearly every x86-64 CPU of the last decade has, so stored
numbers reproduce across such machines; it must run before the first XLA compilation in a
process (XLA reads ``XLA_FLAGS`` then), and the runner sets it for its workers too.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from gru_lib import checks

__all__ = ["XLA_ISA", "machine", "package_versions", "pin_xla", "record", "repository_commit"]

XLA_ISA = "AVX2"
_ISA_FLAG = "--xla_cpu_max_isa="
# Packages whose versions can change a study's numbers, or its storage.
_PACKAGES = ("tensorflow-cpu", "tensorflow", "keras", "numpy", "pandas", "dask", "distributed")
ROOT = Path(__file__).resolve().parents[2]


def pin_xla(isa: str = XLA_ISA) -> str:
    """Cap XLA's CPU code generation at ``isa`` in this process and its children; return the flags.

    A cap already in ``XLA_FLAGS`` is replaced; other flags are kept.

    >>> "--xla_cpu_max_isa=AVX2" in pin_xla()
    True
    """
    isa = checks.one_of(isa, "isa", ["SSE4_2", "AVX", "AVX2", "AVX512"])
    flags = [f for f in os.environ.get("XLA_FLAGS", "").split() if not f.startswith(_ISA_FLAG)]
    os.environ["XLA_FLAGS"] = " ".join([*flags, _ISA_FLAG + isa])
    return os.environ["XLA_FLAGS"]


def package_versions() -> dict[str, str]:
    """The installed versions of the packages that can change a study's numbers.

    >>> "numpy" in package_versions()
    True
    """
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def machine() -> dict[str, object]:
    """The machine: architecture, CPU model, core count and the CPU's vector-instruction flags.

    >>> sorted(machine())[:2]
    ['architecture', 'cores']
    """
    model, flags = "", []
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            name, _, value = line.partition(":")
            if name.strip() == "model name" and not model:
                model = value.strip()
            elif name.strip() == "flags" and not flags:
                flags = sorted(f for f in value.split() if f.startswith(("avx", "sse", "fma")))
    return {
        "architecture": platform.machine(),
        "cores": os.cpu_count(),
        "cpu": model or platform.processor(),
        "cpu_flags": flags,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def repository_commit() -> str:
    """The git commit of the code (``+dirty`` when tracked files have changes), or ``unknown``.

    >>> len(repository_commit()) > 0
    True
    """
    try:
        commit = _git("rev-parse", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def record(
    config: object,
    *,
    wall_seconds: float,
    member_seconds: dict[str, float],
    commit: str | None = None,
) -> dict:
    """The provenance stored beside a study's table, as a JSON-ready dictionary.

    ``commit`` is the code's commit when the run started (default: now).

    >>> sorted(record({}, wall_seconds=1.0, member_seconds={}))[:3]
    ['commit', 'config', 'date']
    """
    wall_seconds = checks.non_negative_number(wall_seconds, "wall_seconds")
    checks.instance(member_seconds, "member_seconds", dict)
    return {
        "config": _plain(config),
        "commit": repository_commit() if commit is None else checks.text(commit, "commit"),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "packages": package_versions(),
        "machine": machine(),
        "xla_flags": os.environ.get("XLA_FLAGS", ""),
        "wall_seconds": wall_seconds,
        "member_seconds": {key: round(value, 3) for key, value in member_seconds.items()},
    }


def _plain(value: object) -> object:
    """``value`` (dataclasses, tuples, numbers) as JSON-ready lists, dicts and scalars."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()
