"""The ``practice`` study (chapter 4): two everyday comparisons, tuned and over seeds.

- **digits**: a GRU reads each 8x8 digit one row of pixels per step
  (:func:`~gru_lib.data.digits.digits_task`) against multinomial logistic regression on all the
  pixels at once (:class:`~gru_lib.analysis.baselines.LogisticRegressionBaseline`). Every seed
  draws its own stratified split, so the two models of one seed see the same images; logistic
  regression is deterministic given its split, one member per seed.
- **tagging**: a forward GRU against a bidirectional one (the same units per direction) tag
  every character of the Python documentation's start with whether it ends a word
  (:func:`~gru_lib.data.text.word_end_task`); the text and its split are fixed, seeds vary the
  initial weights.
- **timing**: one member times a training step of a GRU with no dropout, input dropout and
  recurrent dropout (:func:`~gru_lib.analysis.cudnn.dropout_step_times`), the settings taking
  turns step by step; ``ms_per_step_curve`` holds their median milliseconds, in the order of
  :data:`~gru_lib.analysis.cudnn.DROPOUT_SETTINGS`.

Each GRU's learning rate is chosen per task and reader on validation loss from tuning seeds that
are never reported, then trains from every reported seed at that rate through the book's one
engine (:func:`~gru_lib.studies.members.train_member_keeping_model`). Digit rows store the test
predictions (``predicted_curve``, the class of each test image, for a confusion matrix).
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.analysis.baselines import LogisticRegressionBaseline
from gru_lib.analysis.cudnn import dropout_step_times
from gru_lib.data.digits import digits_task
from gru_lib.data.task import TaskData
from gru_lib.data.text import CharVocabulary, python_docs_text, word_end_task
from gru_lib.models.spec import ModelSpec
from gru_lib.studies.members import train_member_keeping_model
from gru_lib.studies.spec import Budget, Member, Study
from gru_lib.training.engine import predict

__all__ = ["PracticeConfig", "STUDY", "chosen_rates", "plan", "run_member", "size", "tag_task"]

DIGITS, TAGGING, TIMING = "digits", "tagging", "timing"  # the ``task`` column
GRU, LOGISTIC = "GRU", "logistic regression"  # the digits' ``model`` column
FORWARD, BOTH = "forward", "both ways"  # the tagging's ``model`` column
LISTS = ("val_curve", "predicted_curve", "ms_per_step_curve")  # list columns every row has
TUNED = ((DIGITS, GRU), (TAGGING, FORWARD), (TAGGING, BOTH))  # every (task, model) tuned


@dataclass(frozen=True)
class PracticeConfig:
    """The study's configuration; the defaults are the stored study.

    ``tag_characters`` of the documentation's start are cut into windows of ``tag_window``.

    >>> config = PracticeConfig()
    >>> runs = len(config.rates) * len(config.tune_seeds) + len(config.seeds)
    >>> size(config) == len(TUNED) * runs + len(config.seeds) + 1  # and the timing
    True
    """

    digit_units: int = 64
    tag_units: int = 8
    tag_characters: int = 30_000
    tag_window: int = 40
    timing: tuple[tuple[str, int], ...] = (
        ("batch_size", 64), ("time", 50), ("units", 64), ("steps", 20), ("warmup", 2)
    )  # fmt: skip
    rates: tuple[float, ...] = (1e-3, 3e-3, 1e-2, 3e-2, 1e-1)
    tune_seeds: tuple[int, ...] = (1000, 1001)
    seeds: tuple[int, ...] = tuple(range(10))
    digit_budget: Budget = field(
        default_factory=lambda: Budget(
            updates=19 * 80, batch_size=64, patience=15, train_size=1167, min_delta=1e-3
        )
    )
    tag_budget: Budget = field(
        default_factory=lambda: Budget(
            updates=19 * 150, batch_size=32, patience=15, train_size=599, min_delta=1e-3
        )
    )

    def __post_init__(self) -> None:
        checks.integer(self.digit_units, "digit_units")
        checks.integer(self.tag_units, "tag_units")
        checks.integer(self.tag_characters, "tag_characters", minimum=100)
        checks.integer(self.tag_window, "tag_window", minimum=2)
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
        checks.instance(self.digit_budget, "digit_budget", Budget)
        checks.instance(self.tag_budget, "tag_budget", Budget)


def tag_task(config: PracticeConfig) -> TaskData:
    """The tagging windows every tagging member reads (one-hot characters, a tag per step).

    >>> tag_task(PracticeConfig(tag_characters=2_000, tag_window=20)).sizes()
    {'train': 79, 'val': 9, 'test': 9}
    """
    checks.instance(config, "config", PracticeConfig)
    return _tags(config.tag_characters, config.tag_window)


@functools.lru_cache(maxsize=1)
def _tags(characters: int, window: int) -> TaskData:
    text = python_docs_text()
    return word_end_task(text[:characters], CharVocabulary.from_text(text), window=window)


def size(config: PracticeConfig) -> int:
    """How many members the study has: tuning and reported GRUs, one logistic regression a
    seed, and the timing.

    >>> size(PracticeConfig(seeds=(0, 1, 2)))  # 3 GRUs x (5 rates x 2 + 3 seeds) + 3 + 1
    43
    """
    checks.instance(config, "config", PracticeConfig)
    tuned = len(TUNED) * (len(config.rates) * len(config.tune_seeds) + len(config.seeds))
    return tuned + len(config.seeds) + 1


def plan(config: PracticeConfig, stored: pd.DataFrame) -> list[Member]:
    """The tuning members, the logistic regressions and the timing, then, per GRU whose
    tuning runs are all ``stored``, its reported members at the chosen rate.

    >>> members = plan(PracticeConfig(), pd.DataFrame({"key": []}))
    >>> len(members), members[0].key, members[-1].key
    (41, 'digits/GRU/lr=0.001/seed=1000', 'timing/dropout')
    """
    checks.instance(config, "config", PracticeConfig)
    checks.frame(stored, "stored", ["key"])
    members = [
        _gru(task, model, rate, seed, "tune")
        for task, model in TUNED
        for rate in config.rates
        for seed in config.tune_seeds
    ]
    members += [
        Member(
            f"{DIGITS}/{LOGISTIC}/seed={s}",
            (("task", DIGITS), ("model", LOGISTIC), ("seed", int(s))),
        )  # fmt: skip
        for s in config.seeds
    ]
    members.append(Member(f"{TIMING}/dropout", (("task", TIMING), ("model", "dropout"))))
    choices = chosen_rates(stored, config)
    for (task, model), group in choices.groupby(["task", "model"], sort=False):
        rate = float(group.loc[group["chosen"], "learning_rate"].iloc[0])
        members += [_gru(task, model, rate, seed, "report") for seed in config.seeds]
    return members


def chosen_rates(table: pd.DataFrame, config: PracticeConfig | None = None) -> pd.DataFrame:
    """Per tuned GRU (``task``, ``model``) and rate: the mean best validation loss over the
    tuning seeds, whether it is the lowest (``chosen``) and whether the chosen rate sits at the
    grid's edge. A GRU appears once every one of its tuning runs is in ``table``.

    >>> rows = [{"key": f"k{i}", "role": "tune", "task": "digits", "model": "GRU",
    ...          "learning_rate": r, "best_val_loss": v} for i, (r, v) in
    ...         enumerate([(1e-3, 0.3), (3e-3, 0.2), (1e-2, 0.1), (3e-2, 0.4)])]
    >>> config = PracticeConfig(rates=(1e-3, 3e-3, 1e-2, 3e-2), tune_seeds=(1000,))
    >>> chosen_rates(pd.DataFrame(rows), config)["chosen"].tolist()
    [False, False, True, False]
    """
    config = (
        PracticeConfig() if config is None else checks.instance(config, "config", PracticeConfig)
    )
    columns = ["task", "model", "learning_rate", "val_loss", "chosen", "at_edge"]
    checks.frame(table, "table", ["key"])
    if "role" not in table.columns:
        return pd.DataFrame(columns=columns)
    rows = []
    for task, model in TUNED:
        tuning = table[
            (table["role"] == "tune") & (table["task"] == task) & (table["model"] == model)
        ]
        if len(tuning) < len(config.rates) * len(config.tune_seeds):
            continue
        losses = tuning.groupby("learning_rate")["best_val_loss"].mean()
        best = float(losses.fillna(np.inf).idxmin())  # a diverged run never wins
        edge = best in (min(config.rates), max(config.rates))
        rows += [[task, model, float(r), float(v), r == best, edge] for r, v in losses.items()]
    return pd.DataFrame(rows, columns=columns)


def run_member(config: PracticeConfig, member: Member) -> dict:
    """Run one member: train a GRU, fit a logistic regression or time the dropout settings;
    return its row's results.

    Every row has ``seconds`` and the lists ``predicted_curve`` (each test digit's predicted
    class), ``ms_per_step_curve`` (the timing's) and ``val_curve`` (a GRU's), empty where they
    do not apply; every model has ``test_accuracy``, a GRU row
    :func:`~gru_lib.studies.members.train_member`'s columns too.

    >>> config = PracticeConfig(tag_characters=2_000, tag_window=20, tag_units=2,
    ...     tag_budget=Budget(updates=3, batch_size=32, patience=1, train_size=79))
    >>> member = plan(config, pd.DataFrame({"key": []}))[10]
    >>> row = run_member(config, member)
    >>> member.key, row["updates"], row["predicted_curve"], row["ms_per_step_curve"]
    ('tagging/forward/lr=0.001/seed=1000', 3, [], [])
    """
    checks.instance(config, "config", PracticeConfig)
    checks.instance(member, "member", Member)
    return {**dict.fromkeys(LISTS, []), **_run(config, member.params)}


def _run(config: PracticeConfig, params: dict) -> dict:
    if params["task"] == TIMING:
        return _time_dropout(config)
    if params["task"] == DIGITS:
        task = digits_task(seed=params["seed"])
        if params["model"] == LOGISTIC:
            return _fit_logistic(task, params["seed"])
        spec = ModelSpec(units=config.digit_units, learning_rate=params["learning_rate"],
                         label=GRU)  # fmt: skip
        row, model = train_member_keeping_model(task, spec, params["seed"], config.digit_budget)
        predicted = predict(model, task.x_test).argmax(axis=-1)
        return {**row, "predicted_curve": [int(c) for c in predicted]}
    spec = ModelSpec(units=config.tag_units, learning_rate=params["learning_rate"],
                     bidirectional=params["model"] == BOTH, label=params["model"])  # fmt: skip
    row, _ = train_member_keeping_model(tag_task(config), spec, params["seed"], config.tag_budget)
    return row


def _fit_logistic(task: TaskData, seed: int) -> dict:
    start = time.perf_counter()
    predicted = (
        LogisticRegressionBaseline(seed=seed).fit(task.x_train, task.y_train).predict(task.x_test)
    )
    return {
        "test_accuracy": float(np.mean(predicted == task.y_test)),
        "predicted_curve": [int(c) for c in predicted],
        "seconds": time.perf_counter() - start,
    }


def _time_dropout(config: PracticeConfig) -> dict:
    start = time.perf_counter()
    table = dropout_step_times(**dict(config.timing))
    return {
        "ms_per_step_curve": [float(v) for v in table["ms_per_step"]],
        "seconds": time.perf_counter() - start,
    }


def _gru(task: str, model: str, rate: float, seed: int, role: str) -> Member:
    pairs = (("task", task), ("model", model), ("learning_rate", float(rate)), ("seed", int(seed)))
    return Member(f"{task}/{model}/lr={rate:g}/seed={seed}", pairs, role)


STUDY = Study(
    name="practice",
    config=PracticeConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/practice.py",
        "gru_lib/studies/members.py",
        "gru_lib/studies/spec.py",
        "gru_lib/training/engine.py",
        "gru_lib/training/program.py",
        "gru_lib/training/records.py",
        "gru_lib/models/build.py",
        "gru_lib/models/spec.py",
        "gru_lib/analysis/baselines.py",
        "gru_lib/analysis/cudnn.py",
        "gru_lib/data/digits.py",
        "gru_lib/data/text.py",
        "gru_lib/data/task.py",
    ),
    compared=("test_accuracy",),
    summary="ch. 4: a GRU against logistic regression on digits; forward against "
    "bidirectional taggers; what dropout costs a training step",
)
