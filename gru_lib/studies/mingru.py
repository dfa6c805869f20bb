"""The ``mingru`` study (chapter 6): does minGRU learn the adding problem at the length and
budget at which chapter 2's GRU solves it?

The :mod:`~gru_lib.studies.memory` study found the budget: its GRU of 16 units solves the adding
problem at ``T = 100`` in every reported seed, at the learning rate its tuning chose. This study
trains minGRU (Feng et al. 2024) of the same width, one layer deep (``depths`` stacks more),
with that study's budget (updates, early stopping, clipping) and data sizes, on the same seeds, so
each reported minGRU run sees the sequences the memory study's GRU of the same seed saw; the page
sets them beside the stored GRU runs rather than training the GRU again. The learning rate is
tuned per depth exactly as there: every rate of the grid trains from the tuning seeds (never
reported) and the lowest mean best validation loss wins (:func:`chosen_rates`).

minGRU trains with its step loop (``mode="sequential"``): the same states as the parallel scan
up to float32 rounding (chapter 6 checks it), and on a CPU the faster of the two
(:mod:`~gru_lib.studies.mingru_speed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.adding import adding_task
from gru_lib.models.spec import ModelSpec
from gru_lib.studies import memory
from gru_lib.studies.members import train_member
from gru_lib.studies.spec import Budget, Member, Study

__all__ = ["MinGRUConfig", "STUDY", "chosen_rates", "label", "plan", "run_member", "size"]


def label(depth: int) -> str:
    """The name of a minGRU stack ``depth`` layers deep, in tables and legends.

    >>> label(2)
    'minGRU x 2'
    """
    return f"minGRU x {checks.integer(depth, 'depth')}"


@dataclass(frozen=True)
class MinGRUConfig:
    """The study's configuration; the defaults are the stored study.

    ``depths`` are the numbers of stacked minGRU layers; ``mode`` is the layer's scan. The length,
    width, rate grid, sizes, budget and threshold are the memory study's for its GRU at
    ``T = 100``, and the reported seeds its first five: five, not ten, because a minGRU run
    costs up to four times a GRU run here, so the outcome compared is the test MSE over the
    baseline, a continuous score (solved counts come with their exact intervals). For the same
    reason the stored study has one layer only: deeper stacks (a three-layer run cost three to
    four one-layer runs) did not fit the machine time it had; ``depths`` takes them.

    >>> config = MinGRUConfig()
    >>> size(config) == len(config.depths) * (len(config.rates) * len(config.tune_seeds)
    ...                                      + len(config.seeds))
    True
    """

    depths: tuple[int, ...] = (1,)
    length: int = 100
    units: int = 16
    mode: str = "sequential"
    rates: tuple[float, ...] = (1e-3, 3e-3, 1e-2, 3e-2)
    tune_seeds: tuple[int, ...] = (1000,)
    seeds: tuple[int, ...] = tuple(range(5))
    sizes: tuple[int, int, int] = (10_000, 1_000, 2_000)
    budget: Budget = field(
        default_factory=lambda: Budget(
            updates=313 * 24, batch_size=32, patience=8, train_size=10_000, min_delta=1e-3
        )
    )
    threshold: float = 0.05

    def __post_init__(self) -> None:
        for depth in self.depths:
            checks.integer(depth, "depths")
        checks.integer(self.length, "length", minimum=2)
        checks.integer(self.units, "units")
        checks.one_of(self.mode, "mode", ["sequential", "parallel"])
        # The rate grid, seeds, sizes and budget are checked as the memory study checks its own.
        memory.MemoryConfig(
            cells=(),
            lengths=(self.length,),
            units=self.units,
            rates=self.rates,
            tune_seeds=self.tune_seeds,
            seeds=self.seeds,
            sizes=self.sizes,
            budget=self.budget,
            threshold=self.threshold,
        )


def size(config: MinGRUConfig) -> int:
    """How many members the study has: every tuning run and every reported run.

    >>> size(MinGRUConfig(depths=(1,), seeds=(0, 1)))  # 4 rates x 1 tuning seed + 2
    6
    """
    checks.instance(config, "config", MinGRUConfig)
    return len(config.depths) * (len(config.rates) * len(config.tune_seeds) + len(config.seeds))


def plan(config: MinGRUConfig, stored: pd.DataFrame) -> list[Member]:
    """Every tuning member, then the reported members of each depth whose tuning runs are all
    ``stored``, at the rate they chose.

    >>> members = plan(MinGRUConfig(), pd.DataFrame({"key": []}))
    >>> len(members), members[0].key
    (4, 'min_gru/x1/T=100/lr=0.001/seed=1000')
    """
    checks.instance(config, "config", MinGRUConfig)
    checks.frame(stored, "stored", ["key"])
    members = [
        _member(config, depth, rate, seed, "tune")
        for depth in config.depths
        for rate in config.rates
        for seed in config.tune_seeds
    ]
    choices = chosen_rates(stored, config)
    winners = choices.loc[choices["chosen"].astype(bool)].set_index("cell")["learning_rate"]
    for depth in config.depths:
        if label(depth) in winners.index:
            rate = float(winners.loc[label(depth)])
            members.extend(_member(config, depth, rate, s, "report") for s in config.seeds)
    return members


def chosen_rates(table: pd.DataFrame, config: MinGRUConfig | None = None) -> pd.DataFrame:
    """Per depth (``cell``) and rate: the mean best validation loss over the tuning seeds,
    whether it is the lowest (``chosen``) and whether the chosen rate is at the grid's edge;
    the memory study's rule (:func:`gru_lib.studies.memory.chosen_rates`).

    >>> rows = [{"key": f"k{i}", "role": "tune", "cell": "minGRU x 1", "length": 100,
    ...          "learning_rate": r, "best_val_loss": v} for i, (r, v) in
    ...         enumerate([(1e-3, 0.1), (3e-3, 0.01), (1e-2, 0.02), (3e-2, 0.2)])]
    >>> choices = chosen_rates(pd.DataFrame(rows))
    >>> choices["chosen"].tolist(), bool(choices["at_edge"].any())
    ([False, True, False, False], False)
    """
    config = MinGRUConfig() if config is None else checks.instance(config, "config", MinGRUConfig)
    rule = memory.MemoryConfig(
        cells=(), rates=config.rates, tune_seeds=config.tune_seeds, seeds=config.seeds
    )
    return memory.chosen_rates(table, rule)


def run_member(config: MinGRUConfig, member: Member) -> dict:
    """Train one member on freshly drawn adding-problem data; return its row's results.

    Besides :func:`~gru_lib.studies.members.train_member`'s columns, the row has ``baseline``
    (the test MSE of always answering 1), ``ratio`` (``test_mse / baseline``) and ``solved``
    (``ratio < threshold``), as in the memory study.

    >>> config = MinGRUConfig(depths=(2,), length=4, sizes=(64, 16, 16), budget=Budget(
    ...     updates=2, batch_size=32, patience=1, train_size=64))
    >>> row = run_member(config, plan(config, pd.DataFrame({"key": []}))[0])
    >>> row["updates"], sorted(row)[:3]
    (2, ['baseline', 'best_evaluation', 'best_updates'])
    """
    checks.instance(config, "config", MinGRUConfig)
    checks.instance(member, "member", Member)
    params = member.params
    n_train, n_val, n_test = config.sizes
    task = adding_task(
        length=config.length, n_train=n_train, n_val=n_val, n_test=n_test, seed=params["seed"]
    )
    spec = ModelSpec(
        layer="min_gru",
        units=config.units,
        layers=params["depth"],
        learning_rate=params["learning_rate"],
        label=params["cell"],
        options=(("mode", config.mode),),
    )
    row = train_member(task, spec, params["seed"], config.budget)
    baseline = float(np.mean((task.y_test.astype(np.float64) - 1.0) ** 2))
    ratio = row["test_mse"] / baseline
    return {"baseline": baseline, "ratio": ratio, "solved": bool(ratio < config.threshold), **row}


def _member(config: MinGRUConfig, depth: int, rate: float, seed: int, role: str) -> Member:
    key = f"min_gru/x{depth}/T={config.length}/lr={rate:g}/seed={seed}"
    pairs = (
        ("cell", label(depth)),
        ("depth", int(depth)),
        ("length", int(config.length)),
        ("learning_rate", float(rate)),
        ("seed", int(seed)),
    )
    return Member(key, pairs, role)


STUDY = Study(
    name="mingru",
    config=MinGRUConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/mingru.py",
        "gru_lib/studies/memory.py",  # the rate rule and the config checks
        "gru_lib/studies/members.py",
        "gru_lib/studies/spec.py",
        "gru_lib/training/engine.py",
        "gru_lib/training/program.py",
        "gru_lib/training/records.py",
        "gru_lib/models/build.py",
        "gru_lib/models/spec.py",
        "gru_lib/cells/min_gru.py",
        "gru_lib/cells/scan.py",
        "gru_lib/data/adding.py",
        "gru_lib/data/task.py",
    ),
    compared=("test_mse", "best_val_loss", "evaluations"),
    summary="ch. 6: minGRU on the adding problem at T = 100, at chapter 2's GRU budget",
)
