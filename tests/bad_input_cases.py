"""The data of the bad-input registry that :mod:`test_bad_input` checks.

:class:`Case` is one bad call and the argument its ``ValueError`` must name; ``match``, where
given, is a further pattern the message must contain (the bad value, the rule it broke).
``test_bad_input.CASES`` holds one case per public callable (the walk requires one);
:data:`MORE_CASES` holds further cases of the same callables, each keyed by the callable's
qualified name, which the walk checks names a public callable. To add one, write one line:

    ("gru_lib.module.function", case("argument", lambda: function(argument=bad))),
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import keras
import numpy as np
import pandas as pd

from gru_book import explorer
from gru_book import glue as book
from gru_lib import checks
from gru_lib import data as gdata
from gru_lib.analysis import (
    baselines,
    caveats,
    claims,
    connectivity,
    counting,
    counting_study,
    gradients,
    length_scaling,
    memory,
    ngrams,
    seed_table,
    statistics,
    throughput,
    trends,
    verdicts,
)
from gru_lib.analysis.baselines import LogisticRegressionBaseline
from gru_lib.cells.backward import gru_backward
from gru_lib.cells.gru import ScratchGRU
from gru_lib.cells.min_gru import MinGRU, min_gru_layer
from gru_lib.cells.min_gru_reference import min_gru_reference
from gru_lib.data import anbn, text
from gru_lib.data import counting as dcounting
from gru_lib.models import build as models
from gru_lib.models import char_lm, initialisation, parameters
from gru_lib.models.spec import ModelSpec
from gru_lib.plots import classification, comparison, diagram, gates
from gru_lib.plots import counting as pcounting
from gru_lib.plots import length_scaling as plength
from gru_lib.plots import throughput as pthroughput
from gru_lib.studies import char_lm as char_lm_study
from gru_lib.studies import counting as counting_study_module
from gru_lib.studies import practice as practice_study
from gru_lib.studies.spec import Budget
from gru_lib.training import engine, metrics, sweeps, tuning
from gru_lib.training import runs as experiments
from gru_lib.training.engine import TrainingSettings

NAN = np.array([[[np.nan]]], np.float32)


@dataclass(frozen=True)
class Case:
    argument: str | None  # the argument the message must name; None for an exemption
    call: object = None  # a function of no arguments making the bad call
    reason: str = ""
    match: str = ""  # a further regular expression the message must contain


def case(argument: str, call, *, match: str = "") -> Case:
    return Case(argument, call, match=match)


def exempt(reason: str) -> Case:
    return Case(None, None, reason)


NO_ARGUMENTS = "takes no arguments"
ERROR_BUILDER = "builds an error message from the caller's own names"


@cache
def task():
    return gdata.uniform_mean_task(n_train=8, n_val=4, n_test=4, length=3)


@cache
def model():
    return models.build_regressor((3, 1), units=2)


@cache
def scratch_model():
    return models.build_regressor((6, 2), layer="scratch_gru", units=2)


def runs():
    return pd.DataFrame({"task": ["adding"], "model": ["gru"], "seed": [0], "test_mse": [0.1]})


def sweep():
    return pd.DataFrame({"cell": ["GRU"], "length": [10], "seed": [0], "ratio": [0.1]})


def vocabulary():
    return text.CharVocabulary.from_text("ab")


# helpers of MORE_CASES


def adding_problem(**changes):
    return lambda: gdata.adding_problem(**{"samples": 4, "length": 10, **changes})


def selective_copying(**changes):
    return lambda: gdata.selective_copying(**{"samples": 2, "length": 10, **changes})


def run_experiments(**changes):
    kwargs = {"tasks": [task()], "specs": [ModelSpec(units=2)], "seeds": [0], "epochs": 1}
    return lambda: experiments.run_experiments(**{**kwargs, **changes})


def train_step_throughput(**changes):
    return lambda: throughput.train_step_throughput(**changes)


def throughput_table(**changes) -> pd.DataFrame:
    """A table of :func:`throughput.train_step_throughput`'s columns, measured at two lengths."""
    row = {"device": "cpu", "layer": "gru", "time": 5, "units": 4, "batch_size": 4}
    rows = [{**row, "time": time, "steps_per_second": 100.0 / time} for time in (5, 10)]
    return pd.DataFrame(rows).assign(**changes)


def backward_arguments(name: str, change) -> dict:
    """gru_backward's arguments for batch 2, time 3, features 2 and units 4, ``name`` changed."""
    rng = np.random.default_rng(0)
    shapes = {
        "inputs": (2, 3, 2),
        "initial_state": (2, 4),
        "kernel": (2, 12),
        "recurrent_kernel": (4, 12),
        "bias": (2, 12),
        "state_gradients": (2, 3, 4),
    }
    args = {key: rng.normal(scale=0.7, size=shape) for key, shape in shapes.items()}
    return {**args, name: change(args[name])}


def backward(name: str, change) -> Case:
    return case(name, lambda: gru_backward(**backward_arguments(name, change)))


def with_nan(a):
    a = a.copy()
    a.flat[0] = np.nan
    return a


def timings(seconds: list[float], layer: str = "a") -> pd.DataFrame:
    return pd.DataFrame(
        {"layer": layer, "time": [64, 256, 1024][: len(seconds)], "seconds": seconds}
    ).assign(compile_seconds=1.0)


def built_min_gru(features: int = 3) -> MinGRU:
    layer = MinGRU(4)
    layer(np.zeros((2, 5, features), "float32"))
    return layer


def keras_gru_regressor() -> keras.Model:
    inputs = keras.Input((6, 2))
    return keras.Model(inputs, keras.layers.Dense(1)(keras.layers.GRU(2)(inputs)))


def reset_before_regressor() -> keras.Model:
    inputs = keras.Input((12, 2))
    gru = ScratchGRU(2, reset_after=False)
    return keras.Model(inputs, keras.layers.Dense(1)(gru(inputs)))


def walk_with_second_marker(second: int):
    x, _ = explorer.adding_sequence(length=6, first=1, second=4)
    return explorer.walkthrough(scratch_model(), x, first=1, second=second)


def digits(n: int = 60):
    """``n`` random 8x8 images with labels cycling through the ten digits."""
    rng = np.random.default_rng(0)
    return rng.uniform(size=(n, 8, 8)).astype("float32"), np.arange(n, dtype="int32") % 10


def fitted_baseline() -> LogisticRegressionBaseline:
    return LogisticRegressionBaseline().fit(*digits())


