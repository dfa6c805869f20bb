"""The ``memory_models`` study (chapter 2): members of ``memory`` trained again, weights kept.

The memory study stores numbers, not models. Chapter 2 also looks *inside* trained models: where
a model's prediction looks in its input (connectivity maps) and how its gradient decays with
distance after training. This study re-runs chosen members of the stored memory study (by
default seed 0 of each cell at T = 100, at the learning rate the study chose) with exactly the
memory study's code, data and budget, and stores each member's trained weights beside its row,
so the page analyses trained models without training them.

Because the code path is the memory study's own, each member's ``test_mse`` must equal the one
stored for the same key in ``results/memory.csv`` (up to the reproduction tolerance); the tests
check it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.models.build import build_model
from gru_lib.models.spec import ModelSpec
from gru_lib.studies import memory
from gru_lib.studies.spec import Member, Study
from gru_lib.studies.storage import RESULTS, load

__all__ = ["STUDY", "ModelsConfig", "plan", "restore", "run_member", "size"]


@dataclass(frozen=True)
class ModelsConfig:
    """Which memory-study members to keep: every cell at each of ``lengths``, from ``seed``.

    >>> ModelsConfig().lengths, ModelsConfig().seed
    ((100,), 0)
    """

    lengths: tuple[int, ...] = (100,)
    seed: int = 0
    memory: memory.MemoryConfig = field(default_factory=memory.MemoryConfig)

    def __post_init__(self) -> None:
        checks.instance(self.memory, "memory", memory.MemoryConfig)
        for length in self.lengths:
            if length not in self.memory.lengths:
                raise checks.invalid(
                    "lengths", f"{length} is not among the memory study's {self.memory.lengths}."
                )
        if self.seed not in self.memory.seeds:
            raise checks.invalid("seed", f"{self.seed} is not a reported seed of the memory study.")


def size(config: ModelsConfig) -> int:
    """How many members: one per cell and length.

    >>> size(ModelsConfig())
    3
    """
    checks.instance(config, "config", ModelsConfig)
    return len(config.memory.cells) * len(config.lengths)


def plan(config: ModelsConfig, stored: pd.DataFrame) -> list[Member]:
    """The memory study's reported members of ``config.seed`` at ``config.lengths``, with the
    learning rates it chose (read from ``results/memory.csv``); ``stored`` is not needed, as
    nothing here waits on tuning.

    >>> [m.key for m in plan(ModelsConfig(), pd.DataFrame({"key": []}))]
    ['simple_rnn/T=100/lr=0.001/seed=0', 'gru/T=100/lr=0.03/seed=0', 'lstm/T=100/lr=0.03/seed=0']
    """
    checks.instance(config, "config", ModelsConfig)
    checks.frame(stored, "stored", ["key"])
    table = load("memory", RESULTS)
    reported = table[(table["role"] == "report") & (table["seed"] == config.seed)]
    keys = set(reported["key"][reported["length"].isin(config.lengths)])
    members = memory.plan(config.memory, table)
    return [m for m in members if m.role == "report" and m.key in keys]


def run_member(config: ModelsConfig, member: Member) -> dict:
    """Train ``member`` as the memory study does; its row plus ``weights``, the trained model's
    weights as JSON (a list of nested lists, in ``model.get_weights()`` order).

    >>> tiny = memory.MemoryConfig(cells=(("GRU", "gru", ()),), lengths=(4,), seeds=(0,),
    ...     sizes=(64, 16, 16), budget=memory.Budget(updates=2, batch_size=32, patience=1,
    ...     train_size=64))
    >>> config = ModelsConfig(lengths=(4,), memory=tiny)
    >>> member = Member("gru/T=4/lr=0.01/seed=0", (("cell", "GRU"), ("layer", "gru"),
    ...     ("length", 4), ("learning_rate", 0.01), ("seed", 0)))
    >>> len(json.loads(run_member(config, member)["weights"]))  # kernel, recurrent, bias, dense
    5
    """
    checks.instance(config, "config", ModelsConfig)
    checks.instance(member, "member", Member)
    row, model = memory.train_keeping_model(config.memory, member)
    row.pop("val_curve")  # stored in results/memory.csv already, under the same key
    return {**row, "weights": json.dumps([w.tolist() for w in model.get_weights()])}


def restore(row: pd.Series | dict, config: ModelsConfig | None = None, *, trained: bool = True):
    """The trained Keras model of one stored row (``cell``, ``layer``, ``length``,
    ``learning_rate``, ``seed`` and ``weights``), built as the memory study builds it; with
    ``trained=False``, the same model at its initialisation (the weights its seed drew).

    >>> table = load("memory_models")
    >>> model = restore(table.iloc[1])
    >>> bool(model.count_params() == table.iloc[1]["parameters"])
    True
    """
    config = ModelsConfig() if config is None else checks.instance(config, "config", ModelsConfig)
    trained = checks.flag(trained, "trained")
    if not isinstance(row, pd.Series | dict):
        raise checks.expected("row", "a stored row (a pandas Series or dict)", repr(row))
    missing = {"cell", "layer", "length", "learning_rate", "seed", "weights"} - set(row.keys())
    if missing:
        raise checks.invalid("row", f"It lacks {sorted(missing)}.")
    options = {label: opts for label, _, opts in config.memory.cells}[row["cell"]]
    spec = ModelSpec(
        layer=row["layer"],
        units=config.memory.units,
        learning_rate=float(row["learning_rate"]),
        label=row["cell"],
        options=options,
    )
    # The engine draws a member's initial weights from its seed (gru_lib.training.engine.run).
    model = build_model(spec, (int(row["length"]), 2), seed=int(row["seed"]))
    if not trained:
        return model
    model.set_weights([np.asarray(w, dtype=np.float32) for w in json.loads(row["weights"])])
    return model


STUDY = Study(
    name="memory_models",
    config=ModelsConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/memory_models.py",
        *memory.STUDY.deps,
        # Which members, at which rates: the stored memory study decides.
        "results/memory.csv",
    ),
    compared=("test_mse", "best_val_loss", "evaluations"),
    summary="ch. 2: seed 0 of each cell at T = 100 from the memory study, weights kept",
)
