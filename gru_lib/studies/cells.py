"""The ``cells`` study (chapter 5): a GRU against an LSTM on four tasks, each beside a baseline.

Each task trains a GRU and an LSTM of the same width (equal units) and one more LSTM: one whose
unit count brings its parameters closest to the GRU's (equal parameters) on the noisy sine,
the sunspots and the digits, and one without Keras's forget-gate bias of 1 on the adding
problem, where memory over a long gap is what the bias is for. The learning rate is tuned per
cell and task: every rate of the grid trains from the tuning seeds (never reported), and the rate
whose runs reach the lowest mean validation loss is the one the reported seeds train at.

Every row carries its task's ``baseline``, a predictor that needs no recurrent network: the last
value of the window for the two series, always answering 1 for the adding problem (the MSE
of the mean target), and multinomial logistic regression on all 64 pixels for the digits. Its
``error`` is the test MSE, or ``1 - accuracy`` on the digits, and ``ratio`` is ``error`` over the
baseline's error, so every task reads in the same unit (1: no better than the baseline).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.analysis.baselines import LogisticRegressionBaseline, last_value_forecast
from gru_lib.data.adding import adding_task
from gru_lib.data.digits import digits_task
from gru_lib.data.series import noisy_sine, sunspots
from gru_lib.data.windows import chronological_forecasting_task
from gru_lib.models.parameters import regressor_parameters, units_for_parameters
from gru_lib.models.spec import ModelSpec
from gru_lib.studies.members import train_member
from gru_lib.studies.spec import Budget, Member, Study

__all__ = ["CELLS", "CellsConfig", "STUDY", "chosen_rates", "plan", "run_member", "size"]

CELLS = {
    "GRU": ("gru", ()),
    "LSTM": ("lstm", (("unit_forget_bias", True),)),
    "LSTM, equal parameters": ("lstm", (("unit_forget_bias", True),)),
    "LSTM, forget bias 0": ("lstm", (("unit_forget_bias", False),)),
}
FEATURES = {"noisy sine": 1, "sunspots": 1, "digits": 8, "adding": 2}


def _budget(updates: int, patience: int, train_size: int, min_delta: float = 0.0) -> Budget:
    return Budget(updates=updates, batch_size=32, patience=patience, train_size=train_size,
                  min_delta=min_delta)  # fmt: skip


@dataclass(frozen=True)
class CellsConfig:
    """The cells study's configuration; the defaults are the stored study.

    ``tasks`` pairs each task with its cells (keys of :data:`CELLS`); ``budgets`` gives each
    task's :class:`~gru_lib.studies.Budget`, whose ``train_size`` is the task's training set.
    ``solved_seeds`` are the reported seeds of the adding problem, whose outcome is also solved
    (``ratio < threshold``) or not; ``seeds`` those of the other tasks.

    >>> config = CellsConfig()
    >>> size(config)
    147
    """

    tasks: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("noisy sine", ("GRU", "LSTM", "LSTM, equal parameters")),
        ("sunspots", ("GRU", "LSTM", "LSTM, equal parameters")),
        ("digits", ("GRU", "LSTM", "LSTM, equal parameters")),
        ("adding", ("GRU", "LSTM", "LSTM, forget bias 0")),
    )
    units: int = 16
    rates: tuple[float, ...] = (3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)
    tune_seeds: tuple[int, ...] = (1000,)
    seeds: tuple[int, ...] = tuple(range(5))
    solved_seeds: tuple[int, ...] = tuple(range(10))
    window: int = 12
    noise: float = 0.3
    sine_length: int = 14_304  # 10,000 training windows, drawn anew from each seed
    adding_length: int = 40
    adding_sizes: tuple[int, int, int] = (10_000, 1_000, 2_000)
    budgets: tuple[tuple[str, Budget], ...] = field(
        default_factory=lambda: (
            ("noisy sine", _budget(313 * 30, 10, 10_000, 1e-3)),
            ("sunspots", _budget(7 * 600, 60, 205, 1e-3)),
            ("digits", _budget(37 * 150, 15, 1_167, 1e-3)),
            ("adding", _budget(313 * 30, 8, 10_000, 1e-3)),
        )
    )
    threshold: float = 0.05

    def __post_init__(self) -> None:
        checks.instance(self.tasks, "tasks", tuple)
        for task, cells in self.tasks:
            checks.one_of(task, "tasks", list(FEATURES))
            for cell in cells:
                checks.one_of(cell, "tasks", list(CELLS))
        checks.integer(self.units, "units")
        for rate in self.rates:
            checks.positive_number(rate, "rates")
        tuning = set(self.tune_seeds)
        if tuning & (set(self.seeds) | set(self.solved_seeds)):
            raise checks.invalid("tune_seeds", "Tuning seeds must not be reported.")
        for seed in (*self.tune_seeds, *self.seeds, *self.solved_seeds):
            checks.integer(seed, "seeds", minimum=0)
        budgets = dict(self.budgets)
        missing = [task for task, _ in self.tasks if task not in budgets]
        if missing:
            raise checks.invalid("budgets", f"Expected a budget for every task, missing {missing}.")
        for budget in budgets.values():
            checks.instance(budget, "budgets", Budget)
        checks.integer(self.adding_length, "adding_length", minimum=2)
        checks.positive_number(self.threshold, "threshold")

    def budget(self, task: str) -> Budget:
        """The budget of ``task``."""
        return dict(self.budgets)[checks.one_of(task, "task", [t for t, _ in self.tasks])]

    def reported_seeds(self, task: str) -> tuple[int, ...]:
        """The reported seeds of ``task``: :attr:`solved_seeds` for the adding problem."""
        return self.solved_seeds if task == "adding" else self.seeds

    def cell_units(self, cell: str, task: str) -> int:
        """The units of ``cell`` on ``task``: equal parameters match the GRU's regressor.

        >>> CellsConfig().cell_units("LSTM, equal parameters", "noisy sine")
        14
        """
        if cell != "LSTM, equal parameters":
            return self.units
        features = FEATURES[task]
        target = regressor_parameters("gru", units=self.units, features=features)
        return units_for_parameters("lstm", parameters=target, features=features)


def size(config: CellsConfig) -> int:
    """How many members the study has: every tuning run and every reported run.

    >>> size(CellsConfig(tasks=(("sunspots", ("GRU",)),)))  # 6 rates x 1 tune seed + 5 seeds
    11
    """
    checks.instance(config, "config", CellsConfig)
    tuning = len(config.rates) * len(config.tune_seeds)
    return sum(
        len(cells) * (tuning + len(config.reported_seeds(task))) for task, cells in config.tasks
    )


def plan(config: CellsConfig, stored: pd.DataFrame) -> list[Member]:
    """Every tuning member, then the reported members of each (cell, task) whose tuning runs
    are all ``stored``, at the rate they chose.

    >>> members = plan(CellsConfig(), pd.DataFrame({"key": []}))
    >>> len(members), members[0].key
    (72, 'noisy sine/GRU/lr=0.0003/seed=1000')
    """
    checks.instance(config, "config", CellsConfig)
    checks.frame(stored, "stored", ["key"])
    members = [
        _member(task, cell, rate, seed, "tune")
        for task, cells in config.tasks
        for cell in cells
        for rate in config.rates
        for seed in config.tune_seeds
    ]
    choices = chosen_rates(stored, config)
    winners = choices.loc[choices["chosen"].astype(bool)].set_index(["task", "cell"])
    for task, cells in config.tasks:
        for cell in cells:
            if (task, cell) in winners.index:
                rate = float(winners.loc[(task, cell), "learning_rate"])
                members.extend(
                    _member(task, cell, rate, s, "report") for s in config.reported_seeds(task)
                )
    return members


def chosen_rates(table: pd.DataFrame, config: CellsConfig | None = None) -> pd.DataFrame:
    """Per task, cell and rate: the mean best validation loss over the tuning seeds, whether it
    is the lowest (``chosen``), and whether the chosen rate is at the grid's edge.

    >>> rows = [{"key": f"k{i}", "role": "tune", "task": "sunspots", "cell": "GRU",
    ...          "learning_rate": r, "best_val_loss": v} for i, (r, v) in
    ...         enumerate([(1e-3, 0.1), (3e-3, 0.01), (1e-2, 0.02), (3e-2, 0.2)])]
    >>> grid = CellsConfig(rates=(1e-3, 3e-3, 1e-2, 3e-2))
    >>> chosen_rates(pd.DataFrame(rows), grid)["chosen"].tolist()
    [False, True, False, False]
    """
    config = CellsConfig() if config is None else checks.instance(config, "config", CellsConfig)
    columns = ["task", "cell", "learning_rate", "val_loss", "chosen", "at_edge"]
    checks.frame(table, "table", ["key"])
    if "role" not in table.columns:
        return pd.DataFrame(columns=columns)
    tuning = table[table["role"] == "tune"]
    expected = len(config.rates) * len(config.tune_seeds)
    rows = []
    for (task, cell), group in tuning.groupby(["task", "cell"], sort=False):
        if len(group) < expected:
            continue
        losses = group.groupby("learning_rate")["best_val_loss"].mean()
        # NaN (a diverged run) never wins; ties go to the smaller rate.
        best = float(losses.fillna(np.inf).idxmin())
        edge = best in (min(config.rates), max(config.rates))
        for rate, loss in losses.items():
            rows.append([task, cell, float(rate), float(loss), rate == best, edge])
    return pd.DataFrame(rows, columns=columns)


def run_member(config: CellsConfig, member: Member) -> dict:
    """Train one member on its task's data; return its row's results.

    Besides :func:`~gru_lib.studies.members.train_member`'s columns, the row has ``units``,
    ``error``, ``baseline`` (the baseline's error), ``ratio``, ``floor`` (the noisy sine's noise
    floor, the MSE of the noise-free wave; NaN elsewhere) and ``solved`` (``ratio < threshold``).

    >>> config = CellsConfig(tasks=(("sunspots", ("GRU",)),), budgets=(
    ...     ("sunspots", Budget(updates=2, batch_size=32, patience=1, train_size=205)),))
    >>> member = plan(config, pd.DataFrame({"key": []}))[0]
    >>> row = run_member(config, member)
    >>> row["units"], row["updates"], row["ratio"] > 0
    (16, 7, True)
    """
    checks.instance(config, "config", CellsConfig)
    checks.instance(member, "member", Member)
    params = member.params
    task_name, cell, seed = params["task"], params["cell"], params["seed"]
    task, baseline, floor = _task(config, task_name, seed)
    layer, options = CELLS[cell]
    units = config.cell_units(cell, task_name)
    spec = ModelSpec(layer=layer, units=units, learning_rate=params["learning_rate"],
                     label=cell, options=options)  # fmt: skip
    row = train_member(task, spec, seed, config.budget(task_name))
    error = 1.0 - row["test_accuracy"] if task.classes else row["test_mse"]
    ratio = error / baseline
    return {"units": units, "error": error, "baseline": baseline, "ratio": ratio,
            "floor": floor, "solved": bool(ratio < config.threshold), **row}  # fmt: skip


def _task(config: CellsConfig, name: str, seed: int):
    """The task's data (drawn from ``seed`` where it is synthetic), its baseline's error and
    the noise floor (NaN but on the noisy sine)."""
    floor = float("nan")
    if name == "digits":
        task = digits_task(seed=0)  # one fixed split; the seed sets the weights and batches
        logistic = LogisticRegressionBaseline(seed=0).fit(task.x_train, task.y_train)
        return task, 1.0 - float(np.mean(logistic.predict(task.x_test) == task.y_test)), floor
    if name == "adding":
        n_train, n_val, n_test = config.adding_sizes
        task = adding_task(length=config.adding_length, n_train=n_train, n_val=n_val,
                           n_test=n_test, seed=seed)  # fmt: skip
        return task, _mse(task.y_test, np.ones_like(task.y_test)), floor
    if name == "noisy sine":
        series = noisy_sine(length=config.sine_length, noise=config.noise, seed=seed)
    else:
        series = sunspots()[1]
    task = chronological_forecasting_task(series, window=config.window, name=name)
    if name == "noisy sine":
        clean = task.scaler.transform(noisy_sine(length=config.sine_length, noise=0.0))
        floor = _mse(task.y_test, clean[-len(task.y_test) :])
    return task, _mse(task.y_test, last_value_forecast(task.x_test)), floor


def _mse(y: np.ndarray, prediction: np.ndarray) -> float:
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    return float(np.mean((y - np.asarray(prediction, dtype=np.float64).reshape(-1)) ** 2))


def _member(task: str, cell: str, rate: float, seed: int, role: str) -> Member:
    key = f"{task}/{cell}/lr={rate:g}/seed={seed}"
    pairs = (("task", task), ("cell", cell), ("learning_rate", float(rate)), ("seed", int(seed)))
    return Member(key, pairs, role)


STUDY = Study(
    name="cells",
    config=CellsConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/cells.py",
        "gru_lib/studies/members.py",
        "gru_lib/studies/spec.py",
        "gru_lib/training/engine.py",
        "gru_lib/training/program.py",
        "gru_lib/training/records.py",
        "gru_lib/models/build.py",
        "gru_lib/models/spec.py",
        "gru_lib/models/parameters.py",
        "gru_lib/analysis/baselines.py",
        # Each task's data module (the cells are Keras's GRU and LSTM, pinned by the version).
        "gru_lib/data/adding.py",
        "gru_lib/data/digits.py",
        "gru_lib/data/series.py",
        "gru_lib/data/windows.py",
        "gru_lib/data/scaling.py",
        "gru_lib/data/task.py",
    ),
    compared=("error", "best_val_loss", "evaluations"),
    summary="ch. 5: GRU and LSTM on the noisy sine, sunspots, digits and adding problem",
)