def tuned_runs(**changes):
    kwargs = {"tasks": [task()], "specs": [ModelSpec(units=2)], "rates": [0.01], "seeds": [0]}
    kwargs |= {"epochs": 1, "patience": 1}
    return lambda: tuning.tuned_runs(**{**kwargs, **changes})


SWEEP = pd.DataFrame({"cell": ["GRU", "GRU"], "length": [10, 10], "seed": [0, 1],
                      "ratio": [0.01, 0.02]})  # fmt: skip
BAD_SWEEPS = [  # each with the argument its error names
    (None, "sweep"),
    (pd.DataFrame({"cell": []}), "sweep"),
    (SWEEP.iloc[:0], "sweep"),
    (SWEEP.assign(ratio=np.nan), "sweep['ratio']"),
]
SCORES = [0.0102, 0.0121, 0.0110, 0.0098, 0.0115]
ONE_RUN = pd.DataFrame({"task": ["t"], "model": ["a"], "seed": [0], "test_mse": [1.0]})
MEAN = caveats.Baseline(0.160, "predicting the mean")


def scratch_gru_call(state):
    return lambda: ScratchGRU(4)(np.zeros((2, 5, 3), np.float32), initial_state=state)


@cache
def char_model():
    vocabulary = text.CharVocabulary.from_text("abcde ")
    return char_lm.build_char_lm(vocabulary.size, units=8, seed=1), vocabulary


def sample_at(temperature: float):
    def call():
        model, vocabulary = char_model()
        return char_lm.sample_text(model, vocabulary, "ab", length=3, temperature=temperature)

    return call


@cache
def adding_inputs() -> np.ndarray:
    return gdata.adding_problem(samples=2, length=6, seed=0)[0]


@cache
def adding_model():
    return models.build_regressor((6, 2), units=2, seed=0)


