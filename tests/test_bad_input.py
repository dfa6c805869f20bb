"""Every public callable of gru_lib rejects bad input with a ValueError naming the argument.

The walk visits every module of the package, reads its ``__all__`` (a module without one fails),
and keeps the callables defined there. Each must have an entry in :data:`CASES`, keyed by its
qualified name: a bad call and the argument its error must name. A new public function without
an entry fails :func:`test_every_public_callable_has_a_bad_input_case`. To add one, write one line:

    "gru_lib.module.function": case("argument", lambda: function(argument=bad)),

Callables with nothing to reject (no arguments, or the error builders of ``checks``) are listed
with :func:`exempt` and a reason; the walk checks that a no-argument exemption really takes none.

Further cases of the same callables (more bad values, or a pattern the message must also show)
live in ``bad_input_cases.MORE_CASES``, beside the shared helpers; every bad-input case of the
suite is in one of the two, and the same test runs them all.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import io
import pkgutil
import re

import keras
import numpy as np
import pandas as pd
import pytest
from bad_input_cases import (
    ERROR_BUILDER,
    MORE_CASES,
    NAN,
    NO_ARGUMENTS,
    Case,
    case,
    exempt,
    model,
    scratch_model,
    sweep,
    task,
    vocabulary,
)

import gru_book
import gru_lib
from gru_book import explorer, svg_figure
from gru_book import glue as book
from gru_lib import checks, runtime, xla_cache
from gru_lib import data as gdata
from gru_lib import plots as gplots
from gru_lib.analysis import (
    baselines,
    caveats,
    claims,
    connectivity,
    counting,
    counting_study,
    cudnn,
    forecasting,
    gradients,
    holding,
    length_scaling,
    masking,
    memory,
    ngrams,
    seed_table,
    state,
    statistics,
    throughput,
    timings,
    trends,
    verdicts,
)
from gru_lib.cells import backward, closed_form, min_gru, min_gru_reference, scan
from gru_lib.cells import gru as scratch_gru
from gru_lib.cli import main as cli
from gru_lib.cli import progress, runner
from gru_lib.data import anbn, tasks, text
from gru_lib.data import counting as dcounting
from gru_lib.models import build as models
from gru_lib.models import char_lm as language_model
from gru_lib.models import initialisation, parameters
from gru_lib.models import spec as specs
from gru_lib.plots import classification, comparison, diagram, gates, line_record, style
from gru_lib.plots import counting as pcounting
from gru_lib.plots import gradients as pgradients
from gru_lib.plots import length_scaling as plength
from gru_lib.plots import memory as pmemory
from gru_lib.plots import states as pstates
from gru_lib.plots import sweeps as psweeps
from gru_lib.plots import throughput as pthroughput
from gru_lib.plots import training as ptraining
from gru_lib.studies import cell_speed, freshness, memory_models, provenance, registry, storage
from gru_lib.studies import cells as cells_study
from gru_lib.studies import char_lm as char_lm_study
from gru_lib.studies import cli as studies_cli
from gru_lib.studies import counting as counting_study_module
from gru_lib.studies import members as study_members
from gru_lib.studies import memory as memory_study
from gru_lib.studies import mingru as mingru_study
from gru_lib.studies import mingru_speed as speed_study
from gru_lib.studies import practice as practice_study
from gru_lib.studies import report as study_report
from gru_lib.studies import reproduce as study_reproduce
from gru_lib.studies import runner as study_runner
from gru_lib.studies import spec as study_spec
from gru_lib.studies.budgets import budget_report
from gru_lib.training import engine, metrics, sweeps, tuning
from gru_lib.training import runs as experiments

CASES: dict[str, Case] = {
    # baselines
    "gru_lib.analysis.baselines.CharNGram": case(
        "order", lambda: baselines.CharNGram(order=0, vocabulary_size=3)
    ),
    "gru_lib.analysis.baselines.LinearAutoregression": exempt(NO_ARGUMENTS),
    "gru_lib.analysis.ngrams.WittenBellNGram": case(
        "order", lambda: ngrams.WittenBellNGram(order=0, vocabulary_size=3)
    ),
    "gru_lib.analysis.baselines.LogisticRegressionBaseline": case(
        "seed", lambda: baselines.LogisticRegressionBaseline(seed=-1)
    ),
    "gru_lib.analysis.baselines.last_value_forecast": case(
        "x", lambda: baselines.last_value_forecast(NAN)
    ),
    # book
    "gru_book.glue.glue_all": case("values", lambda: book.glue_all({})),
    # checks: validators raise on the bad value they are given; builders only format messages
    "gru_lib.checks.empty": exempt(ERROR_BUILDER),
    "gru_lib.checks.expected": exempt(ERROR_BUILDER),
    "gru_lib.checks.invalid": exempt(ERROR_BUILDER),
    "gru_lib.checks.mismatch": exempt(ERROR_BUILDER),
    "gru_lib.checks.not_fitted": exempt(ERROR_BUILDER),
    "gru_lib.checks.finite_array": case("x", lambda: checks.finite_array(NAN, "x", ndim=3)),
    "gru_lib.checks.flag": case("f", lambda: checks.flag("yes", "f")),
    "gru_lib.checks.frame": case("t", lambda: checks.frame("x", "t", ["a"])),
    "gru_lib.checks.integer": case("n", lambda: checks.integer(1.5, "n")),
    "gru_lib.checks.non_negative_number": case("v", lambda: checks.non_negative_number(-1, "v")),
    "gru_lib.checks.one_of": case("c", lambda: checks.one_of("z", "c", ["a"])),
    "gru_lib.checks.positive_number": case("v", lambda: checks.positive_number(0, "v")),
    "gru_lib.checks.same_length": case(
        "x", lambda: checks.same_length(np.zeros(1), np.zeros(2), ("x", "y"))
    ),
    # cli
    "gru_lib.cli.main.add_train_arguments": case("parser", lambda: cli.add_train_arguments("p")),
    "gru_lib.cli.main.build_parser": exempt(NO_ARGUMENTS),
    "gru_lib.cli.main.main": case("argv", lambda: cli.main("train")),
    "gru_lib.cli.main.task_options": case("task", lambda: cli.task_options(argparse.Namespace())),
    "gru_lib.cli.main.use_xla_cache": case("command", lambda: cli.use_xla_cache(["train"])),
    "gru_lib.xla_cache.cache_folder": case("environ", lambda: xla_cache.cache_folder("flags")),
    "gru_lib.xla_cache.cache_key": case("environ", lambda: xla_cache.cache_key(["XLA_FLAGS"])),
    "gru_lib.xla_cache.chosen_directory": case("default", lambda: xla_cache.chosen_directory("")),
    "gru_lib.xla_cache.use_persistent_cache": case(
        "directory", lambda: xla_cache.use_persistent_cache(" ", {})
    ),
    "gru_lib.cli.progress.EpochProgress": case(
        "epochs", lambda: progress.EpochProgress(0, io.StringIO())
    ),
    "gru_lib.cli.runner.run_text_training": case("args", lambda: runner.run_text_training({}, {})),
    "gru_lib.cli.runner.run_training": case("args", lambda: runner.run_training({}, {})),
    "gru_lib.data.tasks.build_task": case("task", lambda: tasks.build_task("nope", {}, seed=0)),
    "gru_lib.data.tasks.describe_sizes": case("task", lambda: tasks.describe_sizes("task")),
    # connectivity
    "gru_lib.analysis.connectivity.input_gradients": case(
        "x", lambda: connectivity.input_gradients(model(), NAN)
    ),
    "gru_lib.analysis.connectivity.marker_contrast": case(
        "gradients",
        lambda: connectivity.marker_contrast(np.full((1, 4), np.nan), np.zeros((1, 4, 2))),
    ),
    "gru_lib.analysis.connectivity.marker_steps": case(
        "x", lambda: connectivity.marker_steps(np.zeros((1, 4)))
    ),
    # counting
    "gru_lib.analysis.counting.counting_runs": case(
        "cells",
        lambda: counting.counting_runs(
            {}, largest_n=2, test_n=3, seeds=[0], units=2, rates=[0.01], epochs=1, patience=1
        ),
    ),
    "gru_lib.analysis.counting.longest_counted": case(
        "table", lambda: counting.longest_counted("x")
    ),
    "gru_lib.analysis.counting_study.RangeCheck": case(
        "baseline", lambda: counting_study.RangeCheck("x", (), "s")
    ),
    "gru_lib.analysis.counting_study.accuracy_by_n": case(
        "table", lambda: counting_study.accuracy_by_n("x")
    ),
    "gru_lib.analysis.counting_study.beyond_check": case(
        "summary", lambda: counting_study.beyond_check("x", train_n=2)
    ),
    "gru_lib.analysis.counting_study.counting_summary": case(
        "table", lambda: counting_study.counting_summary("x")
    ),
    "gru_lib.analysis.counting_study.reject_by_n": case(
        "test_n", lambda: counting_study.reject_by_n(0)
    ),
    # cudnn
    "gru_lib.analysis.cudnn.cudnn_arguments_allowed": case(
        "gru", lambda: cudnn.cudnn_arguments_allowed(keras.layers.LSTM(2))
    ),
    "gru_lib.analysis.cudnn.cudnn_conditions": exempt(NO_ARGUMENTS),
    "gru_lib.analysis.cudnn.dropout_step_times": case(
        "batch_size", lambda: cudnn.dropout_step_times(batch_size=0)
    ),
    "gru_lib.analysis.cudnn.mask_allows_cudnn": case(
        "mask", lambda: cudnn.mask_allows_cudnn(np.zeros(3))
    ),
    # data
    "gru_lib.data.adding.adding_problem": case(
        "samples", lambda: gdata.adding_problem(samples=0, length=4)
    ),
    "gru_lib.data.adding.adding_task": case("n_val", lambda: gdata.adding_task(length=4, n_val=0)),
    "gru_lib.data.anbn.aligned_length": case("test_n", lambda: anbn.aligned_length(0)),
    "gru_lib.data.anbn.anbn_strings": case("n", lambda: anbn.anbn_strings(0)),
    "gru_lib.data.anbn.anbn_task": case("test_n", lambda: anbn.anbn_task(train_n=3, test_n=2)),
    "gru_lib.data.anbn.encode_aligned": case(
        "length", lambda: anbn.encode_aligned(["ab"], length=1)
    ),
    "gru_lib.data.anbn.string_ns": case("test_n", lambda: anbn.string_ns(-1)),
    "gru_lib.data.counting.counting_strings": case("n", lambda: dcounting.counting_strings(0)),
    "gru_lib.data.counting.counting_task": case(
        "largest_n", lambda: dcounting.counting_task(largest_n=0, length=4)
    ),
    "gru_lib.data.counting.encode_strings": case(
        "length", lambda: dcounting.encode_strings([(1, 1)], length=0)
    ),
    "gru_lib.data.digits.digits_task": case(
        "val_fraction", lambda: gdata.digits_task(val_fraction=2.0)
    ),
    "gru_lib.data.scaling.SeriesScaler": exempt(NO_ARGUMENTS),
    "gru_lib.data.reset_sum.reset_sum": case(
        "resets", lambda: gdata.reset_sum(samples=2, length=4, resets=1.0)
    ),
    "gru_lib.data.reset_sum.reset_sum_task": case("length", lambda: gdata.reset_sum_task(length=0)),
    "gru_lib.data.selective_copying.selective_copying": case(
        "samples", lambda: gdata.selective_copying(samples=0, length=8)
    ),
    "gru_lib.data.selective_copying.selective_copying_task": case(
        "n_train", lambda: gdata.selective_copying_task(length=8, n_train=0)
    ),
    "gru_lib.data.series.noisy_sine": case("length", lambda: gdata.noisy_sine(length=1)),
    "gru_lib.data.series.sunspots": exempt(NO_ARGUMENTS),
    "gru_lib.data.task.TaskData": case(
        "x_train", lambda: gdata.TaskData("t", NAN, np.zeros(1), NAN, np.zeros(1), NAN, np.zeros(1))
    ),
    "gru_lib.data.text.CharVocabulary": case("characters", lambda: text.CharVocabulary("")),
    "gru_lib.data.text.chronological_split": case("text", lambda: text.chronological_split(3)),
    "gru_lib.data.text.next_character_task": case(
        "window", lambda: text.next_character_task("abab" * 20, vocabulary(), window=0)
    ),
    "gru_lib.data.text.python_docs_text": exempt(NO_ARGUMENTS),
    "gru_lib.data.text.word_end_task": case(
        "window", lambda: text.word_end_task("ab ab " * 20, vocabulary(), window=0)
    ),
    "gru_lib.data.uniform_mean.uniform_mean_task": case(
        "n_train", lambda: gdata.uniform_mean_task(n_train=0)
    ),
    "gru_lib.data.windows.chronological_forecasting_task": case(
        "window", lambda: gdata.chronological_forecasting_task(np.arange(30.0), window=0, name="s")
    ),
    "gru_lib.data.windows.sliding_windows": case(
        "series", lambda: gdata.sliding_windows(np.array([np.nan, 1.0, 2.0]), window=1)
    ),
    # engine
    "gru_lib.training.records.RunRecord": case(
        "seed",
        lambda: engine.RunRecord(
            "t",
            specs.ModelSpec(),
            -1,
            model(),
            engine.TrainingHistory([1.0], [1.0], 1.0),
            np.zeros(1),
            {},
        ),
    ),
    "gru_lib.training.records.TrainingHistory": case(
        "loss", lambda: engine.TrainingHistory([[1.0]], [1.0], 1.0)
    ),
    "gru_lib.training.records.TrainingSettings": case("epochs", lambda: engine.TrainingSettings(0)),
    "gru_lib.training.program.clear_cache": exempt(NO_ARGUMENTS),
    "gru_lib.training.engine.fit": case(
        "task", lambda: engine.fit(model(), "task", engine.TrainingSettings(1))
    ),
    "gru_lib.training.engine.predict": case("x", lambda: engine.predict(model(), NAN)),
    "gru_lib.training.engine.run": case(
        "task", lambda: engine.run("task", specs.ModelSpec(), 0, engine.TrainingSettings(1))
    ),
    "gru_lib.training.engine.score_predictions": case(
        "predictions", lambda: engine.score_predictions(task(), np.full(4, np.nan))
    ),
    # experiments
    "gru_lib.training.runs.records_table": case("records", lambda: experiments.records_table("x")),
    "gru_lib.training.runs.run_experiments": case(
        "epochs", lambda: experiments.run_experiments([task()], [specs.ModelSpec()], [0], epochs=0)
    ),
    "gru_lib.training.runs.summarize": case("results", lambda: experiments.summarize("x")),
    # explorer
    "gru_book.explorer.adding_sequence": case(
        "first", lambda: explorer.adding_sequence(length=6, first=5, second=4)
    ),
    "gru_book.explorer.explorer_data": case(
        "first", lambda: explorer.explorer_data(scratch_model(), length=6, first=5, second=4)
    ),
    "gru_book.explorer.explorer_html": case("data", lambda: explorer.explorer_html("x")),
    "gru_book.svg_figure.SvgFigure": case("fig", lambda: svg_figure.SvgFigure("x")),
    "gru_book.explorer.presets": case(
        "length", lambda: explorer.presets(length=0, first=0, second=1)
    ),
    "gru_book.explorer.regressor_parts": case("model", lambda: explorer.regressor_parts(model())),
    "gru_book.explorer.walkthrough": case(
        "x",
        lambda: explorer.walkthrough(scratch_model(), np.full((6, 2), np.nan), first=1, second=4),
    ),
    # forecasting
    "gru_lib.analysis.forecasting.cycle_maxima": case(
        "half_width", lambda: forecasting.cycle_maxima(np.arange(5.0), half_width=0)
    ),
    "gru_lib.analysis.forecasting.forecast_errors": case(
        "forecasts", lambda: forecasting.forecast_errors({"zero": np.zeros(2)})
    ),
    "gru_lib.analysis.forecasting.one_step_forecasts": case(
        "task", lambda: forecasting.one_step_forecasts("task", model())
    ),
    # holding
    "gru_lib.analysis.holding.unit_holding": case(
        "marked", lambda: holding.unit_holding(np.zeros((1, 5)), np.array([[3, 1]]))
    ),
    "gru_lib.analysis.holding.Holding": case(
        "kind", lambda: holding.Holding("kept", "s", 0.1, 0.2, 1)
    ),
    # gradients
    "gru_lib.analysis.gradients.gradient_norms_by_distance": case(
        "rnn", lambda: gradients.gradient_norms_by_distance("gru", np.ones((1, 2, 1)))
    ),
    "gru_lib.models.initialisation.initialised_layer": case(
        "layer", lambda: initialisation.initialised_layer("transformer", units=2, features=1)
    ),
    "gru_lib.analysis.gradients.per_step_factor": case(
        "norms", lambda: gradients.per_step_factor(np.array([np.nan, 1.0]))
    ),
    "gru_lib.models.initialisation.set_spectral_radius": case(
        "rnn", lambda: initialisation.set_spectral_radius("rnn", 1.0)
    ),
    "gru_lib.models.initialisation.simple_rnn_with_radius": case(
        "radius", lambda: initialisation.simple_rnn_with_radius(2, 1, radius=0.0)
    ),
    # language_model
    "gru_lib.models.char_lm.build_char_lm": case(
        "vocabulary_size", lambda: language_model.build_char_lm(0)
    ),
    "gru_lib.models.char_lm.next_character_probabilities": case(
        "temperature",
        lambda: language_model.next_character_probabilities(
            None, vocabulary(), "a", temperature=0.0
        ),
    ),
    "gru_lib.models.char_lm.perplexity": case(
        "cross_entropy", lambda: language_model.perplexity(float("nan"))
    ),
    "gru_lib.models.char_lm.sample_text": case(
        "length",
        lambda: language_model.sample_text(None, vocabulary(), "a", length=0, temperature=1.0),
    ),
    # length_scaling
    "gru_lib.analysis.length_scaling.crossover_length": case(
        "table", lambda: length_scaling.crossover_length("x", "a", "b")
    ),
    "gru_lib.analysis.length_scaling.describe_crossover": case(
        "table", lambda: length_scaling.describe_crossover("x", "a", "b")
    ),
    "gru_lib.analysis.timings.compare_timings": case(
        "first", lambda: timings.compare_timings([1.0, -1.0], [1.0, 2.0])
    ),
    "gru_lib.analysis.timings.time_ratio": case(
        "second", lambda: timings.time_ratio([1.0, 2.0], [1.0])
    ),
    "gru_lib.analysis.timings.ratios_by_length": case(
        "table", lambda: timings.ratios_by_length(pd.DataFrame(), "a", "b")
    ),
    "gru_lib.analysis.timings.describe_ratios": case(
        "ratios", lambda: timings.describe_ratios(pd.DataFrame(), "a", "b")
    ),
    "gru_lib.analysis.length_scaling.pass_seconds": case(
        "layer", lambda: length_scaling.pass_seconds("transformer", 4)
    ),
    "gru_lib.analysis.length_scaling.forward_backward_seconds": case(
        "batch_size", lambda: length_scaling.forward_backward_seconds(batch_size=0)
    ),
    # masking
    "gru_lib.analysis.masking.masked_difference": case(
        "rnn", lambda: masking.masked_difference("gru", [np.ones((2, 1))])
    ),
    "gru_lib.analysis.masking.pad_sequences": case(
        "padding", lambda: masking.pad_sequences([np.ones((2, 1))], padding="middle")
    ),
    # memory
    "gru_lib.analysis.memory.longest_solved": case(
        "threshold", lambda: memory.longest_solved(sweep(), threshold=-1.0)
    ),
    "gru_lib.analysis.memory.reported_runs": case("table", lambda: memory.reported_runs("t")),
    "gru_lib.analysis.memory.solved_fractions": case(
        "threshold", lambda: memory.solved_fractions(sweep(), threshold=-1.0)
    ),
    "gru_lib.analysis.memory.memory_summary": case(
        "threshold", lambda: memory.memory_summary(sweep(), threshold=-1.0)
    ),
    "gru_lib.analysis.memory.solved_table": case(
        "threshold", lambda: memory.solved_table(sweep(), threshold=-1.0)
    ),
    # metrics
    "gru_lib.training.metrics.mean_absolute_error": case(
        "y_true", lambda: metrics.mean_absolute_error(np.array([np.nan]), np.zeros(1))
    ),
    "gru_lib.training.metrics.mean_squared_error": case(
        "y_pred", lambda: metrics.mean_squared_error(np.zeros(1), np.array([np.inf]))
    ),
    # cells.backward
    "gru_lib.cells.backward.gru_backward": case(
        "recurrent_kernel",
        lambda: backward.gru_backward(
            np.zeros((1, 2, 3)),
            np.zeros((1, 4)),
            np.zeros((3, 12)),
            np.zeros((4, 9)),
            np.zeros((2, 12)),
            np.zeros((1, 2, 4)),
        ),
    ),
    # min_gru, scan, closed_form, min_gru_reference
    "gru_lib.cells.min_gru.MinGRU": case("mode", lambda: min_gru.MinGRU(2, mode="fast")),
    "gru_lib.cells.closed_form.closed_form_states": case(
        "a", lambda: closed_form.closed_form_states(np.array([np.nan]), np.ones(1))
    ),
    "gru_lib.cells.scan.combine": case("first", lambda: scan.combine((1.0,), (1.0, 2.0))),
    "gru_lib.cells.closed_form.log_space_states": case(
        "a", lambda: closed_form.log_space_states(np.array([np.nan]), np.ones(1))
    ),
    "gru_lib.cells.min_gru.min_gru_layer": case(
        "activation", lambda: min_gru.min_gru_layer(2, "relu")
    ),
    "gru_lib.cells.min_gru_reference.min_gru_reference": case(
        "x", lambda: min_gru_reference.min_gru_reference(NAN, np.ones((1, 2)), np.ones(2))
    ),
    "gru_lib.cells.scan.parallel_scan": case(
        "return_sequences",
        lambda: scan.parallel_scan(
            np.ones((2, 1, 1)), np.ones((2, 1, 1)), np.ones((1, 1)), return_sequences="yes"
        ),
    ),
    "gru_lib.cells.min_gru.recurrence_coefficients": case(
        "x_proj", lambda: min_gru.recurrence_coefficients(np.ones((1, 3)))
    ),
    "gru_lib.cells.scan.run_over_time": case(
        "keep", lambda: scan.run_over_time(lambda x, h: (h,), [np.ones((2, 1, 1))], None, keep=-1)
    ),
    "gru_lib.cells.scan.sequential_scan": case(
        "return_sequences",
        lambda: scan.sequential_scan(
            np.ones((2, 1, 1)), np.ones((2, 1, 1)), np.ones((1, 1)), return_sequences="yes"
        ),
    ),
    "gru_lib.cells.scan.start_state": case(
        "initial_state", lambda: scan.start_state(np.ones((2, 3)), np.ones((2, 5, 1)), 4, "float32")
    ),
    # models
    "gru_lib.models.build.build_model": case("spec", lambda: models.build_model("gru", (3, 1))),
    "gru_lib.models.build.build_regressor": case(
        "units", lambda: models.build_regressor((3, 1), units=0)
    ),
    "gru_lib.models.build.layer_table": case("model", lambda: models.layer_table("m")),
    # parameters
    "gru_lib.models.parameters.parameter_table": case(
        "features", lambda: parameters.parameter_table(units=[2], features=0)
    ),
    "gru_lib.models.parameters.recurrent_parameters": case(
        "units", lambda: parameters.recurrent_parameters("gru", units=0, features=1)
    ),
    "gru_lib.models.parameters.regressor_parameters": case(
        "layer", lambda: parameters.regressor_parameters("rnn", units=2, features=1)
    ),
    "gru_lib.models.parameters.units_for_parameters": case(
        "parameters", lambda: parameters.units_for_parameters("gru", parameters=0, features=1)
    ),
    # plots
    "gru_lib.plots.classification.confusion_matrix": case(
        "classes", lambda: classification.confusion_matrix(np.zeros(2), np.zeros(2), classes=0)
    ),
    "gru_lib.plots.classification.misclassified_images": case(
        "count",
        lambda: classification.misclassified_images(
            np.zeros((2, 8, 8)), np.zeros(2), np.zeros(2), count=0
        ),
    ),
    "gru_lib.plots.comparison.difference_intervals": case(
        "intervals", lambda: comparison.difference_intervals("x")
    ),
    "gru_lib.plots.comparison.metric_by_model": case(
        "results", lambda: comparison.metric_by_model("x")
    ),
    "gru_lib.plots.comparison.seconds_per_epoch": case(
        "results", lambda: comparison.seconds_per_epoch("x")
    ),
    "gru_lib.plots.counting.counting_accuracy": case(
        "table", lambda: pcounting.counting_accuracy("x", largest_n=2)
    ),
    "gru_lib.plots.diagram.gru_cell_diagram": case(
        "stage", lambda: diagram.gru_cell_diagram(stage="none")
    ),
    "gru_lib.plots.gates.gate_heatmaps": case(
        "gates", lambda: gates.gate_heatmaps({}, np.zeros((1, 2)))
    ),
    "gru_lib.plots.gradients.clipping_demo": case("traces", lambda: pgradients.clipping_demo({})),
    "gru_lib.plots.gradients.gradient_decay": case("norms", lambda: pgradients.gradient_decay({})),
    "gru_lib.plots.length_scaling.time_ratios": case("ratios", lambda: plength.time_ratios({})),
    "gru_lib.plots.length_scaling.seconds_by_length": case(
        "table", lambda: plength.seconds_by_length("x")
    ),
    "gru_lib.plots.memory.connectivity_maps": case(
        "x", lambda: pmemory.connectivity_maps({"a": np.ones((1, 4))}, np.zeros((1, 4)))
    ),
    "gru_lib.plots.memory.memory_curve": case(
        "summary", lambda: pmemory.memory_curve("x", threshold=0.1)
    ),
    "gru_lib.plots.memory.validation_curves": case(
        "updates_per_evaluation",
        lambda: pmemory.validation_curves({"GRU": [1.0]}, updates_per_evaluation=0, baseline=1.0),
    ),
    "gru_lib.plots.states.state_over_time": case(
        "states", lambda: pstates.state_over_time(np.full((3, 2), np.nan), np.zeros(3), np.zeros(3))
    ),
    "gru_lib.plots.style.color": case("index", lambda: style.color("a")),
    "gru_lib.plots.line_record.drawn_lines": case("fig", lambda: line_record.drawn_lines("fig")),
    "gru_lib.plots.line_record.record_lines": case("fig", lambda: line_record.record_lines("f")),
    "gru_lib.plots.style.family": case("label", lambda: style.family(3)),
    "gru_lib.plots.style.finish": case("fig", lambda: style.finish("fig")),
    "gru_lib.plots.style.legend_below": case("fig", lambda: style.legend_below("fig", None)),
    "gru_lib.plots.style.model_style": case("label", lambda: style.model_style(3)),
    "gru_lib.plots.style.model_styles": case("labels", lambda: style.model_styles(3)),
    "gru_lib.plots.style.new_figure": case("nrows", lambda: style.new_figure(0)),
    "gru_lib.plots.style.smallest_font_px": case("fig", lambda: style.smallest_font_px("fig")),
    "gru_lib.plots.sweeps.sweep_panels": case("table", lambda: psweeps.sweep_panels("x")),
    "gru_lib.plots.throughput.throughput_ratios": case(
        "table", lambda: pthroughput.throughput_ratios("x")
    ),
    "gru_lib.plots.training.forecasts": case(
        "actual", lambda: ptraining.forecasts(np.arange(2), np.array([np.nan, 1.0]), {}, title="t")
    ),
    "gru_lib.plots.training.loss_curves": case("history", lambda: ptraining.loss_curves({})),
    "gru_lib.plots.training.predicted_vs_actual": case(
        "y_true", lambda: ptraining.predicted_vs_actual(np.array([np.nan]), np.zeros(1))
    ),
    # runtime
    "gru_lib.runtime.machine_description": exempt(NO_ARGUMENTS),
    "gru_lib.runtime.private_seed": case("seed", lambda: runtime.private_seed(-1).__enter__()),
    "gru_lib.runtime.seed_everything": case("seed", lambda: runtime.seed_everything(-1)),
    # scratch_gru
    "gru_lib.cells.gru.ScratchGRU": case("units", lambda: scratch_gru.ScratchGRU(0)),
    "gru_lib.cells.gru.gru_step": case(
        "reset_after",
        lambda: scratch_gru.gru_step(
            np.zeros((1, 3)), np.zeros((1, 1)), np.zeros((1, 3)), None, "yes"
        ),
    ),
    "gru_lib.cells.gru.scratch_gru_layer": case("units", lambda: scratch_gru.scratch_gru_layer(0)),
    # seed_table, specs, state, statistics, sweeps
    "gru_lib.analysis.seed_table.mean_std_table": case(
        "results", lambda: seed_table.mean_std_table("x", {"t": "test_mse"})
    ),
    "gru_lib.models.spec.ModelSpec": case("units", lambda: specs.ModelSpec(units=0)),
    "gru_lib.analysis.state.initial_state_difference": case(
        "split", lambda: state.initial_state_difference(np.ones((1, 4, 1)), split=9)
    ),
    "gru_lib.analysis.state.stateful_stream_difference": case(
        "chunk", lambda: state.stateful_stream_difference(np.ones(4), chunk=9)
    ),
    # analysis.caveats, analysis.claims, analysis.statistics, analysis.trends, analysis.verdicts
    "gru_lib.analysis.caveats.Baseline": case("score", lambda: caveats.Baseline(0.0)),
    "gru_lib.analysis.caveats.BaselineCheck": case(
        "kind", lambda: caveats.BaselineCheck("better", "", caveats.Baseline(0.1), {}, {}, ())
    ),
    "gru_lib.analysis.caveats.RateChoice": case(
        "kind", lambda: caveats.RateChoice("better", "", (0.01,), (), ())
    ),
    "gru_lib.analysis.caveats.against_baseline": case(
        "scores", lambda: caveats.against_baseline({}, caveats.Baseline(0.1))
    ),
    "gru_lib.analysis.caveats.rate_choices": case(
        "chosen", lambda: caveats.rate_choices({"GRU": 0.02}, [0.01, 0.03])
    ),
    "gru_lib.analysis.claims.ClaimError": case("message", lambda: claims.ClaimError("")),
    "gru_lib.analysis.claims.format_numbers": case(
        "values", lambda: claims.format_numbers([np.nan])
    ),
    "gru_lib.analysis.claims.listing": case("items", lambda: claims.listing([])),
    "gru_lib.analysis.claims.require": case("condition", lambda: claims.require("yes", "m")),
    "gru_lib.analysis.claims.require_kind": case(
        "result", lambda: claims.require_kind(0.5, claims.LOWER)
    ),
    "gru_lib.analysis.statistics.FisherTest": case(
        "first", lambda: statistics.FisherTest(0.5, statistics.solved_fraction(1, 5), 0.5, 0.05)
    ),
    "gru_lib.analysis.statistics.Interval": case(
        "confidence", lambda: statistics.Interval(0.0, -1.0, 1.0, 3.0, 2.0)
    ),
    "gru_lib.analysis.statistics.Proportion": case(
        "successes", lambda: statistics.Proportion(6, 5, 1.2, 0.0, 1.0, 0.95)
    ),
    "gru_lib.analysis.statistics.compare_intervals": case(
        "results", lambda: statistics.compare_intervals("x", [("a", "b")])
    ),
    "gru_lib.analysis.statistics.fisher_test": case(
        "first", lambda: statistics.fisher_test((6, 5), (1, 5))
    ),
    "gru_lib.analysis.statistics.solved_fraction": case(
        "successes", lambda: statistics.solved_fraction(6, 5)
    ),
    "gru_lib.analysis.statistics.verdict": case("interval", lambda: statistics.verdict("x")),
    "gru_lib.analysis.statistics.welch_interval": case(
        "first", lambda: statistics.welch_interval([1.0], [1.0, 2.0])
    ),
    "gru_lib.analysis.trends.Change": case(
        "kind", lambda: trends.Change("better", "", 1.0, 1.0, 1.0, 0.01)
    ),
    "gru_lib.analysis.trends.Trend": case("kind", lambda: trends.Trend("better", "", 1.0, 3, 0.01)),
    "gru_lib.analysis.trends.compare_change": case(
        "before", lambda: trends.compare_change(0.0, 1.0)
    ),
    "gru_lib.analysis.trends.curve_trend": case(
        "last", lambda: trends.curve_trend([1.0, 0.5], last=0)
    ),
    "gru_lib.analysis.verdicts.Comparison": case(
        "kind", lambda: verdicts.Comparison("better", "", ("a", "b"), None)
    ),
    "gru_lib.analysis.verdicts.compare_fractions": case(
        "first", lambda: verdicts.compare_fractions((6, 5), (1, 5))
    ),
    "gru_lib.analysis.verdicts.compare_scores": case(
        "first", lambda: verdicts.compare_scores([1.0], [1.0, 2.0])
    ),
    "gru_lib.analysis.verdicts.compare_to_reference": case(
        "reference", lambda: verdicts.compare_to_reference([1.0, 2.0], np.nan)
    ),
    "gru_lib.training.sweeps.one_at_a_time": case(
        "task", lambda: sweeps.one_at_a_time("task", specs.ModelSpec(), {}, [0], epochs=1)
    ),
    # throughput, training, tuning
    "gru_lib.analysis.throughput.step_cost": case("table", lambda: throughput.step_cost("x")),
    "gru_lib.analysis.throughput.traced_op_types": case(
        "x", lambda: throughput.traced_op_types(model(), NAN)
    ),
    "gru_lib.analysis.throughput.train_step_throughput": case(
        "batch_size", lambda: throughput.train_step_throughput(batch_size=0)
    ),
    "gru_lib.analysis.throughput.uses_cudnn": case(
        "x", lambda: throughput.uses_cudnn(model(), NAN)
    ),
    "gru_lib.training.tuning.tuned_runs": case(
        "rates",
        lambda: tuning.tuned_runs([task()], [specs.ModelSpec()], [], [0], epochs=1, patience=1),
    ),
    # studies
    "gru_lib.studies.report.provenance_line": case(
        "provenance", lambda: study_report.provenance_line("memory", {})
    ),
    "gru_lib.studies.budgets.budget_report": case(
        "table", lambda: budget_report(pd.DataFrame(), None)
    ),
    "gru_lib.studies.cells.CellsConfig": case("units", lambda: cells_study.CellsConfig(units=0)),
    "gru_lib.studies.cells.chosen_rates": case("table", lambda: cells_study.chosen_rates("t")),
    "gru_lib.studies.cells.plan": case("config", lambda: cells_study.plan("c", pd.DataFrame())),
    "gru_lib.studies.cells.run_member": case(
        "member", lambda: cells_study.run_member(cells_study.CellsConfig(), None)
    ),
    "gru_lib.studies.cells.size": case("config", lambda: cells_study.size("c")),
    "gru_lib.studies.cli.add_studies_command": case(
        "commands", lambda: studies_cli.add_studies_command("studies")
    ),
    "gru_lib.studies.cli.list_table": case("studies", lambda: studies_cli.list_table([1])),
    "gru_lib.studies.cli.run_command": case("args", lambda: studies_cli.run_command("list")),
    "gru_lib.studies.counting.CountingConfig": case(
        "tune_seeds", lambda: counting_study_module.CountingConfig(tune_seeds=(0,))
    ),
    "gru_lib.studies.counting.chosen_rates": case(
        "table", lambda: counting_study_module.chosen_rates("t")
    ),
    "gru_lib.studies.counting.plan": case(
        "config", lambda: counting_study_module.plan("c", pd.DataFrame())
    ),
    "gru_lib.studies.counting.run_member": case(
        "member",
        lambda: counting_study_module.run_member(counting_study_module.CountingConfig(), "m"),
    ),
    "gru_lib.studies.counting.size": case("config", lambda: counting_study_module.size("c")),
    "gru_lib.studies.counting.training_size": case(
        "train_n", lambda: counting_study_module.training_size(0)
    ),
    "gru_lib.studies.freshness.dvc_status": case("names", lambda: freshness.dvc_status("memory")),
    "gru_lib.studies.freshness.fingerprint": case("study", lambda: freshness.fingerprint("x")),
    "gru_lib.studies.freshness.refresh_command": case(
        "name", lambda: freshness.refresh_command("")
    ),
    "gru_lib.studies.members.longest_wait": case("curve", lambda: study_members.longest_wait([])),
    "gru_lib.studies.members.train_member": case(
        "task", lambda: study_members.train_member("t", specs.ModelSpec(), 0, None)
    ),
    "gru_lib.studies.members.train_member_keeping_model": case(
        "task", lambda: study_members.train_member_keeping_model("t", specs.ModelSpec(), 0, None)
    ),
    "gru_lib.studies.char_lm.CharLMConfig": case(
        "tune_seeds", lambda: char_lm_study.CharLMConfig(tune_seeds=(0,), seeds=(0, 1))
    ),
    "gru_lib.studies.char_lm.chosen_rates": case("table", lambda: char_lm_study.chosen_rates("t")),
    "gru_lib.studies.char_lm.plan": case("config", lambda: char_lm_study.plan("c", pd.DataFrame())),
    "gru_lib.studies.char_lm.run_member": case(
        "config", lambda: char_lm_study.run_member("c", None)
    ),
    "gru_lib.studies.char_lm.size": case("config", lambda: char_lm_study.size("c")),
    "gru_lib.studies.char_lm.text_task": case("config", lambda: char_lm_study.text_task(None)),
    "gru_lib.studies.practice.PracticeConfig": case(
        "tune_seeds", lambda: practice_study.PracticeConfig(tune_seeds=(0,), seeds=(0, 1))
    ),
    "gru_lib.studies.practice.chosen_rates": case(
        "table", lambda: practice_study.chosen_rates("t")
    ),
    "gru_lib.studies.practice.plan": case(
        "config", lambda: practice_study.plan("c", pd.DataFrame())
    ),
    "gru_lib.studies.practice.run_member": case(
        "config", lambda: practice_study.run_member("c", None)
    ),
    "gru_lib.studies.practice.size": case("config", lambda: practice_study.size("c")),
    "gru_lib.studies.practice.tag_task": case("config", lambda: practice_study.tag_task(None)),
    "gru_lib.studies.memory.MemoryConfig": case(
        "units", lambda: memory_study.MemoryConfig(units=0)
    ),
    "gru_lib.studies.memory.chosen_rates": case("table", lambda: memory_study.chosen_rates("t")),
    "gru_lib.studies.memory.plan": case("config", lambda: memory_study.plan("c", pd.DataFrame())),
    "gru_lib.studies.memory.run_member": case("config", lambda: memory_study.run_member("c", None)),
    "gru_lib.studies.memory.size": case("config", lambda: memory_study.size("c")),
    "gru_lib.studies.memory.train_keeping_model": case(
        "config", lambda: memory_study.train_keeping_model("c", None)
    ),
    "gru_lib.studies.memory_models.ModelsConfig": case(
        "lengths", lambda: memory_models.ModelsConfig(lengths=(30,))
    ),
    "gru_lib.studies.memory_models.plan": case(
        "config", lambda: memory_models.plan("c", pd.DataFrame())
    ),
    "gru_lib.studies.memory_models.run_member": case(
        "config", lambda: memory_models.run_member("c", None)
    ),
    "gru_lib.studies.memory_models.restore": case(
        "row", lambda: memory_models.restore({"cell": "GRU"})
    ),
    "gru_lib.studies.memory_models.size": case("config", lambda: memory_models.size("c")),
    "gru_lib.studies.mingru.MinGRUConfig": case(
        "tune_seeds", lambda: mingru_study.MinGRUConfig(tune_seeds=(0,), seeds=(0, 1))
    ),
    "gru_lib.studies.mingru.chosen_rates": case("table", lambda: mingru_study.chosen_rates("t")),
    "gru_lib.studies.mingru.label": case("depth", lambda: mingru_study.label(0)),
    "gru_lib.studies.mingru.plan": case("config", lambda: mingru_study.plan("c", pd.DataFrame())),
    "gru_lib.studies.mingru.run_member": case("config", lambda: mingru_study.run_member("c", None)),
    "gru_lib.studies.mingru.size": case("config", lambda: mingru_study.size("c")),
    "gru_lib.studies.cell_speed.CellSpeedConfig": case(
        "widths", lambda: cell_speed.CellSpeedConfig(widths=(0,))
    ),
    "gru_lib.studies.cell_speed.plan": case("config", lambda: cell_speed.plan("c", None)),
    "gru_lib.studies.cell_speed.run_member": case(
        "config", lambda: cell_speed.run_member("c", None)
    ),
    "gru_lib.studies.cell_speed.size": case("config", lambda: cell_speed.size("c")),
    "gru_lib.studies.mingru_speed.SpeedConfig": case(
        "layers", lambda: speed_study.SpeedConfig(layers=("transformer",))
    ),
    "gru_lib.studies.mingru_speed.plan": case("config", lambda: speed_study.plan("c", None)),
    "gru_lib.studies.mingru_speed.run_member": case(
        "config", lambda: speed_study.run_member("c", None)
    ),
    "gru_lib.studies.mingru_speed.size": case("config", lambda: speed_study.size("c")),
    "gru_lib.studies.provenance.machine": exempt(NO_ARGUMENTS),
    "gru_lib.studies.provenance.package_versions": exempt(NO_ARGUMENTS),
    "gru_lib.studies.provenance.pin_xla": case("isa", lambda: provenance.pin_xla("AVX3")),
    "gru_lib.studies.provenance.record": case(
        "wall_seconds", lambda: provenance.record({}, wall_seconds=-1.0, member_seconds={})
    ),
    "gru_lib.studies.provenance.repository_commit": exempt(NO_ARGUMENTS),
    "gru_lib.studies.registry.get_study": case("name", lambda: registry.get_study("nope")),
    "gru_lib.studies.registry.study_names": exempt(NO_ARGUMENTS),
    "gru_lib.studies.reproduce.pick_members": case(
        "count",
        lambda: study_reproduce.pick_members(pd.DataFrame({"key": ["a"], "seconds": [1.0]}), 0),
    ),
    "gru_lib.studies.reproduce.reproduce": case("study", lambda: study_reproduce.reproduce("x")),
    "gru_lib.studies.runner.execute_member": case(
        "study", lambda: study_runner.execute_member("x", None)
    ),
    "gru_lib.studies.runner.run_study": case("study", lambda: study_runner.run_study("x")),
    "gru_lib.studies.spec.Budget": case(
        "updates", lambda: study_spec.Budget(updates=0, batch_size=1, patience=1, train_size=1)
    ),
    "gru_lib.studies.spec.Member": case("key", lambda: study_spec.Member("", ())),
    "gru_lib.studies.spec.Study": case(
        "name", lambda: study_spec.Study("", None, len, len, len, (), ())
    ),
    "gru_lib.studies.storage.append_progress": case(
        "path", lambda: storage.append_progress("p", {})
    ),
    "gru_lib.studies.storage.load": case("name", lambda: storage.load("")),
    "gru_lib.studies.storage.load_provenance": case("name", lambda: storage.load_provenance("")),
    "gru_lib.studies.storage.progress_path": case(
        "fingerprint", lambda: storage.progress_path("memory", "")
    ),
    "gru_lib.studies.storage.read_progress": case("path", lambda: storage.read_progress("p")),
    "gru_lib.studies.storage.result_paths": case(
        "results", lambda: storage.result_paths("memory", results="")
    ),
    "gru_lib.studies.storage.save": case("meta", lambda: storage.save("x", [], "meta")),
}


def public_callables() -> dict[str, object]:
    """Every callable named in the ``__all__`` of a module of gru_lib or of gru_book's glue,
    explorer and svg_figure (what the chapters call), and defined in that module."""
    found = {}
    walked = [
        *pkgutil.walk_packages(gru_lib.__path__, "gru_lib."),
        *(
            info
            for info in pkgutil.iter_modules(gru_book.__path__, "gru_book.")
            if info.name in ("gru_book.glue", "gru_book.explorer", "gru_book.svg_figure")
        ),
    ]
    for info in walked:
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        assert hasattr(module, "__all__"), f"{info.name} has no __all__"
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj) and getattr(obj, "__module__", None) == module.__name__:
                found[f"{module.__name__}.{name}"] = obj
    return found


PUBLIC = public_callables()


def test_the_walk_finds_the_whole_public_api():
    assert len(PUBLIC) >= 150
    assert {"gru_lib.cells.gru.gru_step", "gru_lib.plots.sweeps.sweep_panels"} <= set(PUBLIC)
    assert gplots is not None


def test_every_public_callable_has_a_bad_input_case():
    missing = sorted(set(PUBLIC) - set(CASES))
    assert missing == [], f"public callables without a bad-input case in CASES: {missing}"


def test_every_case_names_a_public_callable():
    assert sorted(set(CASES) - set(PUBLIC)) == []


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.argument is None))
def test_exemptions_are_honest(name):
    entry = CASES[name]
    assert entry.reason in (NO_ARGUMENTS, ERROR_BUILDER)
    if entry.reason == NO_ARGUMENTS:
        assert not inspect.signature(PUBLIC[name]).parameters, f"{name} takes arguments"
    else:
        assert name.startswith("gru_lib.checks.")


def test_every_further_case_names_a_public_callable_and_an_argument():
    assert sorted({name for name, _ in MORE_CASES} - set(PUBLIC)) == []
    assert all(entry.argument for _, entry in MORE_CASES)


def bad_calls():
    """Every case with a bad call, CASES's then MORE_CASES's, with ids that count repeats."""
    calls = [(n, c) for n, c in CASES.items() if c.argument is not None] + MORE_CASES
    seen: dict[str, int] = {}
    params = []
    for name, entry in calls:
        seen[name] = seen.get(name, 0) + 1
        tag = name if seen[name] == 1 else f"{name}-{seen[name]}"
        params.append(pytest.param(entry, id=tag))
    return params


@pytest.mark.parametrize("entry", bad_calls())
def test_bad_input_raises_a_value_error_naming_the_argument(entry):
    with pytest.raises(ValueError, match=rf"`{re.escape(entry.argument)}`") as raised:
        entry.call()
    assert re.search(entry.match, str(raised.value)), (entry.match, str(raised.value))
