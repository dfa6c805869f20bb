"""What a study is: a frozen configuration, the members it enumerates, and how one member runs.

A *study* is an experiment the book reports, declared in code (one module per study) and run
once, outside any page build, by ``python -m gru_lib studies run``. Its *members* are the single
training runs it is made of, one per configuration, seed and learning rate; each has a stable
string ``key``, so a stored table can be resumed, reproduced and compared member by member.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from gru_lib import checks

__all__ = ["Budget", "Member", "Study"]


@dataclass(frozen=True)
class Budget:
    """How long one member may train, counted in optimizer *updates*, and when it stops.

    ``updates`` is the cap. The model is evaluated on the validation set after every pass over
    the ``train_size`` training sequences (``ceil(train_size / batch_size)`` updates, one engine
    epoch); training stops early once the validation loss has not improved for ``patience``
    evaluations, keeping the best weights; a fall of ``min_delta`` or less in the validation loss
    does not count as an improvement (as in Keras's ``EarlyStopping``), so a run that has learned
    the task stops once what is left is creep. Gradients are clipped by their *global* norm
    (``global_clipnorm``, the norm of all gradients together) before each Adam update.

    >>> budget = Budget(updates=3000, batch_size=32, patience=4, train_size=10_000)
    >>> budget.updates_per_evaluation, budget.evaluations, budget.patience_updates
    (313, 10, 1252)
    """

    updates: int
    batch_size: int
    patience: int
    train_size: int
    global_clipnorm: float = 1.0
    min_delta: float = 0.0

    def __post_init__(self) -> None:
        checks.integer(self.updates, "updates")
        checks.integer(self.batch_size, "batch_size")
        checks.integer(self.patience, "patience")
        checks.integer(self.train_size, "train_size")
        checks.positive_number(self.global_clipnorm, "global_clipnorm")
        checks.non_negative_number(self.min_delta, "min_delta")

    @property
    def updates_per_evaluation(self) -> int:
        """Updates in one pass over the training set: the spacing of validation checks."""
        return -(-self.train_size // self.batch_size)

    @property
    def evaluations(self) -> int:
        """The most evaluations (engine epochs) a member runs: the cap in updates, rounded up."""
        return math.ceil(self.updates / self.updates_per_evaluation)

    @property
    def patience_updates(self) -> int:
        """The patience in updates."""
        return self.patience * self.updates_per_evaluation


@dataclass(frozen=True)
class Member:
    """One run of a study: its ``key`` and its parameters as ``(name, value)`` pairs.

    ``role`` says what the run is for: ``"tune"`` (choosing a learning rate, on seeds that are
    never reported) or ``"report"``.

    >>> member = Member("gru/T=25/lr=0.01/seed=0", (("cell", "GRU"), ("length", 25)), "report")
    >>> member.params["length"]
    25
    """

    key: str
    pairs: tuple[tuple[str, object], ...]
    role: str = "report"

    def __post_init__(self) -> None:
        checks.text(self.key, "key")
        checks.instance(self.pairs, "pairs", tuple)
        if not all(
            isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) for p in self.pairs
        ):
            raise checks.expected("pairs", "(name, value) pairs", repr(self.pairs))
        checks.one_of(self.role, "role", ["tune", "report"])

    @property
    def params(self) -> dict[str, object]:
        """The parameters as a dictionary."""
        return dict(self.pairs)


@dataclass(frozen=True)
class Study:
    """A study declared in code: everything the runner, storage and reproduction need.

    - ``config``: the study's frozen configuration dataclass.
    - ``plan(config, stored)``: every member that can run now, given the rows ``stored`` so far
      (a table with a ``key`` column, possibly empty). A study that tunes first returns its
      tuning members until they are all stored, then its reported members too. Deterministic.
    - ``size(config)``: how many members the whole study has.
    - ``run(config, member)``: train one member through the engine; return its row (a dict).
    - ``deps``: the files, relative to the repository root, that determine its numbers (the
      study's stage in ``dvc.yaml`` lists exactly these).
    - ``compared``: the metric columns :func:`~gru_lib.studies.reproduce` compares, with
      relative tolerance ``rtol`` and absolute tolerance ``atol``.

    >>> from gru_lib.studies import get_study
    >>> get_study("memory").name
    'memory'
    """

    name: str
    config: object
    plan: Callable[[object, pd.DataFrame], list[Member]]
    size: Callable[[object], int]
    run: Callable[[object, Member], dict]
    deps: tuple[str, ...]
    compared: tuple[str, ...]
    rtol: float = 1e-4
    atol: float = 1e-6
    summary: str = ""

    def __post_init__(self) -> None:
        checks.text(self.name, "name")
        for name in ("plan", "size", "run"):
            if not callable(getattr(self, name)):
                raise checks.expected(name, "a callable", repr(getattr(self, name)))
        checks.instance(self.deps, "deps", tuple)
        checks.instance(self.compared, "compared", tuple)
        checks.positive_number(self.rtol, "rtol")
        checks.positive_number(self.atol, "atol")

    def members(self, stored: pd.DataFrame | None = None) -> list[Member]:
        """The members :attr:`plan` enumerates given ``stored`` rows (none: a fresh start)."""
        if stored is None:
            stored = pd.DataFrame({"key": pd.Series([], dtype=str)})
        checks.frame(stored, "stored", ["key"])
        return self.plan(self.config, stored)
