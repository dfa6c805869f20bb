"""One training run of the command line: build, train, score, and write the files.

:func:`run_training` trains a regressor on one of :data:`gru_lib.data.tasks.TASKS` and writes
:data:`OUTPUT_FILES`; :func:`run_text_training` trains the character-level language model and
writes :data:`TEXT_OUTPUT_FILES`. Both take the parsed options of :mod:`gru_lib.cli.main`, call the
same library functions the chapters call, and return the metrics they wrote.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

import numpy as np

from gru_lib import __version__, checks, data, plots
from gru_lib.analysis.baselines import CharNGram
from gru_lib.cli.progress import EpochProgress
from gru_lib.data import text as text_data
from gru_lib.data.tasks import DATA_SIZE_OPTIONS, build_task, describe_sizes
from gru_lib.models import char_lm as language_model
from gru_lib.models.build import build_regressor
from gru_lib.runtime import machine_description
from gru_lib.training import engine, metrics
from gru_lib.training.engine import TrainingHistory, TrainingSettings, fit, predict

__all__ = [
    "OUTPUT_FILES",
    "SAMPLE_TEMPERATURES",
    "TEXT_OUTPUT_FILES",
    "run_text_training",
    "run_training",
]


OUTPUT_FILES = ("loss_curve.png", "predictions.png", "metrics.json")

TEXT_OUTPUT_FILES = ("loss_curve.png", "samples.txt", "metrics.json")

SAMPLE_TEMPERATURES = (0.5, 1.0)


def run_training(
    args: argparse.Namespace, sizes: dict[str, int], *, progress: TextIO | None = None
) -> dict:
    """Train as ``args`` say, write the three output files, and return the metrics written.

    ``args`` are the parsed options of ``train`` (:func:`gru_lib.cli.main.build_parser`), ``sizes``
    the task's data sizes (:func:`gru_lib.cli.main.task_options`). ``progress`` is a stream to draw
    the per-epoch progress bar on, or ``None`` for no bar.

    >>> import contextlib, io, tempfile
    >>> from gru_lib.cli.main import build_parser, task_options
    >>> out = tempfile.mkdtemp()
    >>> args = build_parser().parse_args(["train", "--task", "uniform-mean", "--length", "3",
    ...     "--samples", "16", "--epochs", "1", "--units", "2", "--out", out])
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     results = run_training(args, task_options(args))
    >>> results["sizes"]
    {'train': 16, 'val': 4, 'test': 4}
    """
    checks.instance(args, "args", argparse.Namespace)
    checks.instance(sizes, "sizes", dict)
    if args.task == "text":
        return run_text_training(args, sizes, progress=progress)
    task = build_task(args.task, sizes, seed=args.seed)
    print(
        f"Training {args.model} ({args.units} units) on {task.name}: {describe_sizes(task)}.",
        flush=True,
    )
    model = build_regressor(
        task.input_shape,
        layer=args.model,
        units=args.units,
        activation=args.activation,
        optimizer=args.optimizer,
        learning_rate=args.learning_rate,
        clipnorm=args.clipnorm,
        seed=args.seed,
    )
    callbacks = [] if progress is None else [EpochProgress(args.epochs, progress)]
    history = fit(
        model,
        task,
        TrainingSettings(epochs=args.epochs, batch_size=args.batch_size),
        seed=args.seed,
        callbacks=callbacks,
    )
    predictions = predict(model, task.x_test)
    # Always predicting the training mean is the bar any model has to clear.
    baseline = np.full_like(task.y_test, task.y_train.mean())
    results = {
        "task": args.task,
        "model": args.model,
        "options": _options(args, sizes),
        "sizes": task.sizes(),
        "target_units": "raw" if task.scaler is None else "standardised (training mean and std)",
        "parameters": model.count_params(),
        "train_seconds": history.seconds,
        "final_loss": history.loss[-1],
        "final_val_loss": history.val_loss[-1],
        "test_mse": metrics.mean_squared_error(task.y_test, predictions),
        "test_mae": metrics.mean_absolute_error(task.y_test, predictions),
        "baseline_test_mse": metrics.mean_squared_error(task.y_test, baseline),
        "loss": history.loss,
        "val_loss": history.val_loss,
        "machine": machine_description(),
        "gru_lib_version": __version__,
    }
    _write_outputs(args.out, task, history, predictions, results)
    print(
        f"Test MSE {results['test_mse']:.4g} (always predicting the training mean: "
        f"{results['baseline_test_mse']:.4g}). Wrote {', '.join(OUTPUT_FILES)} to {args.out}."
    )
    return results


def run_text_training(
    args: argparse.Namespace, sizes: dict[str, int], *, progress: TextIO | None = None
) -> dict:
    """Train a character-level language model as ``args`` say and write its three files.

    The text is the start of :func:`gru_lib.data.text.python_docs_text` (``--characters``), split
    in reading order 80/10/10; the model is :func:`gru_lib.models.char_lm.build_char_lm`, trained
    through :func:`gru_lib.training.engine.fit`. ``metrics.json`` holds the test perplexity beside
    the unigram and bigram baselines fitted on the training text; ``samples.txt`` holds seeded
    samples at each of :data:`SAMPLE_TEMPERATURES`.
    """
    checks.instance(args, "args", argparse.Namespace)
    checks.instance(sizes, "sizes", dict)
    if args.model != "gru":
        raise checks.invalid(
            "--model", f"--task text trains a GRU language model, got --model {args.model}."
        )
    characters = checks.integer(sizes["characters"], "--characters", minimum=10)
    text = text_data.python_docs_text()[:characters]
    vocabulary = text_data.CharVocabulary.from_text(text)
    task = text_data.next_character_task(text, vocabulary, window=sizes["window"])
    print(f"Training gru ({args.units} units) on {task.name}: {describe_sizes(task)}.", flush=True)
    model = language_model.build_char_lm(
        vocabulary.size, units=args.units, learning_rate=args.learning_rate, seed=args.seed
    )
    settings = engine.TrainingSettings(epochs=args.epochs, batch_size=args.batch_size)
    callbacks = [] if progress is None else [EpochProgress(args.epochs, progress)]
    history = engine.fit(model, task, settings, seed=args.seed, callbacks=callbacks)
    logits = engine.predict(model, task.x_test)
    train_codes = vocabulary.encode(text_data.chronological_split(text)[0])
    previous = task.x_test.argmax(axis=-1)
    baselines = {
        f"{name}_test_perplexity": CharNGram(order=order, vocabulary_size=vocabulary.size)
        .fit(train_codes)
        .perplexity(previous, task.y_test)
        for name, order in (("unigram", 1), ("bigram", 2))
    }
    results = {
        "task": args.task,
        "model": args.model,
        "options": _options(args, sizes),
        "sizes": task.sizes(),
        "vocabulary_size": vocabulary.size,
        "parameters": model.count_params(),
        "train_seconds": history.seconds,
        "final_loss": history.loss[-1],
        "final_val_loss": history.val_loss[-1],
        "test_perplexity": language_model.perplexity(
            engine.score_predictions(task, logits)["test_loss"]
        ),
        **baselines,
        "loss": history.loss,
        "val_loss": history.val_loss,
        "machine": machine_description(),
        "gru_lib_version": __version__,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    title = f"Loss of gru ({args.units} units) on {task.name}"
    figure = plots.loss_curves(history, title=title, ylabel="cross-entropy (nats per character)")
    figure.savefig(args.out / "loss_curve.png", dpi=120)
    prompt = text[-200:]  # the text's end, so the samples continue from where reading stopped
    samples = [
        f"temperature {t}:\n"
        + language_model.sample_text(
            model, vocabulary, prompt, length=400, temperature=t, seed=args.seed
        )
        for t in SAMPLE_TEMPERATURES
    ]
    (args.out / "samples.txt").write_text("\n\n".join(samples) + "\n")
    (args.out / "metrics.json").write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"Test perplexity {results['test_perplexity']:.4g} (unigram "
        f"{results['unigram_test_perplexity']:.4g}, "
        f"bigram {results['bigram_test_perplexity']:.4g}). "
        f"Wrote {', '.join(TEXT_OUTPUT_FILES)} to {args.out}."
    )
    return results


def _options(args: argparse.Namespace, sizes: dict[str, int]) -> dict:
    """Every option that shaped the run, as JSON values: the data-size ones of this task only."""
    shown = {key: value for key, value in vars(args).items() if key not in DATA_SIZE_OPTIONS}
    shown["out"] = str(args.out)
    return shown | sizes


def _write_outputs(
    out: Path, task: data.TaskData, history: TrainingHistory, predictions: np.ndarray, results: dict
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    title = f"{results['model']} ({results['options']['units']} units) on {task.name}"
    loss_figure = plots.loss_curves(
        history,
        title=f"Loss of {title}",
        baseline=results["baseline_test_mse"],
        baseline_label="always predict the training mean (test)",
    )
    loss_figure.savefig(out / "loss_curve.png", dpi=120)
    scatter = plots.predicted_vs_actual(task.y_test, predictions, title=f"Test set, {title}")
    scatter.savefig(out / "predictions.png", dpi=120)
    (out / "metrics.json").write_text(json.dumps(results, indent=2) + "\n")
