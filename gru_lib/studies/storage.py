"""Stored results: ``results/<study>.csv`` (one row per member) and ``results/<study>.json``.

The CSV holds every member's row in the order the study enumerates them; list-valued columns
(the per-evaluation validation curve) are written as JSON text and decoded again by :func:`load`.
The JSON file holds the provenance (:func:`gru_lib.studies.provenance.record`) and the
``fingerprint`` of the code the rows came from.

While a study runs, each finished member's row is appended at once to a progress file,
``results/.progress/<study>-<fingerprint>.jsonl`` (not committed), so an interrupted run loses only
the members in flight. The fingerprint in its name keeps rows of older code out of a resumed run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from gru_lib import checks
from gru_lib.studies.provenance import ROOT

__all__ = [
    "RESULTS",
    "append_progress",
    "load",
    "load_provenance",
    "progress_path",
    "read_progress",
    "result_paths",
    "save",
]

RESULTS = ROOT / "results"
_LIST_SUFFIX = "_curve"


def result_paths(name: str, results: Path | str = RESULTS) -> tuple[Path, Path]:
    """The table and provenance files of study ``name`` under ``results``.

    >>> [p.name for p in result_paths("memory")]
    ['memory.csv', 'memory.json']
    """
    name = checks.text(name, "name")
    folder = _folder(results)
    return folder / f"{name}.csv", folder / f"{name}.json"


def load(name: str, results: Path | str = RESULTS) -> pd.DataFrame:
    """The stored table of study ``name``: one row per member, curves decoded to lists.

    >>> load("memory").columns[0]
    'key'
    """
    table_path, _ = result_paths(name, results)
    if not table_path.exists():
        raise checks.invalid(
            "name",
            f"No stored results for study {name!r} in {table_path.parent}; run "
            f"`python -m gru_lib studies run {name}`.",
        )
    return _decode(pd.read_csv(table_path))


def load_provenance(name: str, results: Path | str = RESULTS) -> dict:
    """The provenance stored with study ``name`` (configuration, commit, machine, wall time).

    >>> load_provenance("memory")["xla_flags"]
    '--xla_cpu_max_isa=AVX2'
    """
    _, meta_path = result_paths(name, results)
    if not meta_path.exists():
        raise checks.invalid("name", f"No stored provenance for study {name!r} in {meta_path}.")
    return json.loads(meta_path.read_text())


def save(
    name: str, rows: Sequence[dict], meta: dict, results: Path | str = RESULTS
) -> tuple[Path, Path]:
    """Write study ``name``'s ``rows`` (in order) and its provenance ``meta``; return the paths.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> table, _ = save("demo", [{"key": "a", "val_curve": [1.0, 0.5]}], {}, folder)
    >>> load("demo", folder)["val_curve"][0]
    [1.0, 0.5]
    """
    table_path, meta_path = result_paths(name, results)
    checks.instance(meta, "meta", dict)
    table_path.parent.mkdir(parents=True, exist_ok=True)
    _encode(pd.DataFrame(list(rows))).to_csv(table_path, index=False)
    meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    return table_path, meta_path


def progress_path(name: str, fingerprint: str, results: Path | str = RESULTS) -> Path:
    """The progress file of a run of study ``name`` for code of ``fingerprint``.

    >>> progress_path("memory", "abc").name
    'memory-abc.jsonl'
    """
    name = checks.text(name, "name")
    fingerprint = checks.text(fingerprint, "fingerprint")
    return _folder(results) / ".progress" / f"{name}-{fingerprint}.jsonl"


def append_progress(path: Path, row: dict) -> None:
    """Append one finished member's ``row`` to the progress file ``path`` (one JSON line).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "demo.jsonl"
    >>> append_progress(path, {"key": "a"}); read_progress(path)
    [{'key': 'a'}]
    """
    checks.instance(path, "path", Path)
    checks.instance(row, "row", dict)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as stream:
        stream.write(json.dumps(row, allow_nan=True) + "\n")
        stream.flush()


def read_progress(path: Path) -> list[dict]:
    """The rows appended to the progress file ``path``; none when it does not exist.

    A last line cut short by an interruption is ignored.

    >>> read_progress(Path("no-such-file.jsonl"))
    []
    """
    checks.instance(path, "path", Path)
    if not path.exists():
        return []
    rows = []
    for line in path.read_text().splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


def _folder(results: Path | str) -> Path:
    if not isinstance(results, Path | str) or not str(results):
        raise checks.expected("results", "a folder path", repr(results))
    return Path(results)


def _encode(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for column in table.columns:
        if column.endswith(_LIST_SUFFIX):
            table[column] = [json.dumps(list(v)) for v in table[column]]
    return table


def _decode(table: pd.DataFrame) -> pd.DataFrame:
    for column in table.columns:
        if column.endswith(_LIST_SUFFIX):
            table[column] = [
                [float(x) if x is not None else math.nan for x in json.loads(v)]
                for v in table[column]
            ]
    return table
