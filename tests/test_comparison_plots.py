"""The comparison figures: one panel per task, a bar per model, a dot per seed."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from gru_lib.plots.comparison import metric_by_model, seconds_per_epoch


@pytest.fixture
def results():
    rows = []
    for task in ("sine", "adding"):
        for model, base in (("gru (4)", 1.0), ("lstm (4)", 2.0), ("lstm (3)", 3.0)):
            for seed in (0, 1, 2):
                rows.append({"task": task, "model": model, "seed": seed, "test_mse": base + seed,
                             "train_seconds": 2.0 * base, "epochs": 4})  # fmt: skip
    return pd.DataFrame(rows)


def test_metric_by_model_draws_the_mean_and_std_of_each_model_and_every_seed(results):
    figure = metric_by_model(results, references={"adding": 0.5})
    assert isinstance(figure, Figure) and [ax.get_title() for ax in figure.axes] == [
        "sine",
        "adding",
    ]
    sine = figure.axes[0]
    heights = [patch.get_height() for patch in sine.patches]
    assert heights == [2.0, 3.0, 4.0]  # the means of base + 0, 1, 2
    assert sum(len(c.get_offsets()) for c in sine.collections if c.get_offsets().shape[1] == 2) >= 9
    assert [label.get_text() for label in sine.get_xticklabels()] == [
        "gru (4)",
        "lstm (4)",
        "lstm (3)",
    ]
    assert [
        line.get_ydata()[0] for line in figure.axes[1].get_lines() if line.get_linestyle() == ":"
    ] == [0.5]


def test_seconds_per_epoch_divides_the_training_time_by_the_epochs(results):
    figure = seconds_per_epoch(results)
    np.testing.assert_allclose(
        [patch.get_height() for patch in figure.axes[0].patches], [0.5, 1.0, 1.5]
    )