def gate_values(r_offset: float = 0.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    values = {name: rng.uniform(size=(3, 12, 4)) for name in ("z", "r")}
    return {**values, "r": values["r"] + r_offset}


def simple_rnn():
    return initialisation.initialised_layer("simple_rnn", units=3, features=2)


def wider_inputs_to(call_trace: bool):
    layer = ScratchGRU(4)
    layer(np.zeros((2, 5, 3), np.float32))
    return layer.trace(np.zeros((2, 5, 2))) if call_trace else layer(np.zeros((2, 5, 4), "float32"))


ADDING = "gru_lib.data.adding.adding_problem"
BACKWARD = "gru_lib.cells.backward.gru_backward"
EXPERIMENTS = "gru_lib.training.runs.run_experiments"
GLUE = "gru_book.glue.glue_all"
MINGRU = "gru_lib.cells.min_gru.MinGRU"
RECURRENT = "gru_lib.models.parameters.recurrent_parameters"
SELECTIVE = "gru_lib.data.selective_copying.selective_copying"
SETTINGS = "gru_lib.training.records.TrainingSettings"
THROUGHPUT = "gru_lib.analysis.throughput.train_step_throughput"
SCRATCH = "gru_lib.cells.gru.ScratchGRU"
COMPARE = "gru_lib.analysis.verdicts.compare_scores"
TO_REFERENCE = "gru_lib.analysis.verdicts.compare_to_reference"
NGRAM = "gru_lib.analysis.ngrams.WittenBellNGram"


def wb(order: int):
    return ngrams.WittenBellNGram(order=order, vocabulary_size=3)


@cache
def fitted_wb():
    return wb(2).fit(np.array([0, 1, 2, 0, 1]))


def lm_config(**changes):
    return char_lm_study.CharLMConfig(**changes)


FRACTIONS = "gru_lib.analysis.verdicts.compare_fractions"
WELCH = "gru_lib.analysis.statistics.welch_interval"
FISHER = "gru_lib.analysis.statistics.fisher_test"
SOLVED = "gru_lib.analysis.statistics.solved_fraction"

MORE_CASES: list[tuple[str, Case]] = [
    # data.reset_sum: a reset probability in [0, 1)
    *[
        (
            "gru_lib.data.reset_sum.reset_sum",
            case("resets", lambda p=p: gdata.reset_sum(samples=2, length=4, resets=p)),
        )
        for p in (1.0, -0.1, float("nan"))
    ],
    # data.adding: integers >= their minimum, neither floats nor booleans
    (ADDING, case("samples", adding_problem(samples=2.5), match="argument `samples`")),
    (ADDING, case("samples", adding_problem(samples=True), match="argument `samples`")),
    (ADDING, case("length", adding_problem(length=1), match="argument `length`")),
    (ADDING, case("length", adding_problem(length=10.0), match="argument `length`")),
    (ADDING, case("length", adding_problem(length=True), match="argument `length`")),
    (ADDING, case("seed", adding_problem(seed=-1), match="argument `seed`")),
    (ADDING, case("seed", adding_problem(seed=1.5), match="argument `seed`")),
    # book glue: keys a role can quote, finite numbers, no yes/no, no lists
    (GLUE, case("values", lambda: book.glue_all({"a b": 1.0}), match="'a b'")),
    (GLUE, case("values['x']", lambda: book.glue_all({"x": float("nan")}), match="finite")),
    (GLUE, case("values['x']", lambda: book.glue_all({"x": True}), match="yes/no")),
    (GLUE, case("values['x']", lambda: book.glue_all({"x": [1, 2]}), match="list")),
    (GLUE, case("values['x']", lambda: book.glue_all({"ok": 1.0, "x": [1, 2]}), match="list")),
    # digits, the baseline and the classification figures
    ("gru_lib.data.digits.digits_task", case("seed", lambda: gdata.digits_task(seed=-1))),
    (
        "gru_lib.data.digits.digits_task",
        case("test_fraction", lambda: gdata.digits_task(test_fraction=0.6)),
    ),
    (
        "gru_lib.data.digits.digits_task",
        case("val_fraction", lambda: gdata.digits_task(val_fraction=0.45, test_fraction=0.45)),
    ),
    (
        "gru_lib.analysis.baselines.LogisticRegressionBaseline",
        case("y", lambda: LogisticRegressionBaseline().fit(digits()[0], digits()[1].astype(float))),
    ),
    (
        "gru_lib.analysis.baselines.LogisticRegressionBaseline",
        case("x", lambda: fitted_baseline().predict(digits()[0][:, :4])),
    ),
    (
        "gru_lib.plots.classification.confusion_matrix",
        case(
            "y_pred",
            lambda: classification.confusion_matrix(np.array([0, 1]), np.array([0, 3]), classes=3),
        ),
    ),
    (
        "gru_lib.plots.classification.misclassified_images",
        case(
            "y_pred",
            lambda: classification.misclassified_images(
                np.zeros((4, 8, 8)), np.arange(4), np.arange(4)
            ),
            match="Nothing is wrong",
        ),
    ),
    # engine
    (
        "gru_lib.training.engine.fit",
        case("model", lambda: engine.fit("model", task(), TrainingSettings(1))),
    ),
    (
        "gru_lib.training.engine.fit",
        case("settings", lambda: engine.fit(model(), task(), {"epochs": 1})),
    ),
    (
        "gru_lib.training.engine.fit",
        case(
            "model",
            lambda: engine.fit(
                keras.Sequential([keras.layers.Dense(1)]), task(), TrainingSettings(1)
            ),
            match="compiled",
        ),
    ),
    (
        "gru_lib.training.engine.run",
        case("seed", lambda: engine.run(task(), ModelSpec(units=2), -1, TrainingSettings(1))),
    ),
    (
        "gru_lib.training.engine.run",
        case("spec", lambda: engine.run(task(), "gru", 0, TrainingSettings(1))),
    ),
    (SETTINGS, case("batch_size", lambda: TrainingSettings(epochs=2, batch_size=2.0))),
    (SETTINGS, case("patience", lambda: TrainingSettings(epochs=2, patience=0))),
    (
        "gru_lib.training.engine.score_predictions",
        case("predictions", lambda: engine.score_predictions(task(), np.zeros(3))),
    ),
    (
        "gru_lib.training.engine.predict",
        case("x", lambda: engine.predict(model(), np.zeros((2, 3)))),
    ),
    (
        "gru_lib.models.build.build_model",
        case(
            "options",
            lambda: models.build_model(ModelSpec(options=(("no_such_option", 1),)), (6, 2)),
        ),
    ),
    # experiments
    (EXPERIMENTS, case("tasks", run_experiments(tasks=[]))),
    (EXPERIMENTS, case("tasks", run_experiments(tasks=["not a task"]), match="TaskData")),
    (
        EXPERIMENTS,
        case("specs", run_experiments(specs=[ModelSpec(units=2)] * 2), match="own name"),
    ),
    (EXPERIMENTS, case("specs", run_experiments(specs=[{"layer": "gru"}]), match="ModelSpec")),
    (EXPERIMENTS, case("seeds", run_experiments(seeds=[]))),
    (EXPERIMENTS, case("seeds", run_experiments(seeds=[0, 0]), match="distinct")),
    (EXPERIMENTS, case("seeds", run_experiments(seeds=[-1]))),
    (EXPERIMENTS, case("executor", run_experiments(executor="threads"))),
    (EXPERIMENTS, case("patience", run_experiments(patience=0))),
    (
        "gru_lib.training.runs.summarize",
        case(
            "results",
            lambda: experiments.summarize(
                pd.DataFrame({"task": ["a"], "model": ["m"], "seed": [0]}), metric="test_mae"
            ),
            match=r"Missing columns \['test_mae'\]",
        ),
    ),
    ("gru_lib.training.runs.summarize", case("results", lambda: experiments.summarize([1, 2, 3]))),
    # explorer: markers in their halves, models it can run
    (
        "gru_book.explorer.adding_sequence",
        case(
            "first", lambda: explorer.adding_sequence(length=12, first=6, second=9), match="first=6"
        ),
    ),
    (
        "gru_book.explorer.adding_sequence",
        case(
            "first",
            lambda: explorer.adding_sequence(length=12, first=-1, second=9),
            match="first=-1",
        ),
    ),
    (
        "gru_book.explorer.adding_sequence",
        case(
            "second",
            lambda: explorer.adding_sequence(length=12, first=2, second=5),
            match="second=5",
        ),
    ),
    (
        "gru_book.explorer.walkthrough",
        case("second", lambda: walk_with_second_marker(1), match="second=1"),
    ),
    (
        "gru_book.explorer.regressor_parts",
        case("model", lambda: explorer.regressor_parts(keras_gru_regressor()), match="'GRU'"),
    ),
    (
        "gru_book.explorer.explorer_data",
        case(
            "model",
            lambda: explorer.explorer_data(reset_before_regressor(), length=12, first=2, second=8),
            match="reset_after=False",
        ),
    ),
    (
        "gru_book.explorer.explorer_data",
        case(
            "model",
            lambda: explorer.explorer_data(
                models.build_regressor((12, 3), layer="scratch_gru", units=2),
                length=12,
                first=2,
                second=8,
            ),
            match="3 input features",
        ),
    ),
    # gru_backward: ranks, widths, NaN and batch sizes of each argument
    (BACKWARD, backward("inputs", lambda a: a[0])),
    (BACKWARD, backward("state_gradients", lambda a: a[0])),
    (BACKWARD, backward("bias", lambda a: a[0])),
    (BACKWARD, backward("recurrent_kernel", lambda a: a[..., :-1])),
    (BACKWARD, backward("kernel", lambda a: a[..., :-1])),
    (BACKWARD, backward("state_gradients", lambda a: a[..., :-1])),
    (BACKWARD, backward("initial_state", with_nan)),
    (BACKWARD, backward("state_gradients", with_nan)),
    (BACKWARD, backward("recurrent_kernel", with_nan)),
    (BACKWARD, backward("initial_state", lambda a: a[:1])),
    # length scaling
    (
        "gru_lib.analysis.length_scaling.forward_backward_seconds",
        case("lengths", lambda: length_scaling.forward_backward_seconds(lengths=())),
    ),
    (
        "gru_lib.analysis.length_scaling.forward_backward_seconds",
        case(
            "lengths",
            lambda: length_scaling.forward_backward_seconds(lengths=(64, 16)),
            match="increasing",
        ),
    ),
    (
        "gru_lib.analysis.length_scaling.forward_backward_seconds",
        case(
            "batch_size",
            lambda: length_scaling.forward_backward_seconds(batch_size=0),
            match="batch_size=0",
        ),
    ),
    (
        "gru_lib.analysis.length_scaling.crossover_length",
        case("table", lambda: length_scaling.crossover_length(pd.DataFrame(), "a", "b")),
    ),
    (
        "gru_lib.analysis.length_scaling.crossover_length",
        case(
            "slower",
            lambda: length_scaling.crossover_length(timings([1, 1, 1]), "a", "gru"),
            match="'gru'",
        ),
    ),
    (
        "gru_lib.plots.length_scaling.seconds_by_length",
        case("table", lambda: plength.seconds_by_length(pd.DataFrame({"layer": []}))),
    ),
    # min_gru
    (MINGRU, case("units", lambda: MinGRU(0), match="units=0")),
    (MINGRU, case("mode", lambda: MinGRU(4, mode="fast"), match="mode='fast'")),
    (MINGRU, case("return_sequences", lambda: MinGRU(4, return_sequences="yes"), match="'yes'")),
    (MINGRU, case("inputs", lambda: MinGRU(4)(np.zeros((2, 3), "float32")), match="rank 3")),
    (MINGRU, case("inputs", lambda: MinGRU(4).build((None, 5, None)), match="features")),
    (
        MINGRU,
        case(
            "inputs",
            lambda: built_min_gru()(np.zeros((2, 5, 2), "float32")),
            match="Expected 3 features",
        ),
    ),
    (
        MINGRU,
        case(
            "initial_state",
            lambda: built_min_gru()(
                np.zeros((2, 5, 3), "float32"), initial_state=np.zeros((2, 3), "float32")
            ),
            match=r"\(batch, 4\)",
        ),
    ),
    (MINGRU, case("inputs", lambda: MinGRU(4)(keras.Input((None, 3))), match="known sizes")),
    (
        "gru_lib.cells.min_gru.min_gru_layer",
        case("activation", lambda: min_gru_layer(4, "relu"), match="'relu'"),
    ),
    (
        "gru_lib.cells.min_gru_reference.min_gru_reference",
        case(
            "kernel", lambda: min_gru_reference(np.zeros((1, 2, 3)), np.zeros((2, 4)), np.zeros(4))
        ),
    ),
    # parameters
    (
        RECURRENT,
        case("layer", lambda: parameters.recurrent_parameters("transformer", units=4, features=1)),
    ),
    (
        RECURRENT,
        case("features", lambda: parameters.recurrent_parameters("gru", units=4, features=1.5)),
    ),
    (
        RECURRENT,
        case(
            "reset_after",
            lambda: parameters.recurrent_parameters("gru", units=4, features=1, reset_after="yes"),
        ),
    ),
    (
        "gru_lib.models.parameters.units_for_parameters",
        case(
            "parameters", lambda: parameters.units_for_parameters("lstm", parameters=0, features=1)
        ),
    ),
    (
        "gru_lib.models.parameters.parameter_table",
        case(
            "layers",
            lambda: parameters.parameter_table(units=[3], features=1, layers=["transformer"]),
        ),
    ),
    # the throughput figure
    (
        "gru_lib.plots.throughput.throughput_ratios",
        case(
            "table",
            lambda: pthroughput.throughput_ratios(
                pd.DataFrame({"layer": ["gru"], "ratio_to_gru": [1.0]})
            ),
        ),
    ),
    (
        "gru_lib.plots.throughput.throughput_ratios",
        case(
            "budget",
            lambda: pthroughput.throughput_ratios(
                pd.DataFrame(
                    {
                        "device": ["cpu"],
                        "layer": ["gru"],
                        "time": [5],
                        "units": [4],
                        "ratio_to_gru": [1.0],
                    }
                ),
                budget=-1.0,
            ),
        ),
    ),
    # seed table
    (
        "gru_lib.analysis.seed_table.mean_std_table",
        case("metrics", lambda: seed_table.mean_std_table(runs(), {})),
    ),
    (
        "gru_lib.analysis.seed_table.mean_std_table",
        case(
            "metrics",
            lambda: seed_table.mean_std_table(runs(), {"sunspots": "test_mse"}),
            match="sunspots",
        ),
    ),
    # selective copying
    (SELECTIVE, case("length", selective_copying(length=7, tokens=4), match="length=7")),
    (SELECTIVE, case("vocabulary", selective_copying(vocabulary=1), match="vocabulary=1")),
    (SELECTIVE, case("tokens", selective_copying(tokens=0))),
    (SELECTIVE, case("seed", selective_copying(seed=-1))),
    # throughput
    (THROUGHPUT, case("layers", train_step_throughput(layers=("scratch_gru", "lstm")))),  # no GRU
    (THROUGHPUT, case("layers", train_step_throughput(layers=("gru", "gru")))),
    (THROUGHPUT, case("layers", train_step_throughput(layers=("gru", "transformer")))),
    (THROUGHPUT, case("layers", train_step_throughput(layers="gru"))),
    (THROUGHPUT, case("times", train_step_throughput(times=()))),
    (THROUGHPUT, case("units", train_step_throughput(units=(32, 0)))),
    (THROUGHPUT, case("batch_size", train_step_throughput(batch_size=2.0))),
    (THROUGHPUT, case("steps", train_step_throughput(steps=0))),
    (THROUGHPUT, case("warmup", train_step_throughput(warmup=0))),
    (THROUGHPUT, case("device", train_step_throughput(device="tpu"))),
    (THROUGHPUT, case("seed", train_step_throughput(seed=-1))),
    (
        "gru_lib.analysis.throughput.step_cost",
        case("table", lambda: throughput.step_cost(throughput_table(time=5)), match="two or more"),
    ),
    (
        "gru_lib.analysis.throughput.step_cost",
        case(
            "table",
            lambda: throughput.step_cost(throughput_table().drop(columns="steps_per_second")),
        ),
    ),
    # caveats
    (
        "gru_lib.analysis.caveats.Baseline",
        case("score", lambda: caveats.Baseline(1.0, higher_is_better=True)),
    ),
    ("gru_lib.analysis.caveats.Baseline", case("name", lambda: caveats.Baseline(0.1, ""))),
    ("gru_lib.analysis.caveats.Baseline", case("band", lambda: caveats.Baseline(0.1, band=1.5))),
    (
        "gru_lib.analysis.caveats.Baseline",
        case("higher_is_better", lambda: caveats.Baseline(0.1, higher_is_better=1)),
    ),
    (
        "gru_lib.analysis.caveats.against_baseline",
        case("scores", lambda: caveats.against_baseline({"GRU": [0.1, float("nan")]}, MEAN)),
    ),
    (
        "gru_lib.analysis.caveats.against_baseline",
        case("baseline", lambda: caveats.against_baseline({"GRU": 0.1}, 0.16)),
    ),
    (
        "gru_lib.analysis.caveats.rate_choices",
        case("chosen", lambda: caveats.rate_choices({"GRU": "0.01"}, [0.01, 0.03])),
    ),
    (
        "gru_lib.analysis.caveats.rate_choices",
        case("grid", lambda: caveats.rate_choices({"GRU": 0.01}, [-0.01, 0.01])),
    ),
    (
        "gru_lib.analysis.caveats.rate_choices",
        case("what", lambda: caveats.rate_choices({"GRU": 0.01}, [0.01], what="")),
    ),
    # claims
    ("gru_lib.analysis.claims.require", case("message", lambda: claims.require(True, ""))),
    (
        "gru_lib.analysis.claims.require",
        case("condition", lambda: claims.require(np.array([True, False]), "an array")),
    ),
    (
        "gru_lib.analysis.claims.require_kind",
        case(
            "kinds",
            lambda: claims.require_kind(verdicts.compare_scores([1.0, 2.0], [1.0, 2.0]), "better"),
        ),
    ),
    (
        "gru_lib.analysis.claims.require_kind",
        case("kinds", lambda: claims.require_kind(verdicts.compare_scores([1.0, 2.0], [1.0, 2.0]))),
    ),
    (
        "gru_lib.analysis.claims.format_numbers",
        case("values", lambda: claims.format_numbers([np.inf])),
    ),
    (
        "gru_lib.analysis.claims.format_numbers",
        case("digits", lambda: claims.format_numbers([1.0], digits=0)),
    ),
    (
        "gru_lib.analysis.claims.format_numbers",
        case("each", lambda: claims.format_numbers([1.0], each="no")),
    ),
    ("gru_lib.analysis.claims.listing", case("conjunction", lambda: claims.listing(["a"], ""))),
    # counting
    (
        "gru_lib.data.counting.encode_strings",
        case("length", lambda: dcounting.encode_strings([(3, 3)], length=5)),
    ),
    (
        "gru_lib.data.counting.encode_strings",
        case("pairs", lambda: dcounting.encode_strings([], length=5)),
    ),
    (
        "gru_lib.data.counting.encode_strings",
        case("pairs", lambda: dcounting.encode_strings([(-1, 2)], length=5)),
    ),
    (
        "gru_lib.analysis.counting.counting_runs",
        case(
            "test_n",
            lambda: counting.counting_runs(
                {"GRU": "gru"},
                largest_n=4,
                test_n=2,
                seeds=[0],
                units=2,
                rates=[0.01],
                epochs=1,
                patience=1,
            ),
        ),
    ),
    (
        "gru_lib.analysis.counting.longest_counted",
        case("table", lambda: counting.longest_counted(pd.DataFrame())),
    ),
    # data.series
    ("gru_lib.data.series.noisy_sine", case("noise", lambda: gdata.noisy_sine(noise=-0.1))),
    ("gru_lib.data.series.noisy_sine", case("period", lambda: gdata.noisy_sine(period=0))),
    ("gru_lib.data.series.noisy_sine", case("seed", lambda: gdata.noisy_sine(seed=-1))),
    # memory
    (
        "gru_lib.analysis.connectivity.input_gradients",
        case(
            "channel", lambda: connectivity.input_gradients(model(), np.zeros((1, 4, 2)), channel=2)
        ),
    ),
    *[
        (
            f"gru_lib.analysis.memory.{summary.__name__}",
            case(argument, lambda s=summary, b=bad: s(b, threshold=0.05)),
        )
        for summary in (memory.memory_summary, memory.solved_table, memory.longest_solved)
        for bad, argument in BAD_SWEEPS
    ],
    *[
        (
            "gru_lib.analysis.memory.memory_summary",
            case("threshold", lambda t=t: memory.memory_summary(SWEEP, threshold=t)),
        )
        for t in (0, float("nan"), "0.05")
    ],
    # models and training
    *[
        (
            "gru_lib.models.build.build_regressor",
            case(name, lambda kw=kwargs: models.build_regressor((4, 1), **kw)),
        )
        for kwargs, name in [
            ({"units": -2}, "units"),
            ({"units": 3.5}, "units"),
            ({"layer": "transformer"}, "layer"),
            ({"activation": "gelu"}, "activation"),
            ({"optimizer": "adamw"}, "optimizer"),
            ({"learning_rate": 0}, "learning_rate"),
            ({"clipnorm": -1.0}, "clipnorm"),
        ]
    ],
    *[
        (SETTINGS, case("epochs", lambda e=epochs: TrainingSettings(epochs=e)))
        for epochs in (-1, 2.0)
    ],
    # scratch_gru
    *[(SCRATCH, case("units", lambda u=units: ScratchGRU(u))) for units in (-2, 2.5, True, "8")],
    *[
        (SCRATCH, case(name, lambda n=name: ScratchGRU(4, **{n: "yes"})))
        for name in ("reset_after", "return_sequences", "reset_gate")
    ],
    *[
        (
            SCRATCH,
            case(
                "sequences", lambda s=shape: ScratchGRU(4)(np.zeros(s, np.float32)), match="rank 3"
            ),
        )
        for shape in ((5, 2), (2, 5, 2, 1))
    ],
    *[
        (SCRATCH, case("x", lambda s=shape: ScratchGRU(4).trace(np.zeros(s)), match="rank 3"))
        for shape in ((5, 2), (2, 5, 2, 1))
    ],
    (
        SCRATCH,
        case(
            "initial_state",
            scratch_gru_call(np.zeros((2, 3), np.float32)),
            match=r"\(batch, 4\).*\(2, 3\)",
        ),
    ),
    (
        SCRATCH,
        case(
            "initial_state",
            scratch_gru_call(np.zeros((5, 4), np.float32)),
            match=r"\(batch, 4\).*\(5, 4\)",
        ),
    ),
    (
        SCRATCH,
        case(
            "initial_state",
            scratch_gru_call(np.zeros(4, np.float32)),
            match=r"\(batch, 4\).*\(4,\)",
        ),
    ),
    (
        SCRATCH,
        case(
            "initial_state",
            scratch_gru_call([np.zeros((2, 4), np.float32)] * 2),
            match=r"\(batch, 4\).*a list of 2",
        ),
    ),
    # statistics
    (WELCH, case("second", lambda: statistics.welch_interval([1.0, 2.0], [np.nan, 1.0]))),
    (WELCH, case("first", lambda: statistics.welch_interval("12", [1.0, 2.0]))),
    (WELCH, case("first", lambda: statistics.welch_interval([[1.0, 2.0]], [1.0, 2.0]))),
    (
        WELCH,
        case(
            "confidence", lambda: statistics.welch_interval([1.0, 2.0], [1.0, 2.0], confidence=1.0)
        ),
    ),
    (
        WELCH,
        case("confidence", lambda: statistics.welch_interval([1.0, 2.0], [1.0, 2.0], confidence=0)),
    ),
    (
        "gru_lib.analysis.statistics.verdict",
        case("interval", lambda: statistics.verdict((0.0, -1.0, 1.0))),
    ),
    (SOLVED, case("successes", lambda: statistics.solved_fraction(-1, 5))),
    (SOLVED, case("successes", lambda: statistics.solved_fraction(True, 5))),
    (SOLVED, case("trials", lambda: statistics.solved_fraction(1, 0))),
    (
        "gru_lib.analysis.statistics.Proportion",
        case("confidence", lambda: statistics.Proportion(1, 5, 0.2, 0.0, 0.7, 1.5)),
    ),
    (FISHER, case("second", lambda: statistics.fisher_test((1, 5), (1.0, 5)))),
    (FISHER, case("second", lambda: statistics.fisher_test((1, 5), [1, 5]))),
    (FISHER, case("alpha", lambda: statistics.fisher_test((1, 5), (1, 5), alpha=1.0))),
    (
        "gru_lib.analysis.statistics.compare_intervals",
        case(
            "results",
            lambda: statistics.compare_intervals(pd.DataFrame({"task": []}), [("a", "b")]),
        ),
    ),
    (
        "gru_lib.analysis.statistics.compare_intervals",
        case("results", lambda: statistics.compare_intervals(None, [("a", "b")])),
    ),
    (
        "gru_lib.analysis.statistics.compare_intervals",
        case("pairs", lambda: statistics.compare_intervals(ONE_RUN, [])),
    ),
    (
        "gru_lib.analysis.statistics.compare_intervals",
        case("pairs", lambda: statistics.compare_intervals(ONE_RUN, ["ab"])),
    ),
    # trends
    (
        "gru_lib.analysis.trends.compare_change",
        case("after", lambda: trends.compare_change(1.0, float("nan"))),
    ),
    (
        "gru_lib.analysis.trends.compare_change",
        case("band", lambda: trends.compare_change(1.0, 2.0, band=1.0)),
    ),
    (
        "gru_lib.analysis.trends.compare_change",
        case("what", lambda: trends.compare_change(1.0, 2.0, what="")),
    ),
    (
        "gru_lib.analysis.trends.compare_change",
        case("digits", lambda: trends.compare_change(1.0, 2.0, digits=0)),
    ),
    (
        "gru_lib.analysis.trends.curve_trend",
        case("curve", lambda: trends.curve_trend([1.0, 0.5], last=2)),
    ),
    ("gru_lib.analysis.trends.curve_trend", case("curve", lambda: trends.curve_trend([0.0, 0.5]))),
    (
        "gru_lib.analysis.trends.curve_trend",
        case("curve", lambda: trends.curve_trend([[1.0, 0.5]])),
    ),
    (
        "gru_lib.analysis.trends.curve_trend",
        case("step", lambda: trends.curve_trend([1.0, 0.5], last=1, step="")),
    ),
    # tuning
    *[
        ("gru_lib.training.tuning.tuned_runs", case(name, tuned_runs(**{name: value})))
        for name, value in [
            ("rates", [0.01, 0.01]),
            ("rates", [0.0]),
            ("rates", "0.01"),
            ("specs", []),
            ("specs", ["gru"]),
        ]
    ],
    *[
        (
            "gru_lib.training.tuning.tuned_runs",
            case("tune_seeds", tuned_runs(seeds=[0, 1], tune_seeds=seeds)),
        )
        for seeds in ([], [5])
    ],
    # verdicts
    (COMPARE, case("second", lambda: verdicts.compare_scores([1.0, 2.0], [1.0, np.inf]))),
    (COMPARE, case("names", lambda: verdicts.compare_scores(SCORES, SCORES, names=("GRU", "GRU")))),
    (COMPARE, case("names", lambda: verdicts.compare_scores(SCORES, SCORES, names=("GRU", "")))),
    (COMPARE, case("baseline", lambda: verdicts.compare_scores(SCORES, SCORES, baseline=0.16))),
    (COMPARE, case("grid", lambda: verdicts.compare_scores(SCORES, SCORES, rates=(0.01, 0.03)))),
    (COMPARE, case("rates", lambda: verdicts.compare_scores(SCORES, SCORES, grid=[0.01, 0.03]))),
    (
        COMPARE,
        case(
            "rates",
            lambda: verdicts.compare_scores(SCORES, SCORES, rates=(0.02, 0.03), grid=[0.01, 0.03]),
        ),
    ),
    (COMPARE, case("confidence", lambda: verdicts.compare_scores(SCORES, SCORES, confidence=95))),
    (COMPARE, case("digits", lambda: verdicts.compare_scores(SCORES, SCORES, digits=0))),
    (COMPARE, case("metric", lambda: verdicts.compare_scores(SCORES, SCORES, metric=""))),
    (FRACTIONS, case("second", lambda: verdicts.compare_fractions((1, 5), [1, 5]))),
    (FRACTIONS, case("alpha", lambda: verdicts.compare_fractions((1, 5), (1, 5), alpha=0.0))),
    (FRACTIONS, case("outcome", lambda: verdicts.compare_fractions((1, 5), (1, 5), outcome=""))),
    # checks
    *[
        ("gru_lib.checks.integer", case("units", lambda b=bad: checks.integer(b, "units")))
        for bad in (0, -3, 2.0, True, "4", None)
    ],
    *[
        (
            "gru_lib.checks.positive_number",
            case("learning_rate", lambda b=bad: checks.positive_number(b, "learning_rate")),
        )
        for bad in (-1.0, float("nan"), float("inf"), False)
    ],
    # comparison plots: a table without the needed columns
    *[
        (
            f"gru_lib.plots.comparison.{plot.__name__}",
            case("results", lambda p=plot: p(pd.DataFrame({"task": ["a"], "model": ["m"]}))),
        )
        for plot in (comparison.metric_by_model, comparison.seconds_per_epoch)
    ],
    # char_lm
    *[
        ("gru_lib.models.char_lm.sample_text", case("temperature", sample_at(t)))
        for t in (0.0, -1.0)
    ],
    # connectivity
    (
        "gru_lib.analysis.connectivity.input_gradients",
        case("model", lambda: connectivity.input_gradients("model", adding_inputs())),
    ),
    (
        "gru_lib.analysis.connectivity.input_gradients",
        case("x", lambda: connectivity.input_gradients(adding_model(), adding_inputs()[0])),
    ),
    (
        "gru_lib.analysis.connectivity.input_gradients",
        case("x", lambda: connectivity.input_gradients(adding_model(), adding_inputs() * np.nan)),
    ),
    *[
        (
            "gru_lib.analysis.connectivity.marker_steps",
            case("x", lambda f=f: connectivity.marker_steps(np.zeros((2, 6, f), np.float32))),
        )
        for f in (2, 3)
    ],
    *[
        (
            "gru_lib.analysis.connectivity.marker_contrast",
            case("gradients", lambda g=g: connectivity.marker_contrast(g, adding_inputs())),
        )
        for g in (np.ones((2, 5)), np.ones(6))
    ],
    # gate heatmaps and the cell diagram
    (
        "gru_lib.plots.gates.gate_heatmaps",
        case("gates['r']", lambda: gates.gate_heatmaps(gate_values(1.0), np.zeros((3, 12)))),
    ),
    (
        "gru_lib.plots.gates.gate_heatmaps",
        case("events", lambda: gates.gate_heatmaps(gate_values(), np.zeros((3, 5)))),
    ),
    (
        "gru_lib.plots.diagram.gru_cell_diagram",
        case("reset_after", lambda: diagram.gru_cell_diagram(reset_after="after")),
    ),
    # windows
    (
        "gru_lib.data.windows.sliding_windows",
        case(
            "window",
            lambda: gdata.sliding_windows(np.arange(5.0), window=5),
            match="shorter than the series",
        ),
    ),
    (
        "gru_lib.data.windows.sliding_windows",
        case("series", lambda: gdata.sliding_windows(np.zeros((5, 2)), window=2), match="rank 1"),
    ),
    (
        "gru_lib.data.windows.chronological_forecasting_task",
        case(
            "window",
            lambda: gdata.chronological_forecasting_task(np.arange(30.0), window=25, name="short"),
        ),
    ),
    (
        "gru_lib.data.windows.chronological_forecasting_task",
        case(
            "test_fraction",
            lambda: gdata.chronological_forecasting_task(
                np.arange(100.0), window=5, name="x", test_fraction=0.6
            ),
        ),
    ),
    # build_regressor's input shape
    (
        "gru_lib.models.build.build_regressor",
        case("input_shape", lambda: models.build_regressor((4,))),
    ),
    (
        "gru_lib.models.build.build_regressor",
        case("input_shape[0] (time)", lambda: models.build_regressor((0, 1))),
    ),
    # ScratchGRU's inputs
    (
        SCRATCH,
        case(
            "mask",
            lambda: ScratchGRU(4)(np.zeros((2, 5, 3), np.float32), mask=np.ones((2, 5), bool)),
            match=r"\(2, 5\)",
        ),
    ),
    (
        SCRATCH,
        case(
            "sequences",
            lambda: wider_inputs_to(call_trace=False),
            match=r"Expected 3 features.*\(2, 5, 4\)",
        ),
    ),
    (SCRATCH, case("x", lambda: wider_inputs_to(call_trace=True), match="Expected 3 features")),
    (SCRATCH, case("x", lambda: ScratchGRU(4).trace(np.full((1, 3, 2), np.nan)), match="NaN")),
    # text: the n-gram baseline and sampling
    (
        "gru_lib.analysis.baselines.CharNGram",
        case("order", lambda: baselines.CharNGram(order=3, vocabulary_size=5)),
    ),
    (
        "gru_lib.analysis.baselines.CharNGram",
        case(
            "codes", lambda: baselines.CharNGram(order=1, vocabulary_size=5).fit(np.array([0, 5]))
        ),
    ),
    (
        "gru_lib.models.char_lm.sample_text",
        case("text", lambda: char_lm.sample_text(*char_model(), "", length=3, temperature=1.0)),
    ),
    (
        "gru_lib.models.char_lm.sample_text",
        case(
            "vocabulary",
            lambda: char_lm.sample_text(
                char_model()[0], text.CharVocabulary.from_text("xy"), "x", length=3, temperature=1.0
            ),
        ),
    ),
    # the char_lm study's n-grams and its verdict
    (NGRAM, case("codes", lambda: wb(2).fit(np.array([0, 3])), match=r"\[0, 3\)")),
    (NGRAM, case("codes", lambda: wb(3).fit(np.array([0, 1])), match="at least order=3")),
    (NGRAM, case("codes", lambda: wb(2).fit(np.array([0.0, 1.0])), match="float64")),
    (NGRAM, case("vocabulary_size", lambda: ngrams.WittenBellNGram(order=2, vocabulary_size=1))),
    (NGRAM, case("inputs", lambda: fitted_wb().cross_entropy(np.array([0, 1]), np.array([1, 0])))),
    (
        NGRAM,
        case(
            "targets", lambda: fitted_wb().cross_entropy(np.zeros((1, 2), int), np.full((1, 2), 7))
        ),
    ),
    (
        NGRAM,
        case(
            "inputs",
            lambda: fitted_wb().cross_entropy(np.zeros((1, 2), int), np.zeros((1, 3), int)),
        ),
    ),
    (NGRAM, case("target", lambda: fitted_wb().probability(5, [0]))),
    (NGRAM, case("context", lambda: fitted_wb().probability(0, [-1]))),
    (TO_REFERENCE, case("scores", lambda: verdicts.compare_to_reference([1.0], 1.0))),
    (
        TO_REFERENCE,
        case("names", lambda: verdicts.compare_to_reference(SCORES, 1.0, names=("a", "a"))),
    ),
    (TO_REFERENCE, case("grid", lambda: verdicts.compare_to_reference(SCORES, 1.0, rate=0.01))),
    (TO_REFERENCE, case("rate", lambda: verdicts.compare_to_reference(SCORES, 1.0, grid=[0.01]))),
    (
        TO_REFERENCE,
        case(
            "rate", lambda: verdicts.compare_to_reference(SCORES, 1.0, rate=0.02, grid=[0.01, 0.03])
        ),
    ),
    (
        TO_REFERENCE,
        case("baseline", lambda: verdicts.compare_to_reference(SCORES, 1.0, baseline=2.0)),
    ),
    (TO_REFERENCE, case("metric", lambda: verdicts.compare_to_reference(SCORES, 1.0, metric=""))),
    ("gru_lib.studies.char_lm.CharLMConfig", case("rates", lambda: lm_config(rates=()))),
    ("gru_lib.studies.char_lm.CharLMConfig", case("orders", lambda: lm_config(orders=(1,)))),
    ("gru_lib.studies.char_lm.CharLMConfig", case("characters", lambda: lm_config(characters=5))),
    ("gru_lib.studies.char_lm.plan", case("stored", lambda: char_lm_study.plan(lm_config(), "s"))),
    (
        "gru_lib.studies.char_lm.run_member",
        case("member", lambda: char_lm_study.run_member(lm_config(), "m")),
    ),
    (
        "gru_lib.studies.practice.PracticeConfig",
        case("rates", lambda: practice_study.PracticeConfig(rates=())),
    ),
    (
        "gru_lib.studies.practice.PracticeConfig",
        case("tag_window", lambda: practice_study.PracticeConfig(tag_window=1)),
    ),
    (
        "gru_lib.studies.practice.plan",
        case("stored", lambda: practice_study.plan(practice_study.PracticeConfig(), "s")),
    ),
    (
        "gru_lib.studies.practice.run_member",
        case(
            "member",
            lambda: practice_study.run_member(practice_study.PracticeConfig(), "m"),
        ),
    ),
    # gradients and initialisation
    (
        "gru_lib.analysis.gradients.gradient_norms_by_distance",
        case("x", lambda: gradients.gradient_norms_by_distance(simple_rnn(), np.ones((4, 2)))),
    ),
    (
        "gru_lib.analysis.gradients.gradient_norms_by_distance",
        case(
            "rnn",
            lambda: gradients.gradient_norms_by_distance("gru", np.ones((3, 12, 2), "float32")),
        ),
    ),
    (
        "gru_lib.models.initialisation.set_spectral_radius",
        case(
            "rnn",
            lambda: initialisation.set_spectral_radius(
                initialisation.initialised_layer("gru", units=3, features=2), 1.0
            ),
        ),
    ),
    (
        "gru_lib.models.initialisation.set_spectral_radius",
        case("radius", lambda: initialisation.set_spectral_radius(simple_rnn(), 0.0)),
    ),
    (
        "gru_lib.models.initialisation.initialised_layer",
        case("layer", lambda: initialisation.initialised_layer("transformer", units=3, features=2)),
    ),
    (
        "gru_lib.models.initialisation.simple_rnn_with_radius",
        case("units", lambda: initialisation.simple_rnn_with_radius(2.5, 2, 1.0)),
    ),
    # sweeps
    (
        "gru_lib.training.sweeps.one_at_a_time",
        case(
            "variations",
            lambda: sweeps.one_at_a_time(
                task(), ModelSpec(), {"dropout": [0.1]}, seeds=[0], epochs=1
            ),
            match="'dropout'",
        ),
    ),
    # metrics
    (
        "gru_lib.training.metrics.mean_squared_error",
        case(
            "y_true",
            lambda: metrics.mean_squared_error(np.zeros(3), np.zeros(4)),
            match="same length",
        ),
    ),
    (
        "gru_lib.training.metrics.mean_absolute_error",
        case(
            "y_pred",
            lambda: metrics.mean_absolute_error(np.zeros(2), np.array([0.0, np.nan])),
            match="NaN",
        ),
    ),
    # checks.finite_array and checks.one_of: the rule broken and the value received
    (
        "gru_lib.checks.finite_array",
        case(
            "x",
            lambda: checks.finite_array(np.zeros((4, 2)), "x", ndim=3),
            match=r"rank 3.*\(4, 2\)",
        ),
    ),
    *[
        (
            "gru_lib.checks.finite_array",
            case(
                "x", lambda v=v: checks.finite_array(np.array([1.0, v]), "x", ndim=1), match="NaN"
            ),
        )
        for v in (np.nan, np.inf)
    ],
    (
        "gru_lib.checks.finite_array",
        case("x", lambda: checks.finite_array(np.zeros((0,)), "x", ndim=1), match="non-empty"),
    ),
    (
        "gru_lib.checks.finite_array",
        case("x", lambda: checks.finite_array(np.array(["a", "b"]), "x", ndim=1), match="numbers"),
    ),
    (
        "gru_lib.checks.one_of",
        case(
            "optimizer",
            lambda: checks.one_of("adamw", "optimizer", ["adam", "sgd"]),
            match=r"\['adam', 'sgd'\].*'adamw'",
        ),
    ),
    # counting study: data, configuration, summaries, figure
    (
        "gru_lib.data.anbn.encode_aligned",
        case("strings", lambda: anbn.encode_aligned([], length=4)),
    ),
    (
        "gru_lib.data.anbn.encode_aligned",
        case("strings", lambda: anbn.encode_aligned(["abc"], length=4)),
    ),
    ("gru_lib.data.anbn.anbn_task", case("train_n", lambda: anbn.anbn_task(train_n=0, test_n=2))),
    (
        "gru_lib.studies.counting.CountingConfig",
        case("test_n", lambda: counting_study_module.CountingConfig(train_n=5, test_n=4)),
    ),
    (
        "gru_lib.studies.counting.CountingConfig",
        case(
            "budget",
            lambda: counting_study_module.CountingConfig(
                budget=Budget(updates=1, batch_size=1, patience=1, train_size=10)
            ),
        ),
    ),
    (
        "gru_lib.analysis.counting_study.counting_summary",
        case("table", lambda: counting_study.counting_summary(pd.DataFrame(columns=_COUNTING_ROW))),
    ),
    (
        "gru_lib.analysis.counting_study.beyond_check",
        case(
            "summary",
            lambda: counting_study.beyond_check(
                pd.DataFrame(
                    {
                        "cell": ["GRU", "LSTM"],
                        "beyond_accuracy": [0.9, 0.8],
                        "reject_beyond": [0.8, 0.7],
                    }
                ),
                train_n=2,
            ),
            match="one reject_beyond",
        ),
    ),
    (
        "gru_lib.plots.counting.counting_accuracy",
        case(
            "reject",
            lambda: pcounting.counting_accuracy(
                pd.DataFrame({"cell": "GRU", "seed": 0, "n": [1], "accuracy": [1.0]}),
                largest_n=1,
                reject=[0.8],
            ),
        ),
    ),
]

_COUNTING_ROW = ["cell", "seed", "solved", "trained_accuracy", "beyond_accuracy",
                 "reject_trained", "reject_beyond", "longest_n"]  # fmt: skip
