"""What a page says about a stored study: where its numbers came from, in one line.

Every chapter that reads a study prints this line beside its results, so a reader knows which
code, which machine and how much time produced them, and how to check one member again.
"""

from __future__ import annotations

from gru_lib import checks
from gru_lib.studies.storage import load_provenance

__all__ = ["provenance_line"]


def provenance_line(name: str, provenance: dict | None = None) -> str:
    """One sentence: the study's commit, date, machine and wall time, and how to reproduce it.

    ``provenance`` is what :func:`gru_lib.studies.load_provenance` returns (read when omitted).

    >>> meta = {"commit": "0123456789abcdef", "date": "2026-12-07 17:00 UTC",
    ...         "machine": {"cpu": "Intel Xeon", "cores": 2}, "wall_seconds": 3720.0,
    ...         "xla_flags": "--xla_cpu_max_isa=AVX2"}
    >>> provenance_line("memory", meta)  # doctest: +NORMALIZE_WHITESPACE
    'Stored study memory: commit 0123456, run on 2026-12-07 17:00 UTC on Intel Xeon (2 cores,
    XLA code for AVX2), 62 min of wall time. python -m gru_lib studies reproduce memory re-runs
    a member and compares its numbers.'
    """
    name = checks.text(name, "name")
    meta = (
        load_provenance(name)
        if provenance is None
        else checks.instance(provenance, "provenance", dict)
    )
    missing = sorted({"commit", "date", "machine", "wall_seconds"} - set(meta))
    if missing:
        raise checks.expected("provenance", f"a study's provenance with {missing}", meta)
    machine = meta["machine"]
    isa = meta.get("xla_flags", "").partition("--xla_cpu_max_isa=")[2].split(" ")[0]
    code = f", XLA code for {isa}" if isa else ""
    commit = meta["commit"][:7] + (" with uncommitted changes" if "dirty" in meta["commit"] else "")
    return (
        f"Stored study {name}: commit {commit}, run on {meta['date']} on {machine['cpu']} "
        f"({machine['cores']} cores{code}), {meta['wall_seconds'] / 60:.0f} min of wall time. "
        f"python -m gru_lib studies reproduce {name} re-runs a member and compares its numbers."
    )
