"""Re-run a few stored members of a study and compare their numbers with the stored ones.

What makes a number machine-dependent: XLA compiles each epoch for the host CPU, so a CPU with
other vector instructions sums in another order, and training (thousands of updates of a
chaotic system) amplifies a last-bit difference into a different run. The studies therefore pin
XLA's code generation to AVX2 (:func:`~gru_lib.studies.provenance.pin_xla`), recorded in each
study's provenance; with the same instructions, the same packages and the same code, a member's
numbers are bit-identical, which the engine tests. The tolerance, a relative ``study.rtol``
(1e-4 by default) and absolute ``study.atol``, only absorbs printing and parsing; a mismatch
beyond it means the code, the packages or the instruction set differ from the stored run's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.studies import storage
from gru_lib.studies.runner import execute_member
from gru_lib.studies.spec import Study

__all__ = ["DIFFERENCE_COLUMNS", "pick_members", "reproduce"]

DIFFERENCE_COLUMNS = ["key", "column", "stored", "reproduced", "match"]


def pick_members(table: pd.DataFrame, count: int) -> list[str]:
    """The keys of ``count`` members to re-run, chosen deterministically from the stored table:
    the cheapest ones (least stored ``seconds``, ties by key), so a check stays quick.

    >>> table = pd.DataFrame({"key": ["a", "b", "c"], "seconds": [3.0, 1.0, 2.0]})
    >>> pick_members(table, 2)
    ['b', 'c']
    """
    checks.frame(table, "table", ["key", "seconds"])
    count = checks.integer(count, "count")
    if count > len(table):
        raise checks.invalid("count", f"Expected at most {len(table)} members, got count={count}.")
    ordered = table.sort_values(["seconds", "key"], kind="mergesort")
    return ordered["key"].head(count).tolist()


def reproduce(
    study: Study, *, members: int = 1, results: Path | str = storage.RESULTS
) -> pd.DataFrame:
    """Re-run ``members`` stored members of ``study`` (see :func:`pick_members`) in this process
    and compare each of ``study.compared`` with the stored value.

    Returns :data:`DIFFERENCE_COLUMNS`, one row per member and compared column; ``match`` is
    whether the two agree within the study's tolerance.

    >>> import dataclasses, tempfile
    >>> from gru_lib.studies import Budget, memory
    >>> from gru_lib.studies.runner import run_study
    >>> tiny = memory.MemoryConfig(cells=(("GRU", "gru", ()),), lengths=(4,), rates=(0.01,),
    ...     tune_seeds=(7,), seeds=(0,), sizes=(32, 8, 8),
    ...     budget=Budget(updates=2, batch_size=16, patience=1, train_size=32))
    >>> study = dataclasses.replace(memory.STUDY, name="tiny", config=tiny)
    >>> folder = tempfile.mkdtemp()
    >>> _ = run_study(study, scheduler="inline", results=folder, progress=False)
    >>> reproduce(study, members=2, results=folder)["match"].all()
    np.True_
    """
    checks.instance(study, "study", Study)
    members = checks.integer(members, "members")
    table = storage.load(study.name, results)
    by_key = {member.key: member for member in study.members(table)}
    rows = []
    for key in pick_members(table, members):
        if key not in by_key:
            raise checks.invalid(
                "study", f"The stored member {key!r} is not one the study enumerates now."
            )
        stored = table.set_index("key").loc[key]
        again = execute_member(study, by_key[key])
        for column in study.compared:
            old, new = stored[column], again[column]
            rows.append([key, column, old, new, _close(old, new, study.rtol, study.atol)])
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def _close(old: object, new: object, rtol: float, atol: float) -> bool:
    if isinstance(new, bool | np.bool_) or isinstance(old, bool | np.bool_):
        return bool(old) == bool(new)
    old, new = float(old), float(new)
    if np.isnan(old) or np.isnan(new):
        return bool(np.isnan(old) and np.isnan(new))
    return bool(np.isclose(new, old, rtol=rtol, atol=atol))
