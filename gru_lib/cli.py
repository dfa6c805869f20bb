"""The command line, for readers who want to train a model without a notebook.

``python -m gru_lib train --task sine --model gru --epochs 20 --out outputs/`` builds one of the
book's tasks, trains one recurrent regressor on it with :func:`gru_lib.training.train`, and writes
three files to the folder named: ``loss_curve.png``, ``predictions.png`` and ``metrics.json``.
Everything is computed by the same library functions the chapters call; this module only parses
options, wires those functions together and writes their results.

>>> args = build_parser().parse_args(["train", "--task", "adding", "--epochs", "5"])
>>> args.task, args.model, args.epochs
('adding', 'gru', 5)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import keras
import numpy as np

from gru_lib import __version__, checks, data, engine, language_model, metrics, plots
from gru_lib.baselines import CharNGram
from gru_lib.data import text as text_data
from gru_lib.models import ACTIVATIONS, OPTIMIZERS, RECURRENT_LAYERS, build_regressor
from gru_lib.runtime import machine_description
from gru_lib.training import TrainingHistory, predict, train

PROG = "python -m gru_lib"
# Each task's data-size options and their defaults; an option missing from a task's entry does
# not apply to it. On the command line they default to None, meaning "not given".
TASK_DEFAULTS: dict[str, dict[str, int]] = {
    "sine": {"window": 20, "series_length": 1200},
    "sunspots": {"window": 20},
    "adding": {"length": 50, "samples": 2000},
    "uniform-mean": {"length": 10, "samples": 1000},
    "text": {"window": 64, "characters": 500_000},
}
TASKS = tuple(TASK_DEFAULTS)
# Each data-size option: its metavar and what it means (the tasks it applies to come from above).
DATA_SIZE_OPTIONS: dict[str, tuple[str, str]] = {
    "window": ("STEPS", "past steps the model sees per forecast"),
    "series_length": ("STEPS", "steps of the simulated series"),
    "length": ("STEPS", "time steps per sequence"),
    "samples": ("N", "training sequences to draw; validation and test get a quarter as many each"),
    "characters": ("N", "characters of the Python documentation to use, from its start"),
}
OUTPUT_FILES = ("loss_curve.png", "predictions.png", "metrics.json")
TEXT_OUTPUT_FILES = ("loss_curve.png", "samples.txt", "metrics.json")
SAMPLE_TEMPERATURES = (0.5, 1.0)


class _OneLineErrorParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, without the usage block above it."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m gru_lib``, with one sub-command, ``train``."""
    parser = _OneLineErrorParser(
        prog=PROG,
        description="Train the networks of 'Learning Gated Recurrent Units' from a shell.",
    )
    parser.add_argument("--version", action="version", version=f"gru_lib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    train_parser = commands.add_parser(
        "train",
        help="train one model on one task and write its loss curve, predictions and metrics",
        description=(
            "Train one single-layer recurrent regressor (Input -> recurrent layer -> Dense(1), "
            "MSE loss) on one of the book's tasks, then write loss_curve.png, predictions.png and "
            "metrics.json to --out. The same options and seed give the same numbers."
        ),
        epilog=(
            "Tasks: 'sine' forecasts the next value of a simulated noisy sine wave; 'sunspots' "
            "forecasts the next yearly sunspot number (1700-2008, bundled with statsmodels); "
            "'adding' is Hochreiter & Schmidhuber's adding problem; 'uniform-mean' predicts the "
            "mean of a sequence of uniform random numbers; 'text' trains a character-level "
            "language model (a GRU, --model gru only) on the Python documentation in "
            "pydoc_data.topics and writes samples.txt instead of predictions.png. Series and text "
            "are split in time "
            "order; series are standardised with the training part's mean and standard "
            "deviation, so their losses are in standard deviations squared."
        ),
    )
    add_train_arguments(train_parser)
    return parser


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``train`` to ``parser``, each with a help line saying its default."""
    what = parser.add_argument_group("what to train")
    what.add_argument(
        "--task", choices=TASKS, default="sine", help="the data set to learn (default: %(default)s)"
    )
    what.add_argument(
        "--model",
        choices=list(RECURRENT_LAYERS),
        default="gru",
        help="the recurrent layer (default: %(default)s)",
    )
    what.add_argument(
        "--units",
        metavar="N",
        type=int,
        default=32,
        help="size of the hidden state (default: %(default)s)",
    )
    what.add_argument(
        "--activation",
        choices=ACTIVATIONS,
        default="tanh",
        help="output activation of the recurrent layer (default: %(default)s)",
    )

    how = parser.add_argument_group("how to train")
    how.add_argument(
        "--epochs",
        metavar="N",
        type=int,
        default=20,
        help="passes over the training data (default: %(default)s)",
    )
    how.add_argument(
        "--batch-size",
        metavar="N",
        type=int,
        default=32,
        help="sequences per gradient step (default: %(default)s)",
    )
    how.add_argument(
        "--optimizer",
        choices=list(OPTIMIZERS),
        default="adam",
        help="the gradient-descent rule (default: %(default)s)",
    )
    how.add_argument(
        "--learning-rate",
        metavar="LR",
        type=float,
        default=1e-3,
        help="step size of the optimizer (default: %(default)s)",
    )
    how.add_argument(
        "--clipnorm",
        metavar="NORM",
        type=float,
        default=None,
        help="clip each gradient to at most this norm (default: no clipping)",
    )
    how.add_argument(
        "--seed",
        metavar="N",
        type=int,
        default=0,
        help="seeds the data, the initial weights and the batch order (default: %(default)s)",
    )

    sizes = parser.add_argument_group("data size (each option applies to some tasks only)")
    for option, (metavar, meaning) in DATA_SIZE_OPTIONS.items():
        sizes.add_argument(
            f"--{option.replace('_', '-')}",
            metavar=metavar,
            type=int,
            default=None,
            help=_data_size_help(option, meaning),
        )

    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=Path("outputs"),
        help="folder to write the three files to; created if missing (default: %(default)s)",
    )


def _data_size_help(option: str, meaning: str) -> str:
    defaults = ", ".join(
        f"{sizes[option]} for {task}" for task, sizes in TASK_DEFAULTS.items() if option in sizes
    )
    return f"{meaning} (default: {defaults}; other tasks reject it)"


def task_options(args: argparse.Namespace) -> dict[str, int]:
    """The data-size options of ``args.task``, defaults filled in; others given are an error."""
    defaults = TASK_DEFAULTS[args.task]
    for option in DATA_SIZE_OPTIONS:
        if getattr(args, option) is not None and option not in defaults:
            raise ValueError(
                f"Received an invalid value for argument `{_option_flag(option)}`: it does not "
                f"apply to "
                f"--task {args.task}, whose data-size options are "
                f"{', '.join(_option_flag(name) for name in defaults)}."
            )
    given = {option: getattr(args, option) for option in defaults}
    return {option: defaults[option] if value is None else value for option, value in given.items()}


def build_task(task: str, options: dict[str, int], *, seed: int) -> data.TaskData:
    """The :class:`~gru_lib.data.TaskData` for ``task`` with the sizes from :func:`task_options`.

    Every task but ``"text"``, whose model and vocabulary come with it (:func:`run_text_training`).
    """
    if task == "text":
        raise ValueError("Received an invalid value for argument `task`: use run_text_training.")
    if task == "sine":
        series = data.noisy_sine(length=options["series_length"], seed=seed)
        return data.chronological_forecasting_task(
            series, window=options["window"], name="noisy sine"
        )
    if task == "sunspots":
        _, values = data.sunspots()
        return data.chronological_forecasting_task(
            values, window=options["window"], name="sunspots"
        )
    n_train = options["samples"]
    n_held_out = max(n_train // 4, 1)
    if task == "adding":
        return data.adding_task(
            length=options["length"],
            n_train=n_train,
            n_val=n_held_out,
            n_test=n_held_out,
            seed=seed,
        )
    return data.uniform_mean_task(
        n_train=n_train, n_val=n_held_out, n_test=n_held_out, length=options["length"], seed=seed
    )


def _option_flag(option: str) -> str:
    return "--" + option.replace("_", "-")


class EpochProgress(keras.callbacks.Callback):
    """A progress bar redrawn in place after every epoch: ``epoch 3/20 [###---] loss ...``."""

    def __init__(self, epochs: int, stream: TextIO, width: int = 30) -> None:
        super().__init__()
        self.epochs, self.stream, self.width = epochs, stream, width

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        done = epoch + 1
        filled = round(self.width * done / self.epochs)
        bar = "#" * filled + "-" * (self.width - filled)
        losses = "  ".join(
            f"{name} {value:.4g}" for name, value in (logs or {}).items() if "loss" in name
        )
        digits = len(str(self.epochs))
        # "\r" returns to the start of the line, so the bar is redrawn rather than scrolled.
        self.stream.write(f"\repoch {done:>{digits}}/{self.epochs} [{bar}] {losses}")
        if done == self.epochs:
            self.stream.write("\n")
        self.stream.flush()


def run_training(args: argparse.Namespace, *, progress: TextIO | None = None) -> dict:
    """Train as ``args`` say, write the three output files, and return the metrics written.

    ``progress`` is a stream to draw the per-epoch progress bar on, or ``None`` for no bar.
    """
    sizes = task_options(args)
    if args.task == "text":
        return run_text_training(args, sizes, progress=progress)
    task = build_task(args.task, sizes, seed=args.seed)
    print(
        f"Training {args.model} ({args.units} units) on {task.name}: {_describe_sizes(task)}.",
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
    history = train(
        model,
        task,
        epochs=args.epochs,
        batch_size=args.batch_size,
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
    in reading order 80/10/10; the model is :func:`gru_lib.language_model.build_char_lm`, trained
    through :func:`gru_lib.engine.fit`. ``metrics.json`` holds the test perplexity beside the
    unigram and bigram baselines fitted on the training text; ``samples.txt`` holds seeded
    samples at each of :data:`SAMPLE_TEMPERATURES`.
    """
    if args.model != "gru":
        raise ValueError(
            f"Received an invalid value for argument `--model`: --task text trains a GRU "
            f"language model, got --model {args.model}."
        )
    characters = checks.integer(sizes["characters"], "--characters", minimum=10)
    text = text_data.python_docs_text()[:characters]
    vocabulary = text_data.CharVocabulary.from_text(text)
    task = text_data.next_character_task(text, vocabulary, window=sizes["window"])
    print(f"Training gru ({args.units} units) on {task.name}: {_describe_sizes(task)}.", flush=True)
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


def _describe_sizes(task: data.TaskData) -> str:
    return ", ".join(f"{count} {part}" for part, count in task.sizes().items()) + " sequences"


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Usage errors and invalid values print one line on stderr and return 2; a folder that cannot
    be written returns 1. No traceback reaches the reader.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error already printed
        return int(exit_.code or 0)
    # The bar is for people watching a terminal; logs and pipes get only the summary lines.
    progress = sys.stderr if sys.stderr.isatty() else None
    try:
        run_training(args, progress=progress)
    except ValueError as error:  # gru_lib's validation names the argument and the value
        return _fail(f"{PROG} {args.command}: error: {error}", status=2)
    except OSError as error:
        return _fail(f"{PROG} {args.command}: error: cannot write to {args.out}: {error}", status=1)
    return 0


def _fail(message: str, *, status: int) -> int:
    print(" ".join(message.split()), file=sys.stderr)  # one line, whatever the message held
    return status
