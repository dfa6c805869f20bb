"""Run a study's members, in parallel, resumably, and store the table when all are done.

:func:`run_study` enumerates the study's members, skips those already stored (or written to the
progress file by an interrupted run of the same code), runs the rest, and writes each finished
row to the progress file at once. Members run on a Dask ``LocalCluster`` by default (one process
per CPU core, one thread each), on an existing cluster given its scheduler address, or in this
process (``scheduler="inline"``). A progress bar counts members.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from gru_lib import checks
from gru_lib.studies import storage
from gru_lib.studies.freshness import fingerprint
from gru_lib.studies.provenance import pin_xla, record, repository_commit
from gru_lib.studies.spec import Member, Study

__all__ = ["execute_member", "run_study"]

# One thread per process: workers share the machine's cores without oversubscribing them.
_THREAD_ENV = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1", "OMP_NUM_THREADS": "1"}


def execute_member(study: Study, member: Member) -> dict:
    """Run one ``member`` of ``study`` and return its full row: key, role, parameters, results.

    This is what each worker runs; it pins XLA's code generation first (see
    :func:`~gru_lib.studies.provenance.pin_xla`).

    >>> import dataclasses
    >>> from gru_lib.studies import Budget, memory
    >>> tiny = memory.MemoryConfig(cells=(("GRU", "gru", ()),), lengths=(4,), rates=(0.01,),
    ...     tune_seeds=(7,), seeds=(0,), sizes=(32, 8, 8),
    ...     budget=Budget(updates=2, batch_size=16, patience=1, train_size=32))
    >>> study = dataclasses.replace(memory.STUDY, name="tiny", config=tiny)
    >>> row = execute_member(study, study.members()[0])
    >>> row["key"], row["role"], row["updates"]
    ('gru/T=4/lr=0.01/seed=7', 'tune', 2)
    """
    checks.instance(study, "study", Study)
    checks.instance(member, "member", Member)
    pin_xla()
    result = study.run(study.config, member)
    return {"key": member.key, "role": member.role, **member.params, **result}


def run_study(
    study: Study,
    *,
    scheduler: str = "local",
    results: Path | str = storage.RESULTS,
    workers: int | None = None,
    progress: bool = True,
    reuse: bool = True,
) -> pd.DataFrame:
    """Run every member of ``study`` not yet stored; store and return the whole table.

    ``scheduler`` is ``"local"`` (a new ``LocalCluster`` of ``workers`` processes, by default one
    per core), ``"inline"`` (this process, one member after another) or the address of a running
    Dask scheduler (``tcp://host:8786``). Rows already in ``results/<name>.csv`` (unless
    ``reuse`` is false: whether they are current is DVC's call, see :mod:`~.freshness`) and rows
    in the progress file that an interrupted run of the same code left (same
    :func:`~gru_lib.studies.freshness.fingerprint`) are kept, not run again. When nothing is left
    to run the stored files are not rewritten.

    >>> import dataclasses, tempfile
    >>> from gru_lib.studies import Budget, memory
    >>> tiny = memory.MemoryConfig(cells=(("GRU", "gru", ()),), lengths=(4,), rates=(0.01,),
    ...     tune_seeds=(7,), seeds=(0,), sizes=(32, 8, 8),
    ...     budget=Budget(updates=2, batch_size=16, patience=1, train_size=32))
    >>> study = dataclasses.replace(memory.STUDY, name="tiny", config=tiny)
    >>> table = run_study(study, scheduler="inline", results=tempfile.mkdtemp(), progress=False)
    >>> table["key"].tolist()
    ['gru/T=4/lr=0.01/seed=7', 'gru/T=4/lr=0.01/seed=0']
    """
    checks.instance(study, "study", Study)
    scheduler = checks.text(scheduler, "scheduler")
    if workers is not None:
        workers = checks.integer(workers, "workers")
    checks.flag(progress, "progress")
    reuse = checks.flag(reuse, "reuse")
    pin_xla()  # before this process compiles anything (inline runs)
    commit = repository_commit()  # the code as it starts, not as it may be when the run ends
    code = fingerprint(study)
    progress_file = storage.progress_path(study.name, code, results)
    rows = _stored_rows(study, results) if reuse else {}
    for row in storage.read_progress(progress_file):
        rows[row["key"]] = row
    pending = _pending(study, rows)
    if not pending:
        return storage.load(study.name, results) if rows else _empty(study, results)
    start = time.perf_counter()
    bar = _bar(study, len(rows), progress)
    with _executor(scheduler, workers) as run_all:
        while pending:
            for row in run_all(study, pending):
                rows[row["key"]] = row
                storage.append_progress(progress_file, row)
                bar.update(1)
            pending = _pending(study, rows)
    bar.close()
    wall = time.perf_counter() - start
    order = [member.key for member in study.members(pd.DataFrame(list(rows.values())))]
    table_rows = [rows[key] for key in order]
    meta = record(
        study.config,
        wall_seconds=wall,
        member_seconds={row["key"]: float(row["seconds"]) for row in table_rows},
        commit=commit,
    )
    meta.update(
        study=study.name,
        fingerprint=code,
        scheduler=scheduler if scheduler in ("local", "inline") else "dask cluster",
        members=len(table_rows),
        members_run=bar.n - bar.initial if hasattr(bar, "initial") else len(table_rows),
        cpu_seconds=round(sum(float(row["seconds"]) for row in table_rows), 1),
    )
    storage.save(study.name, table_rows, meta, results)
    progress_file.unlink(missing_ok=True)
    return storage.load(study.name, results)


def _stored_rows(study: Study, results: Path | str) -> dict[str, dict]:
    """Rows in the stored table; none when there is none."""
    table_path, meta_path = storage.result_paths(study.name, results)
    if not (table_path.exists() and meta_path.exists()):
        return {}
    table = storage.load(study.name, results)
    return {row["key"]: row for row in table.to_dict("records")}


def _pending(study: Study, rows: dict[str, dict]) -> list[Member]:
    stored = pd.DataFrame(list(rows.values()) or {"key": pd.Series([], dtype=str)})
    return [member for member in study.members(stored) if member.key not in rows]


def _empty(study: Study, results: Path | str) -> pd.DataFrame:
    raise checks.invalid("study", f"Study {study.name!r} enumerates no members.")


class _NoBar:
    def __init__(self, initial: int) -> None:
        self.n = self.initial = initial

    def update(self, count: int) -> None:
        self.n += count

    def close(self) -> None:
        pass


def _bar(study: Study, done: int, progress: bool):
    if not progress:
        return _NoBar(done)
    from tqdm import tqdm

    return tqdm(
        total=study.size(study.config),
        initial=done,
        desc=study.name,
        unit="member",
        file=sys.stderr,
        dynamic_ncols=True,
    )


@contextmanager
def _executor(scheduler: str, workers: int | None) -> Iterator[Callable]:
    """A function ``(study, members) -> iterator of rows`` (in finishing order), for its life."""
    if scheduler == "inline":
        yield lambda study, members: (execute_member(study, m) for m in members)
        return
    import distributed

    saved = {name: os.environ.get(name) for name in _THREAD_ENV}
    os.environ.update(_THREAD_ENV)  # the worker processes inherit these, and XLA_FLAGS
    try:
        if scheduler == "local":
            cluster = distributed.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",  # this machine only
                dashboard_address=":0",  # any free port: the scheduler serves HTTP regardless
                silence_logs=40,  # errors only
            )
            client = distributed.Client(cluster)
        else:
            cluster, client = None, distributed.Client(scheduler)
        try:
            yield lambda study, members: _submit_all(client, study, members)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _submit_all(client, study: Study, members: list[Member]) -> Iterator[dict]:
    import distributed

    futures = [
        client.submit(execute_member, study, member, key=f"{study.name}/{member.key}", pure=False)
        for member in members
    ]
    for future in distributed.as_completed(futures):
        yield future.result()
        future.release()
