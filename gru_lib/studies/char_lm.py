"""The ``char_lm`` study (chapter 4): a GRU character language model against counted n-grams.

The text is the start of the Python reference documentation (:func:`~gru_lib.data.text.
python_docs_text`), split in reading order into training, validation and test parts and cut
into windows (:func:`~gru_lib.data.text.next_character_task`). The GRU reads each window from a
zero state and predicts every next character; it trains through the book's one engine
(:func:`~gru_lib.studies.members.train_member`), its learning rate chosen on validation loss by
a tuning seed that is never reported, then from every reported seed at that rate.

The baselines are interpolated Witten-Bell n-grams of orders 2 to 5
(:class:`~gru_lib.analysis.ngrams.WittenBellNGram`), counted on the characters the GRU's
training windows hold and scored on the same test targets, each conditioned only on its own
window's characters as the GRU is. They are deterministic: one member each, no seed. Every
``test_loss`` is a mean cross-entropy in nats per character; ``perplexity`` is its ``exp``.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.analysis.ngrams import WittenBellNGram
from gru_lib.data.task import TaskData
from gru_lib.data.text import CharVocabulary, next_character_task, python_docs_text
from gru_lib.models.spec import ModelSpec
from gru_lib.studies.members import train_member
from gru_lib.studies.spec import Budget, Member, Study

__all__ = ["CharLMConfig", "STUDY", "chosen_rates", "plan", "run_member", "size", "text_task"]

GRU, NGRAM = "GRU", "n-gram"  # the two kinds of model, the ``model`` column


@dataclass(frozen=True)
class CharLMConfig:
    """The study's configuration; the defaults are the stored study.

    ``characters`` is how much of the documentation's start is used, ``window`` the characters
    per window, ``orders`` the n-gram orders.

    >>> config = CharLMConfig()
    >>> size(config) == len(config.rates) * len(config.tune_seeds) + len(config.seeds) + len(
    ...     config.orders)
    True
    """

    characters: int = 150_000
    window: int = 64
    units: int = 64
    rates: tuple[float, ...] = (1e-3, 3e-3, 1e-2, 3e-2)
    tune_seeds: tuple[int, ...] = (1000,)
    seeds: tuple[int, ...] = tuple(range(5))
    orders: tuple[int, ...] = (2, 3, 4, 5)
    budget: Budget = field(
        default_factory=lambda: Budget(
            updates=59 * 60, batch_size=32, patience=5, train_size=1874, min_delta=1e-3
        )
    )

    def __post_init__(self) -> None:
        checks.integer(self.characters, "characters", minimum=100)
        checks.integer(self.window, "window", minimum=2)
        checks.integer(self.units, "units")
        if not self.rates:
            raise checks.empty("rates", "at least one learning rate.")
        for rate in self.rates:
            checks.positive_number(rate, "rates")
        tuning, reported = set(self.tune_seeds), set(self.seeds)
        if tuning & reported:
            raise checks.invalid(
                "tune_seeds", f"Tuning seeds must not be reported, got {sorted(tuning & reported)}."
            )
        for seed in (*self.tune_seeds, *self.seeds):
            checks.integer(seed, "seeds", minimum=0)
        for order in self.orders:
            checks.integer(order, "orders", minimum=2)
        checks.instance(self.budget, "budget", Budget)


def text_task(config: CharLMConfig) -> TaskData:
    """The windows every member reads: ``x`` one-hot ``(windows, window, V)``, ``y`` the next
    characters ``(windows, window)``; ``V`` is the whole documentation's character set.

    >>> text_task(CharLMConfig(characters=1_000, window=16)).sizes()
    {'train': 49, 'val': 6, 'test': 6}
    """
    checks.instance(config, "config", CharLMConfig)
    return _task(config.characters, config.window)


@functools.lru_cache(maxsize=1)
def _task(characters: int, window: int) -> TaskData:
    text = python_docs_text()
    return next_character_task(text[:characters], CharVocabulary.from_text(text), window=window)


def size(config: CharLMConfig) -> int:
    """How many members the study has: tuning runs, reported runs and one per n-gram order.

    >>> size(CharLMConfig(seeds=(0, 1, 2)))  # 4 rates x 1 tuning seed + 3 seeds + 4 orders
    11
    """
    checks.instance(config, "config", CharLMConfig)
    return len(config.rates) * len(config.tune_seeds) + len(config.seeds) + len(config.orders)


def plan(config: CharLMConfig, stored: pd.DataFrame) -> list[Member]:
    """The GRU's tuning members, the n-grams, then (once every tuning run is ``stored``) the
    reported GRU members at the rate the tuning chose.

    >>> members = plan(CharLMConfig(), pd.DataFrame({"key": []}))
    >>> len(members), members[0].key, members[-1].key
    (8, 'gru/lr=0.001/seed=1000', 'ngram/n=5')
    """
    checks.instance(config, "config", CharLMConfig)
    checks.frame(stored, "stored", ["key"])
    members = [_gru(rate, seed, "tune") for rate in config.rates for seed in config.tune_seeds]
    members += [
        Member(f"ngram/n={n}", (("model", NGRAM), ("order", int(n)))) for n in config.orders
    ]
    choices = chosen_rates(stored, config)
    if len(choices):
        rate = float(choices.loc[choices["chosen"], "learning_rate"].iloc[0])
        members += [_gru(rate, seed, "report") for seed in config.seeds]
    return members


def chosen_rates(table: pd.DataFrame, config: CharLMConfig | None = None) -> pd.DataFrame:
    """Per rate of the grid: the GRU's mean best validation loss over the tuning seeds, whether
    it is the lowest (``chosen``) and whether the chosen rate sits at the grid's edge. Empty
    until every tuning run is in ``table``.

    >>> rows = [{"key": f"k{i}", "role": "tune", "model": "GRU", "learning_rate": r,
    ...          "best_val_loss": v} for i, (r, v) in
    ...         enumerate([(1e-3, 2.1), (3e-3, 1.9), (1e-2, 1.8), (3e-2, 2.0)])]
    >>> chosen_rates(pd.DataFrame(rows))["chosen"].tolist()
    [False, False, True, False]
    """
    config = CharLMConfig() if config is None else checks.instance(config, "config", CharLMConfig)
    columns = ["learning_rate", "val_loss", "chosen", "at_edge"]
    checks.frame(table, "table", ["key"])
    if "role" not in table.columns:
        return pd.DataFrame(columns=columns)
    tuning = table[(table["role"] == "tune") & (table["model"] == GRU)]
    if len(tuning) < len(config.rates) * len(config.tune_seeds):
        return pd.DataFrame(columns=columns)
    losses = tuning.groupby("learning_rate")["best_val_loss"].mean()
    best = float(losses.fillna(np.inf).idxmin())  # a diverged run never wins; ties: smaller
    edge = best in (min(config.rates), max(config.rates))
    rows = [[float(rate), float(loss), rate == best, edge] for rate, loss in losses.items()]
    return pd.DataFrame(rows, columns=columns)


def run_member(config: CharLMConfig, member: Member) -> dict:
    """Run one member: train a GRU, or count an n-gram; return its row's results.

    Every row has ``test_loss`` (nats per test character), ``perplexity`` and ``best_val_loss``
    (the n-gram's validation cross-entropy; the GRU's lowest, where its weights come from),
    ``seconds`` and ``val_curve`` (empty for an n-gram); a GRU row has
    :func:`~gru_lib.studies.members.train_member`'s columns too.

    >>> config = CharLMConfig(characters=1_000, window=16, units=4, budget=Budget(
    ...     updates=2, batch_size=32, patience=1, train_size=49))
    >>> row = run_member(config, plan(config, pd.DataFrame({"key": []}))[-1])
    >>> row["val_curve"], bool(row["perplexity"] > 1)
    ([], True)
    """
    checks.instance(config, "config", CharLMConfig)
    checks.instance(member, "member", Member)
    task = text_task(config)
    params = member.params
    if params["model"] == NGRAM:
        return _count_ngram(task, params["order"])
    spec = ModelSpec(layer="gru", units=config.units, learning_rate=params["learning_rate"],
                     label=GRU)  # fmt: skip
    row = train_member(task, spec, params["seed"], config.budget)
    return {"perplexity": float(np.exp(row["test_loss"])), **row}


def _count_ngram(task: TaskData, order: int) -> dict:
    start = time.perf_counter()
    windows = task.x_train.argmax(axis=-1)  # (windows, time): the codes the GRU reads
    codes = np.append(windows.reshape(-1), task.y_train[-1, -1])  # and the last target
    model = WittenBellNGram(order=order, vocabulary_size=task.classes).fit(codes)
    val_loss = model.cross_entropy(task.x_val.argmax(axis=-1), task.y_val)
    test_loss = model.cross_entropy(task.x_test.argmax(axis=-1), task.y_test)
    return {
        "test_loss": test_loss,
        "perplexity": float(np.exp(test_loss)),
        "best_val_loss": val_loss,
        "val_curve": [],
        "seconds": time.perf_counter() - start,
    }


def _gru(rate: float, seed: int, role: str) -> Member:
    pairs = (("model", GRU), ("learning_rate", float(rate)), ("seed", int(seed)))
    return Member(f"gru/lr={rate:g}/seed={seed}", pairs, role)


STUDY = Study(
    name="char_lm",
    config=CharLMConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/char_lm.py",
        "gru_lib/studies/members.py",
        "gru_lib/studies/spec.py",
        "gru_lib/training/engine.py",
        "gru_lib/training/program.py",
        "gru_lib/training/records.py",
        "gru_lib/models/build.py",
        "gru_lib/models/spec.py",
        "gru_lib/analysis/ngrams.py",
        "gru_lib/data/text.py",
        "gru_lib/data/task.py",
    ),
    compared=("test_loss", "best_val_loss"),
    summary="ch. 4: a GRU character language model against Witten-Bell n-grams, n = 2 ... 5",
)
