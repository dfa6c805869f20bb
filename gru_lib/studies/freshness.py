"""Whether stored results are current: DVC's verdict, and the fingerprint that guards resuming.

DVC decides freshness: ``dvc.yaml`` has one stage per study whose ``deps`` are the study's
:attr:`~gru_lib.studies.Study.deps` and whose ``outs`` are its result files, and ``dvc.lock``
records their hashes when the results were made. :func:`dvc_status` asks DVC which stages are
out of date.

The runner needs one more thing DVC does not give it: when it resumes an interrupted run, it
must know that the rows already written came from the code it runs now. :func:`fingerprint`
hashes the same dependency files and the configuration for that, and only for that.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from gru_lib import checks
from gru_lib.studies.provenance import ROOT
from gru_lib.studies.spec import Study

__all__ = ["dvc_status", "fingerprint", "refresh_command"]


def fingerprint(study: Study, root: Path = ROOT) -> str:
    """A short hash of ``study``'s dependency files and configuration.

    >>> from gru_lib.studies import get_study
    >>> len(fingerprint(get_study("memory")))
    12
    """
    checks.instance(study, "study", Study)
    digest = hashlib.sha256(repr(study.config).encode())
    for dep in study.deps:
        path = Path(root) / dep
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes() if file.exists() else b"<missing>")
    return digest.hexdigest()[:12]


def refresh_command(name: str) -> str:
    """The command that brings study ``name``'s stored results up to date.

    >>> refresh_command("memory")
    'make studies STUDIES=memory  (or: dvc repro memory)'
    """
    name = checks.text(name, "name")
    return f"make studies STUDIES={name}  (or: dvc repro {name})"


def dvc_status(names: list[str] | None = None, root: Path = ROOT) -> dict[str, str]:
    """DVC's verdict per study stage: ``"fresh"`` or ``"stale"`` (``"unknown"`` without DVC).

    ``names`` limits the stages asked about (default: all of ``dvc.yaml``'s).

    >>> dvc_status(["memory"])["memory"] in ("fresh", "stale", "unknown")
    True
    """
    if names is not None and (
        isinstance(names, str) or not all(isinstance(n, str) and n for n in names)
    ):
        raise checks.expected("names", "a list of study names", repr(names))
    dvc = shutil.which("dvc") or _venv_dvc()
    stages = names or _stages(Path(root))
    if dvc is None:
        return dict.fromkeys(stages, "unknown")
    result = subprocess.run(
        [dvc, "status", "--json", *stages], cwd=root, capture_output=True, text=True
    )
    if result.returncode != 0:
        return dict.fromkeys(stages, "unknown")
    changed = json.loads(result.stdout or "{}")
    return {stage: "stale" if stage in changed else "fresh" for stage in stages}


def _stages(root: Path) -> list[str]:
    import yaml

    path = root / "dvc.yaml"
    if not path.exists():
        return []
    return list(yaml.safe_load(path.read_text()).get("stages", {}))


def _venv_dvc() -> str | None:
    import sys

    candidate = Path(sys.executable).parent / "dvc"
    return str(candidate) if candidate.exists() else None
