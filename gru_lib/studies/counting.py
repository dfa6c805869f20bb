"""The ``counting`` study (chapter 5): can a GRU or an LSTM learn to accept exactly aⁿbⁿ?

Each cell learns accept/reject on every string of :func:`gru_lib.data.anbn.anbn_strings` up to
``train_n`` (aⁿbⁿ against its near misses and the swapped string) and is tested on every string
up to ``test_n``, three times as far. Every string, training and test, is padded before it to
one length, so the pads a string of a given n follows are the same in training and testing.
(A masking layer would need a change to the model builder, which the stored ``memory`` study
depends on; aligned padding gives the same guarantee with longer training sequences.)

The learning rate is tuned per cell, as in :mod:`gru_lib.studies.memory`: every rate of the
grid trains from the tuning seeds, and the rate with the lowest mean best validation loss is
the one the reported seeds train at. A reported run *counts* when it classifies every string
of every n up to ``test_n`` right. The LSTM has Keras's forget-gate bias of 1.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.data.anbn import anbn_strings, anbn_task, string_ns
from gru_lib.models.spec import ModelSpec
from gru_lib.studies.members import train_member
from gru_lib.studies.spec import Budget, Member, Study
from gru_lib.training.engine import predict
from gru_lib.training.program import shared_model

__all__ = [
    "CountingConfig",
    "STUDY",
    "chosen_rates",
    "plan",
    "run_member",
    "size",
    "training_size",
]


def training_size(train_n: int) -> int:
    """How many training strings :func:`~gru_lib.data.anbn.anbn_task` makes up to ``train_n``.

    >>> training_size(50)
    498
    """
    train_n = checks.integer(train_n, "train_n")
    return 2 * sum(len(anbn_strings(n)[0]) - 1 for n in range(1, train_n + 1))


@dataclass(frozen=True)
class CountingConfig:
    """The counting study's configuration; the defaults are the stored study.

    ``cells`` are ``(label, layer, options)`` triples. The budget's ``train_size`` must be
    :func:`training_size` ``(train_n)``: the whole finite language, every pass.

    >>> config = CountingConfig()
    >>> size(config) == len(config.cells) * (
    ...     len(config.rates) * len(config.tune_seeds) + len(config.seeds))
    True
    """

    cells: tuple[tuple[str, str, tuple], ...] = (
        ("GRU", "gru", ()),
        ("LSTM", "lstm", (("unit_forget_bias", True),)),
    )
    train_n: int = 50
    test_n: int = 150
    units: int = 10
    rates: tuple[float, ...] = (1e-3, 3e-3, 1e-2, 3e-2)
    tune_seeds: tuple[int, ...] = (1000,)
    seeds: tuple[int, ...] = tuple(range(10))
    budget: Budget = field(
        default_factory=lambda: Budget(
            updates=16 * 120, batch_size=32, patience=30, train_size=498, min_delta=1e-3
        )
    )

    def __post_init__(self) -> None:
        checks.instance(self.cells, "cells", tuple)
        checks.integer(self.train_n, "train_n")
        if checks.integer(self.test_n, "test_n") < self.train_n:
            raise checks.expected("test_n", f"an integer >= train_n = {self.train_n}", self.test_n)
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
        if self.budget.train_size != training_size(self.train_n):
            raise checks.invalid("budget", f"Its train_size must be training_size({self.train_n}).")


def size(config: CountingConfig) -> int:
    """How many members the study has: every tuning run and every reported run.

    >>> size(CountingConfig(seeds=(0, 1)))  # 2 cells x (4 rates x 1 tune seed + 2 seeds)
    12
    """
    checks.instance(config, "config", CountingConfig)
    return len(config.cells) * (len(config.rates) * len(config.tune_seeds) + len(config.seeds))


def plan(config: CountingConfig, stored: pd.DataFrame) -> list[Member]:
    """Every tuning member, then the reported members of each cell whose tuning runs are all
    ``stored``, at the rate they chose.

    >>> members = plan(CountingConfig(), pd.DataFrame({"key": []}))
    >>> len(members), members[0].key
    (8, 'gru/n<=50/lr=0.001/seed=1000')
    """
    checks.instance(config, "config", CountingConfig)
    checks.frame(stored, "stored", ["key"])
    members = [
        _member(label, layer, config.train_n, rate, seed, "tune")
        for label, layer, _ in config.cells
        for rate in config.rates
        for seed in config.tune_seeds
    ]
    choices = chosen_rates(stored, config)
    winners = choices.loc[choices["chosen"].astype(bool)].set_index("cell")["learning_rate"]
    for label, layer, _ in config.cells:
        if label in winners.index:
            rate = float(winners.loc[label])
            members += [
                _member(label, layer, config.train_n, rate, s, "report") for s in config.seeds
            ]
    return members


def chosen_rates(table: pd.DataFrame, config: CountingConfig | None = None) -> pd.DataFrame:
    """Per cell and rate: the mean best validation loss over the tuning seeds, whether it is the
    lowest (``chosen``) and whether the chosen rate is at the grid's edge.

    Only cells whose tuning runs are all in ``table`` get a choice.

    >>> rows = [{"key": f"k{i}", "role": "tune", "cell": "GRU", "learning_rate": r,
    ...          "best_val_loss": v} for i, (r, v) in
    ...         enumerate([(1e-3, 0.1), (3e-3, 0.01), (1e-2, 0.02), (3e-2, 0.2)])]
    >>> chosen_rates(pd.DataFrame(rows))["chosen"].tolist()
    [False, True, False, False]
    """
    if config is None:
        config = CountingConfig()
    checks.instance(config, "config", CountingConfig)
    columns = ["cell", "learning_rate", "val_loss", "chosen", "at_edge"]
    checks.frame(table, "table", ["key"])
    if "role" not in table.columns:
        return pd.DataFrame(columns=columns)
    tuning = table[table["role"] == "tune"]
    rows = []
    expected = len(config.rates) * len(config.tune_seeds)
    for cell, group in tuning.groupby("cell", sort=False):
        if len(group) < expected:
            continue
        losses = group.groupby("learning_rate")["best_val_loss"].mean()
        # NaN (a diverged run) never wins; ties go to the smaller rate.
        best = float(losses.fillna(np.inf).idxmin())
        edge = best in (min(config.rates), max(config.rates))
        for rate, loss in losses.items():
            rows.append([cell, float(rate), float(loss), rate == best, edge])
    return pd.DataFrame(rows, columns=columns)


def run_member(config: CountingConfig, member: Member) -> dict:
    """Train one member on aⁿbⁿ up to ``train_n``; score every n up to ``test_n``.

    Besides :func:`~gru_lib.studies.members.train_member`'s columns, the row has
    ``accuracy_curve`` (the accuracy on the strings of each n, n = 1 .. ``test_n``),
    ``trained_accuracy`` and ``beyond_accuracy`` (over the strings with n up to ``train_n`` and
    past it), ``reject_trained`` and ``reject_beyond`` (what always rejecting scores there),
    ``longest_n`` (the largest n such that every string up to it is right) and ``solved``
    (``longest_n == test_n``).

    >>> config = CountingConfig(train_n=2, test_n=6, units=2, budget=Budget(
    ...     updates=2, batch_size=18, patience=1, train_size=18))
    >>> row = run_member(config, plan(config, pd.DataFrame({"key": []}))[0])
    >>> len(row["accuracy_curve"]), row["solved"] in (True, False)
    (6, True)
    """
    checks.instance(config, "config", CountingConfig)
    checks.instance(member, "member", Member)
    params = member.params
    options = {label: opts for label, _, opts in config.cells}[params["cell"]]
    task = anbn_task(train_n=config.train_n, test_n=config.test_n)
    spec = ModelSpec(
        layer=params["layer"],
        units=config.units,
        learning_rate=params["learning_rate"],
        label=params["cell"],
        options=options,
    )
    row = train_member(task, spec, params["seed"], config.budget)
    # The engine leaves the run's kept weights in the model it shares between runs of this
    # architecture (train_member builds it with global clipping); score every test string.
    trained = shared_model(
        dataclasses.replace(spec, clipnorm=None, global_clipnorm=config.budget.global_clipnorm),
        task,
    )
    right = predict(trained, task.x_test).argmax(axis=-1) == task.y_test
    if not np.isclose(right.mean(), row["test_accuracy"], rtol=0, atol=1e-12):
        raise RuntimeError("The shared model does not hold the member's kept weights.")
    return {**_scores(right, task.y_test, config), **row}


def _scores(right: np.ndarray, labels: np.ndarray, config: CountingConfig) -> dict:
    ns = string_ns(config.test_n)
    per_n = [float(right[ns == n].mean()) for n in range(1, config.test_n + 1)]
    inside = ns <= config.train_n
    whole = np.array([right[ns == n].all() for n in range(1, config.test_n + 1)])
    longest = int(np.argmin(whole)) if not whole.all() else config.test_n
    return {
        "accuracy_curve": per_n,
        "trained_accuracy": float(right[inside].mean()),
        "beyond_accuracy": float(right[~inside].mean()) if (~inside).any() else float("nan"),
        "reject_trained": float((labels[inside] == 0).mean()),
        "reject_beyond": float((labels[~inside] == 0).mean()) if (~inside).any() else float("nan"),
        "longest_n": longest,
        "solved": longest == config.test_n,
    }


def _member(label: str, layer: str, train_n: int, rate: float, seed: int, role: str) -> Member:
    key = f"{layer}/n<={train_n}/lr={rate:g}/seed={seed}"
    pairs = (
        ("cell", label),
        ("layer", layer),
        ("learning_rate", float(rate)),
        ("seed", int(seed)),
    )
    return Member(key, pairs, role)


STUDY = Study(
    name="counting",
    config=CountingConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/counting.py",
        "gru_lib/studies/members.py",
        "gru_lib/studies/spec.py",
        "gru_lib/training/engine.py",
        "gru_lib/training/program.py",
        "gru_lib/training/records.py",
        "gru_lib/models/build.py",
        "gru_lib/models/spec.py",
        # Keras's GRU and LSTM, pinned by the keras version (recorded in the provenance).
        "gru_lib/data/anbn.py",
        "gru_lib/data/task.py",
    ),
    compared=("test_accuracy", "best_val_loss", "evaluations", "longest_n"),
    summary="ch. 5: GRU and LSTM accept aⁿbⁿ, trained to n = 50, tested to n = 150",
)
