"""One-at-a-time hyperparameter sweeps: change one setting of a base model, keep the rest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, replace

import pandas as pd

from gru_lib.data.task import TaskData
from gru_lib.experiments import ModelSpec, run_experiments

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
    seed. Returns :data:`SWEEP_COLUMNS` followed by the columns of
    :func:`gru_lib.experiments.run_experiments`, one row per (setting, value, seed).
    """
    known = {f.name for f in fields(ModelSpec)} - {"label"}
    for setting in variations:
        if setting not in known:
            raise ValueError(
                f"Received an invalid value for argument `variations`. "
                f"Unknown setting {setting!r}; "
                f"expected some of {sorted(known)}."
            )
    tables = []
    for setting, values in variations.items():
        base_value = getattr(base, setting)
        ordered = [base_value] + [v for v in values if v != base_value]
        specs = [replace(base, **{setting: v}, label=f"{setting}={v}") for v in ordered]
        table = run_experiments([task], specs, seeds, epochs=epochs, batch_size=batch_size)
        table.insert(0, "is_base", [label == specs[0].label for label in table["model"]])
        table.insert(0, "value", table["model"].str.split("=", n=1).str[1])
        table.insert(0, "setting", setting)
        tables.append(table)
    return pd.concat(tables, ignore_index=True)
