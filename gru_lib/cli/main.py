"""The command line, for readers who want to train a model without a notebook.

``python -m gru_lib train --task sine --model gru --epochs 20 --out outputs/`` builds one of the
book's tasks, trains one recurrent regressor on it with :func:`gru_lib.training.engine.fit`, and
writes
three files to the folder named: ``loss_curve.png``, ``predictions.png`` and ``metrics.json``.
Everything is computed by the same library functions the chapters call. This module only parses
options and dispatches: the tasks live in :mod:`gru_lib.data.tasks`, the run and its files in
:mod:`gru_lib.cli.runner`, the progress bar in :mod:`gru_lib.cli.progress`.

>>> args = build_parser().parse_args(["train", "--task", "adding", "--epochs", "5"])
>>> args.task, args.model, args.epochs
('adding', 'gru', 5)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gru_lib import __version__, checks
from gru_lib.data.tasks import DATA_SIZE_OPTIONS, TASK_DEFAULTS, TASKS
from gru_lib.models.spec import ACTIVATIONS, LAYER_NAMES, OPTIMIZER_NAMES
from gru_lib.studies.cli import add_studies_command
from gru_lib.xla_cache import chosen_directory, use_persistent_cache

__all__ = [
    "PROG", "add_train_arguments", "build_parser", "main", "task_options", "use_xla_cache",
]  # fmt: skip

PROG = "python -m gru_lib"


class _OneLineErrorParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, without the usage block above it."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m gru_lib``, with the sub-commands ``train`` and ``studies``.

    >>> build_parser().parse_args(["train"]).command
    'train'
    """
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
    add_studies_command(commands)
    return parser


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``train`` to ``parser``, each with a help line saying its default.

    >>> parser = argparse.ArgumentParser()
    >>> add_train_arguments(parser)
    >>> parser.parse_args([]).task
    'sine'
    """
    checks.instance(parser, "parser", argparse.ArgumentParser)
    what = parser.add_argument_group("what to train")
    what.add_argument(
        "--task", choices=TASKS, default="sine", help="the data set to learn (default: %(default)s)"
    )
    what.add_argument(
        "--model",
        choices=LAYER_NAMES,
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
        choices=OPTIMIZER_NAMES,
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
    """The data-size options of ``args.task``, defaults filled in; others given are an error.

    >>> task_options(build_parser().parse_args(["train", "--task", "adding"]))
    {'length': 50, 'samples': 2000}
    """
    checks.instance(args, "args", argparse.Namespace)
    defaults = TASK_DEFAULTS[checks.one_of(getattr(args, "task", None), "task", TASKS)]
    for option in DATA_SIZE_OPTIONS:
        if getattr(args, option) is not None and option not in defaults:
            raise checks.invalid(
                _option_flag(option),
                f"It does not apply to --task {args.task}, whose data-size options are "
                f"{', '.join(_option_flag(name) for name in defaults)}.",
            )
    given = {option: getattr(args, option) for option in defaults}
    return {option: defaults[option] if value is None else value for option, value in given.items()}


def _option_flag(option: str) -> str:
    return "--" + option.replace("_", "-")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Usage errors and invalid values print one line on stderr and return 2; a folder that cannot
    be written returns 1. No traceback reaches the reader.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     status = main(["--version"])
    >>> status
    0
    """
    if argv is not None and (
        isinstance(argv, str) or not all(isinstance(item, str) for item in argv)
    ):
        raise checks.expected("argv", "a list of strings or None", argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error already printed
        return int(exit_.code or 0)
    if args.command == "studies":  # run, list or reproduce the stored studies
        try:
            return args.handler(args)
        except ValueError as error:
            return _fail(f"{PROG} studies: error: {error}", status=2)
    # The bar is for people watching a terminal; logs and pipes get only the summary lines.
    progress = sys.stderr if sys.stderr.isatty() else None
    # Imported here, not above: --help and usage errors answer without loading TensorFlow.
    from gru_lib.cli.runner import run_training

    try:
        run_training(args, task_options(args), progress=progress)
    except ValueError as error:  # gru_lib's validation names the argument and the value
        return _fail(f"{PROG} {args.command}: error: {error}", status=2)
    except OSError as error:
        return _fail(f"{PROG} {args.command}: error: cannot write to {args.out}: {error}", status=1)
    return 0


def use_xla_cache(command: str) -> Path | None:
    """Turn on the persistent XLA cache (:mod:`gru_lib.xla_cache`) for a process about to run
    ``command`` (``"train"`` or ``"studies"``; any other trains nothing and gets None), before
    TensorFlow loads: ``python -m gru_lib`` calls it first. Returns the cache's folder.

    The folder is the book build's ``_build/.xla-cache`` in a clone of the repository, else
    ``~/.cache/gru_lib/xla-cache``; ``GRU_LIB_XLA_CACHE`` names another, or ``off``. The studies
    cap XLA's instructions (:func:`~gru_lib.studies.provenance.pin_xla`) before compiling, so the
    cap is set first here: programs compiled under it get a folder of their own.

    >>> use_xla_cache("--help") is None
    True
    """
    if not isinstance(command, str):
        raise checks.expected("command", "a command name", command)
    if command not in ("train", "studies"):
        return None
    if command == "studies":
        from gru_lib.studies.provenance import pin_xla

        pin_xla()
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "book").is_dir():
        default = root / "_build" / ".xla-cache"
    else:
        home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        default = Path(home) / "gru_lib" / "xla-cache"
    directory = chosen_directory(default)
    return None if directory is None else use_persistent_cache(directory)


def _fail(message: str, *, status: int) -> int:
    print(" ".join(message.split()), file=sys.stderr)  # one line, whatever the message held
    return status
