"""One-at-a-time hyperparameter sweeps: change one setting of a base model, keep the rest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, replace

import pandas as pd

from gru_lib import checks
from gru_lib.data.task import TaskData
from gru_lib.models.spec import ModelSpec
from gru_lib.training.runs import run_experiments

__all__ = ["SWEEP_COLUMNS", "one_at_a_time"]

SWEEP_COLUMNS = ["setting", "value", "is_base"]


def one_at_a_time(
    task: TaskData,
    base: ModelSpec,
    variations: Mapping[str, Sequence[object]],
    seeds: Sequence[int],
    *,
    epochs: int,
    batch_size: int = 32,
) -> pd.DataFrame:
    """Train ``base`` and, for each setting in ``variations``, ``base`` with that setting changed.

    ``variations`` maps a :class:`ModelSpec` field (``"units"``, ``"activation"``, ...) to the
    values to try; the base value is always included. Each configuration is trained from every
    seed, the base once: its rows appear under every setting, with ``model == "base"``. Returns
    :data:`SWEEP_COLUMNS` followed by the columns of :func:`gru_lib.training.runs.run_experiments`,
    one row per (setting, value, seed).

    >>> from gru_lib.data import uniform_mean_task
    >>> task = uniform_mean_task(n_train=8, n_val=4, n_test=4, length=3)
    >>> table = one_at_a_time(task, ModelSpec(units=2), {"units": [3]}, [0], epochs=1)
    >>> table[["setting", "value"]].values.tolist()
    [['units', '2'], ['units', '3']]
    """
    task = checks.instance(task, "task", TaskData)
    base = checks.instance(base, "base", ModelSpec)
    known = {f.name for f in fields(ModelSpec)} - {"label"}
    for setting in variations:
        if setting not in known:
            raise checks.invalid(
                "variations", f"Unknown setting {setting!r}; expected some of {sorted(known)}."
            )
    # The base model is trained once and its rows are shared by every setting's panel. Each
    # variant's label is only its legend text; rows are matched to (setting, value) by spec.
    base = replace(base, label="base")
    variants = {
        replace(base, **{setting: value}, label=f"{setting}={value}"): (setting, value)
        for setting, values in variations.items()
        for value in values
        if value != getattr(base, setting)
    }
    runs = run_experiments([task], [base, *variants], seeds, epochs=epochs, batch_size=batch_size)
    specs = [record.spec for record in runs["record"]]
    tables = []
    for setting in variations:
        base_rows = runs[[spec == base for spec in specs]].assign(value=str(getattr(base, setting)))
        mine = [variants.get(spec, (None,))[0] == setting for spec in specs]
        rows = runs[mine].assign(
            value=[str(variants[spec][1]) for spec, m in zip(specs, mine, strict=True) if m]
        )
        table = pd.concat([base_rows, rows]).assign(setting=setting)
        table["is_base"] = table["model"] == "base"
        tables.append(table)
    combined = pd.concat(tables, ignore_index=True)
    return combined[SWEEP_COLUMNS + [c for c in runs.columns]]
