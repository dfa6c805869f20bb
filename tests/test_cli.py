"""The command line: `python -m gru_lib train ...` writes its three files and fails politely."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys

import pytest

from gru_lib.cli import main as cli
from gru_lib.cli.progress import EpochProgress
from gru_lib.cli.runner import OUTPUT_FILES, SAMPLE_TEMPERATURES, TEXT_OUTPUT_FILES
from gru_lib.data.tasks import TASK_DEFAULTS, TASKS

# A run small enough for a test: 120 steps of sine cut into windows of 5, 2 epochs of 4 units.
TINY_RUN = [
    "train", "--task", "sine", "--model", "gru", "--series-length", "120", "--window", "5",
    "--units", "4", "--epochs", "2", "--batch-size", "16", "--seed", "3",
]  # fmt: skip


def run_main(argv: list[str]) -> tuple[int, str, str]:
    """``cli.main(argv)`` in this process; returns (status, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = cli.main(argv)
    return status, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory) -> tuple[int, str, str, object]:
    out = tmp_path_factory.mktemp("tiny_run")
    return (*run_main([*TINY_RUN, "--out", str(out)]), out)


def test_train_writes_loss_curve_predictions_and_metrics(tiny_run):
    status, _, _, out = tiny_run
    assert status == 0
    assert sorted(path.name for path in out.iterdir()) == sorted(OUTPUT_FILES)
    for image in ("loss_curve.png", "predictions.png"):
        assert (out / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_metrics_json_records_the_run_and_its_test_error(tiny_run):
    out = tiny_run[3]
    results = json.loads((out / "metrics.json").read_text())
    assert results["task"] == "sine" and results["model"] == "gru"
    assert results["options"]["window"] == 5 and results["options"]["series_length"] == 120
    assert "samples" not in results["options"]  # only the sine task's data-size options
    assert len(results["loss"]) == len(results["val_loss"]) == 2
    assert results["test_mse"] > 0 and results["baseline_test_mse"] > 0
    assert results["sizes"]["test"] > 0


def test_no_progress_bar_when_stderr_is_not_a_terminal(tiny_run):
    status, stdout, stderr, _ = tiny_run
    assert stderr == ""
    assert stdout.startswith("Training gru (4 units) on noisy sine")


def test_same_options_and_seed_give_the_same_metrics(tiny_run, tmp_path):
    status, _, _ = run_main([*TINY_RUN, "--out", str(tmp_path)])
    first = json.loads((tiny_run[3] / "metrics.json").read_text())
    second = json.loads((tmp_path / "metrics.json").read_text())
    assert status == 0
    assert second["loss"] == first["loss"] and second["test_mse"] == first["test_mse"]


def test_progress_bar_redraws_one_line_per_epoch():
    stream = io.StringIO()
    progress = EpochProgress(epochs=3, stream=stream, width=6)
    for epoch in range(3):
        progress.on_epoch_end(epoch, {"loss": 0.5 / (epoch + 1), "val_loss": 0.25, "mae": 9.0})
    drawn = stream.getvalue()
    assert drawn.count("\r") == 3 and drawn.count("\n") == 1 and drawn.endswith("\n")
    assert "epoch 1/3 [##----] loss 0.5  val_loss 0.25" in drawn
    assert "epoch 3/3 [######] loss 0.1667  val_loss 0.25" in drawn
    assert "mae" not in drawn


def test_help_explains_every_option(capsys):
    status = cli.main(["train", "--help"])
    shown = "".join(capsys.readouterr().out.split())  # argparse wraps lines, even at hyphens
    assert status == 0
    train_parser = argparse.ArgumentParser()
    cli.add_train_arguments(train_parser)
    for action in train_parser._actions:
        assert action.help, f"{action.option_strings} has no help"
        assert action.option_strings[-1] in shown
    for task in TASKS:
        assert f"'{task}'" in shown  # the epilog says what each task is
    assert "timestepspersequence" in shown


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["train", "--epochs", "0"], "`epochs`"),
        (["train", "--learning-rate", "-1"], "`learning_rate`"),
        (["train", "--task", "adding", "--window", "5"], "`--window`"),
    ],
)
def test_invalid_value_is_one_line_naming_the_argument(argv, named, tmp_path):
    status, _, stderr = run_main([*argv, "--out", str(tmp_path)])
    assert status == 2
    assert stderr.count("\n") == 1 and named in stderr
    assert not any(tmp_path.iterdir())


@pytest.mark.slow  # starts a fresh interpreter, which imports TensorFlow
def test_bad_option_exits_nonzero_with_one_line_and_no_traceback():
    completed = subprocess.run(
        [sys.executable, "-m", "gru_lib", "train", "--model", "transformer"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1 and "Traceback" not in completed.stderr
    assert "argument --model: invalid choice: 'transformer'" in completed.stderr


def test_text_task_trains_a_language_model_and_writes_samples(tmp_path):
    argv = ["train", "--task", "text", "--characters", "3000", "--window", "20", "--units", "8",
            "--epochs", "2", "--batch-size", "16", "--out", str(tmp_path)]  # fmt: skip
    status, stdout, stderr = run_main(argv)
    assert status == 0 and stderr == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(TEXT_OUTPUT_FILES)
    results = json.loads((tmp_path / "metrics.json").read_text())
    assert results["sizes"] == {"train": 119, "val": 14, "test": 14}
    assert 1 < results["bigram_test_perplexity"] < results["unigram_test_perplexity"]
    assert 1 < results["test_perplexity"] <= results["vocabulary_size"] * 2
    samples = (tmp_path / "samples.txt").read_text()
    assert samples.count("temperature ") == len(SAMPLE_TEMPERATURES)
    assert "Test perplexity" in stdout


def test_text_task_trains_a_gru_only(tmp_path):
    status, _, stderr = run_main(
        ["train", "--task", "text", "--model", "lstm", "--out", str(tmp_path)]
    )
    assert status == 2 and "`--model`" in stderr


@pytest.mark.parametrize(
    ("task", "sizes"),
    [
        ("sunspots", ["--window", "6"]),
        ("adding", ["--length", "8", "--samples", "60"]),
        ("uniform-mean", ["--length", "5", "--samples", "60"]),
    ],
)
def test_every_other_task_trains_and_writes_its_files(task, sizes, tmp_path):
    assert {"sine", "text", task} <= set(TASKS)
    argv = ["train", "--task", task, *sizes, "--model", "lstm", "--units", "3", "--epochs", "2",
            "--batch-size", "16", "--seed", "1", "--out", str(tmp_path)]  # fmt: skip
    status, stdout, stderr = run_main(argv)
    assert status == 0 and stderr == "", stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(OUTPUT_FILES)
    results = json.loads((tmp_path / "metrics.json").read_text())
    assert results["task"] == task and results["model"] == "lstm"
    sizes_of_any_task = {name for task_sizes in TASK_DEFAULTS.values() for name in task_sizes}
    given = sizes_of_any_task & set(results["options"])
    assert given == set(TASK_DEFAULTS[task])  # its own data-size options, no others
    assert len(results["loss"]) == 2 and results["test_mse"] > 0
    assert results["sizes"]["train"] > results["sizes"]["test"] > 0
