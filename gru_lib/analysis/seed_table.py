"""One table of scores over seeds: a row per model, a column per task, each cell "mean ± std".

Tasks may be scored by different metrics (an MSE for a regression, an accuracy for a
classification), so each task names its own. It reads the table
:func:`gru_lib.training.runs.run_experiments` returns and never trains.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from gru_lib import checks
from gru_lib.training.runs import summarize

__all__ = ["mean_std_table"]


def mean_std_table(
    results: pd.DataFrame, metrics: Mapping[str, str], *, digits: int = 3
) -> pd.DataFrame:
    """``metrics[task]`` of every model on every task, as ``"mean ± std"`` over the seeds.

    ``results`` has one row per run with columns ``task``, ``model``, ``seed`` and the metrics;
    ``metrics`` maps each task to show to its metric column. Rows are the models in the order
    they first appear, columns ``"<task>: <metric>"`` without the ``test_`` prefix; a model not
    run on a task gets ``"—"``. The std is the sample one (``ddof=1``).

    >>> runs = pd.DataFrame({"task": ["a"] * 4, "model": ["m", "m", "n", "n"],
    ...                      "seed": [0, 1, 0, 1], "test_mse": [1.0, 3.0, 2.0, 2.0]})
    >>> mean_std_table(runs, {"a": "test_mse"}, digits=2).to_dict("index")
    {'m': {'a: mse': '2.00 ± 1.41'}, 'n': {'a: mse': '2.00 ± 0.00'}}
    """
    if not isinstance(metrics, Mapping) or not metrics:
        raise checks.invalid(
            "metrics",
            f"Expected a non-empty mapping of task name to metric column, got metrics={metrics!r}.",
        )
    if not isinstance(results, pd.DataFrame) or "task" not in results.columns:
        raise checks.invalid(
            "results",
            "Expected a DataFrame with a "
            f"`task` column (see run_experiments), got {type(results).__name__}.",
        )
    unknown = set(metrics) - set(results["task"])
    if unknown:
        raise checks.invalid(
            "metrics",
            f"Tasks {sorted(unknown)} are not "
            f"in `results`, whose tasks are {sorted(set(results['task']))}.",
        )
    models = list(dict.fromkeys(results["model"]))
    columns = {}
    for task, metric in metrics.items():
        summary = summarize(results[results["task"] == task], metric).set_index("model")
        cells = {
            model: f"{row['mean']:.{digits}f} ± {row['std']:.{digits}f}"
            for model, row in summary.iterrows()
        }
        columns[f"{task}: {metric.removeprefix('test_')}"] = [
            cells.get(model, "—") for model in models
        ]
    return pd.DataFrame(columns, index=pd.Index(models, name="model"))
