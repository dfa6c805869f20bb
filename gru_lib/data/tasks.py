"""The tasks the command line trains on, by name: their data-size options and the data built.

The registry lives in the library, beside the data sets it names, so the command line and any
chapter or script share one description of each task: :data:`TASK_DEFAULTS` says which size
options a task takes and their defaults, :func:`build_task` draws its
:class:`~gru_lib.data.TaskData`.

>>> TASKS
('sine', 'sunspots', 'adding', 'uniform-mean', 'text')
"""

from __future__ import annotations

from gru_lib import checks, data

__all__ = ["DATA_SIZE_OPTIONS", "TASKS", "TASK_DEFAULTS", "build_task", "describe_sizes"]

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


def build_task(task: str, options: dict[str, int], *, seed: int) -> data.TaskData:
    """The :class:`~gru_lib.data.TaskData` for ``task`` with the data sizes ``options``.

    ``task`` is one of :data:`TASKS` and ``options`` holds its entries of :data:`TASK_DEFAULTS`
    (what :func:`gru_lib.cli.main.task_options` fills in). Every task but ``"text"``, whose model
    and vocabulary come with it (:func:`gru_lib.cli.runner.run_text_training`). Inputs are
    ``(samples, time, features)``.

    >>> build_task("adding", {"length": 6, "samples": 8}, seed=0).x_train.shape
    (8, 6, 2)
    """
    task = checks.one_of(task, "task", TASKS)
    checks.instance(options, "options", dict)
    if task == "text":
        raise checks.invalid("task", "Train 'text' with run_text_training.")
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


def describe_sizes(task: data.TaskData) -> str:
    """The sizes of ``task``'s three parts in words, as the command line prints them.

    >>> describe_sizes(build_task("uniform-mean", {"length": 3, "samples": 8}, seed=0))
    '8 train, 2 val, 2 test sequences'
    """
    checks.instance(task, "task", data.TaskData)
    return ", ".join(f"{count} {part}" for part, count in task.sizes().items()) + " sequences"
