"""The ``memory`` study (chapter 2): how far back a tanh RNN, a GRU and an LSTM can remember.

Each cell learns the adding problem (Hochreiter & Schmidhuber 1997) at each length ``T``. The
learning rate is tuned per cell and length: every rate of the grid trains from the tuning seeds,
and the rate whose runs reach the lowest validation loss (mean over tuning seeds) is the one the
reported seeds train at. Tuning seeds are never reported. A reported run *solves* its length
when its test MSE is below ``threshold`` times the baseline, the MSE of always answering 1.

Every member draws its own data from its seed (training, validation and test sequences), so the
three cells of one seed see the same sequences. The LSTM has Keras's forget-gate bias of 1
(``unit_forget_bias=True``), set here explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.adding import adding_task
from gru_lib.models.spec import ModelSpec
from gru_lib.studies.members import train_member_keeping_model
from gru_lib.studies.spec import Budget, Member, Study

if TYPE_CHECKING:
    import keras

__all__ = [
    "MemoryConfig",
    "STUDY",
    "chosen_rates",
    "plan",
    "run_member",
    "size",
    "train_keeping_model",
]


@dataclass(frozen=True)
class MemoryConfig:
    """The memory study's configuration; the defaults are the stored study.

    ``cells`` are ``(label, layer, options)`` triples (a layer of
    :data:`gru_lib.models.build.RECURRENT_LAYERS`). ``sizes`` counts (training, validation, test)
    sequences per member.

    >>> config = MemoryConfig()
    >>> size(config) == len(config.cells) * len(config.lengths) * (
    ...     len(config.rates) * len(config.tune_seeds) + len(config.seeds))
    True
    """

    cells: tuple[tuple[str, str, tuple], ...] = (
        ("tanh RNN", "simple_rnn", ()),
        ("GRU", "gru", ()),
        ("LSTM", "lstm", (("unit_forget_bias", True),)),
    )
    lengths: tuple[int, ...] = (25, 50, 100, 200)
    units: int = 16
    rates: tuple[float, ...] = (1e-3, 3e-3, 1e-2, 3e-2)
    tune_seeds: tuple[int, ...] = (1000, 1001)
    seeds: tuple[int, ...] = tuple(range(10))
    sizes: tuple[int, int, int] = (10_000, 1_000, 2_000)
    budget: Budget = field(
        default_factory=lambda: Budget(
            updates=313 * 24, batch_size=32, patience=8, train_size=10_000, min_delta=1e-3
        )
    )
    threshold: float = 0.05

    def __post_init__(self) -> None:
        checks.instance(self.cells, "cells", tuple)
        for length in self.lengths:
            checks.integer(length, "lengths", minimum=2)
        checks.integer(self.units, "units")
        for rate in self.rates:
            checks.positive_number(rate, "rates")
        tuning, reported = set(self.tune_seeds), set(self.seeds)
        if tuning & reported:
            raise checks.invalid(
                "tune_seeds", f"Tuning seeds must not be reported, got {sorted(tuning & reported)}."
            )
        for seed in (*self.tune_seeds, *self.seeds):
            checks.integer(seed, "seeds", minimum=0)
        checks.instance(self.budget, "budget", Budget)
        if self.budget.train_size != self.sizes[0]:
            raise checks.invalid("budget", "Its train_size must equal sizes[0].")
        checks.positive_number(self.threshold, "threshold")


def size(config: MemoryConfig) -> int:
    """How many members the study has: every tuning run and every reported run.

    >>> size(MemoryConfig(lengths=(25,), seeds=(0, 1)))  # 3 cells x (4 rates x 2 tune seeds + 2)
    30
    """
    checks.instance(config, "config", MemoryConfig)
    runs = len(config.rates) * len(config.tune_seeds) + len(config.seeds)
    return len(config.cells) * len(config.lengths) * runs


def plan(config: MemoryConfig, stored: pd.DataFrame) -> list[Member]:
    """Every tuning member, then the reported members of each (cell, length) whose tuning runs
    are all ``stored``, at the rate they chose.

    >>> members = plan(MemoryConfig(), pd.DataFrame({"key": []}))
    >>> len(members), members[0].key
    (96, 'simple_rnn/T=25/lr=0.001/seed=1000')
    """
    checks.instance(config, "config", MemoryConfig)
    checks.frame(stored, "stored", ["key"])
    members = []
    for label, layer, _ in config.cells:
        for length in config.lengths:
            for rate in config.rates:
                for seed in config.tune_seeds:
                    members.append(_member(label, layer, length, rate, seed, "tune"))
    choices = chosen_rates(stored, config)
    winners = choices.loc[choices["chosen"].astype(bool)].set_index(["cell", "length"])[
        "learning_rate"
    ]
    for label, layer, _ in config.cells:
        for length in config.lengths:
            if (label, length) in winners.index:
                rate = float(winners.loc[(label, length)])
                members.extend(
                    _member(label, layer, length, rate, s, "report") for s in config.seeds
                )
    return members


def chosen_rates(table: pd.DataFrame, config: MemoryConfig | None = None) -> pd.DataFrame:
    """Per cell, length and rate: the mean best validation loss over the tuning seeds, and
    whether it is the lowest (``chosen``) and whether the chosen rate is at the grid's edge.

    Only (cell, length) pairs whose tuning runs are all in ``table`` get a choice.

    >>> rows = [{"key": f"k{i}", "role": "tune", "cell": "GRU", "length": 25,
    ...          "learning_rate": r, "best_val_loss": v} for i, (r, v) in
    ...         enumerate([(1e-3, 0.1), (3e-3, 0.01), (1e-2, 0.02), (3e-2, 0.2)])]
    >>> chosen_rates(pd.DataFrame(rows), MemoryConfig(tune_seeds=(1000,)))["chosen"].tolist()
    [False, True, False, False]
    """
    config = MemoryConfig() if config is None else checks.instance(config, "config", MemoryConfig)
    columns = ["cell", "length", "learning_rate", "val_loss", "chosen", "at_edge"]
    checks.frame(table, "table", ["key"])
    if "role" not in table.columns:
        return pd.DataFrame(columns=columns)
    tuning = table[table["role"] == "tune"]
    rows = []
    expected = len(config.rates) * len(config.tune_seeds)
    for (cell, length), group in tuning.groupby(["cell", "length"], sort=False):
        if len(group) < expected:
            continue
        losses = group.groupby("learning_rate")["best_val_loss"].mean()
        # NaN (a diverged run) never wins; ties go to the smaller rate.
        best = float(losses.fillna(np.inf).idxmin())
        edge = best in (min(config.rates), max(config.rates))
        for rate, loss in losses.items():
            rows.append([cell, int(length), float(rate), float(loss), rate == best, edge])
    return pd.DataFrame(rows, columns=columns)


def run_member(config: MemoryConfig, member: Member) -> dict:
    """Train one member on freshly drawn adding-problem data; return its row's results.

    Besides :func:`~gru_lib.studies.members.train_member`'s columns, the row has ``baseline``
    (the test MSE of always answering 1), ``ratio`` (``test_mse / baseline``) and ``solved``.

    >>> config = MemoryConfig(lengths=(4,), sizes=(64, 16, 16), budget=Budget(
    ...     updates=2, batch_size=32, patience=1, train_size=64))
    >>> member = plan(config, pd.DataFrame({"key": []}))[0]
    >>> sorted(run_member(config, member))[:3]
    ['baseline', 'best_evaluation', 'best_updates']
    """
    return train_keeping_model(config, member)[0]


def train_keeping_model(config: MemoryConfig, member: Member) -> tuple[dict, keras.Model]:
    """:func:`run_member`, also returning the trained model (for studies that keep weights).

    >>> config = MemoryConfig(lengths=(4,), sizes=(64, 16, 16), budget=Budget(
    ...     updates=2, batch_size=32, patience=1, train_size=64))
    >>> row, model = train_keeping_model(config, plan(config, pd.DataFrame({"key": []}))[0])
    >>> model.layers[-2].name.startswith("simple_rnn"), row["updates"]
    (True, 2)
    """
    checks.instance(config, "config", MemoryConfig)
    checks.instance(member, "member", Member)
    params = member.params
    options = {label: opts for label, _, opts in config.cells}[params["cell"]]
    n_train, n_val, n_test = config.sizes
    task = adding_task(
        length=params["length"], n_train=n_train, n_val=n_val, n_test=n_test, seed=params["seed"]
    )
    spec = ModelSpec(
        layer=params["layer"],
        units=config.units,
        learning_rate=params["learning_rate"],
        label=params["cell"],
        options=options,
    )
    row, model = train_member_keeping_model(task, spec, params["seed"], config.budget)
    baseline = float(np.mean((task.y_test.astype(np.float64) - 1.0) ** 2))
    ratio = row["test_mse"] / baseline
    solved = bool(ratio < config.threshold)
    return {"baseline": baseline, "ratio": ratio, "solved": solved, **row}, model


def _member(label: str, layer: str, length: int, rate: float, seed: int, role: str) -> Member:
    key = f"{layer}/T={length}/lr={rate:g}/seed={seed}"
    pairs = (
        ("cell", label),
        ("layer", layer),
        ("length", int(length)),
        ("learning_rate", float(rate)),
        ("seed", int(seed)),
    )
    return Member(key, pairs, role)


STUDY = Study(
    name="memory",
    config=MemoryConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/memory.py",
        "gru_lib/studies/members.py",
        "gru_lib/studies/spec.py",
        "gru_lib/training/engine.py",
        "gru_lib/training/program.py",
        "gru_lib/training/records.py",
        "gru_lib/models/build.py",
        "gru_lib/models/spec.py",
        # No gru_lib/cells: the cells here are Keras's SimpleRNN, GRU and LSTM, whose code is
        # pinned by the keras version (constraints.txt, recorded in the provenance).
        "gru_lib/data/adding.py",
        "gru_lib/data/task.py",
    ),
    compared=("test_mse", "best_val_loss", "evaluations"),
    summary="ch. 2: tanh RNN, GRU and LSTM on the adding problem at T = 25 ... 200",
)
