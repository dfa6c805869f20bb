"""One palette and legible text: every plot helper draws each model family in its own colour and
line style, keeps its legend off the data and has no text smaller than 9 px at the column width."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex

from gru_lib import plots
from gru_lib.plots.style import FAMILY_STYLES, MIN_FONT_PX, family, model_style, smallest_font_px
from gru_lib.training.records import TrainingHistory

HISTORY = TrainingHistory(loss=[1.0, 0.5, 0.2], val_loss=[1.1, 0.6, 0.3], seconds=1.0)
RESULTS = pd.DataFrame(
    {
        "task": ["noisy sine"] * 4 + ["adding problem"] * 4,
        "model": ["gru (16)", "gru (16)", "lstm (16)", "lstm (16)"] * 2,
        "seed": [0, 1] * 4,
        "test_mse": [0.2, 0.25, 0.3, 0.28, 0.01, 0.02, 0.03, 0.02],
        "train_seconds": [1.0] * 8,
        "epochs": [4] * 8,
    }
)
MEMORY_SUMMARY = pd.DataFrame(
    {"cell": ["tanh RNN"] * 2 + ["GRU"] * 2, "length": [10, 20] * 2,
     "mean": [1.0, 1.0, 0.01, 0.02], "min": [0.9, 0.9, 0.005, 0.01], "max": [1.1, 1.1, 0.02, 0.03]}
)  # fmt: skip
MARKED = np.zeros((2, 6, 2), np.float32)
MARKED[:, [1, 4], 1] = 1.0


def every_figure():
    trace = TrainingHistory([1.0], [1.0], 0.1, step_loss=[1.0, 0.5], step_gradient_norm=[3.0, 1.0])
    sweep = pd.DataFrame(
        {"setting": ["units"] * 4, "value": ["32", "32", "4", "4"],
         "is_base": [True, True, False, False], "test_mse": [1e-4, 2e-4, 1e-3, 2e-3]}
    )  # fmt: skip
    throughput = pd.DataFrame(
        {"device": "cpu", "layer": ["gru", "lstm", "scratch_gru"], "time": 20, "units": 16,
         "ratio_to_gru": [1.0, 0.8, 0.9]}
    )  # fmt: skip
    return {
        "loss_curves": plots.loss_curves({"GRU": HISTORY, "tanh RNN": HISTORY}, baseline=0.5),
        "predicted_vs_actual": plots.predicted_vs_actual(np.arange(5.0), np.arange(5.0)),
        "forecasts": plots.forecasts(
            np.arange(5.0), np.zeros(5), {"GRU": np.ones(5), "linear AR": np.ones(5)}, title="t"
        ),
        "gradient_decay": plots.gradient_decay(
            {"tanh RNN, ρ = 1": 0.9 ** np.arange(20), "GRU": 0.95 ** np.arange(20)}
        ),
        "clipping_demo": plots.clipping_demo({"a": trace, "b": trace}),
        "metric_by_model": plots.metric_by_model(
            RESULTS, references={"noisy sine": 0.5}, floors={"noisy sine": 0.1}
        ),
        "seconds_per_epoch": plots.seconds_per_epoch(RESULTS),
        "sweep_panels": plots.sweep_panels(sweep, reference=1e-2, reference_label="constant"),
        "throughput_ratios": plots.throughput_ratios(throughput),
        "gate_heatmaps": plots.gate_heatmaps({"z": np.full((2, 5, 3), 0.5)}, np.eye(2, 5)),
        "gru_cell_diagram": plots.gru_cell_diagram(),
        "state_over_time": plots.state_over_time(np.zeros((2, 6)), np.eye(2, 6), np.ones((2, 6))),
        "memory_curve": plots.memory_curve(MEMORY_SUMMARY, threshold=0.05),
        "difference_intervals": plots.difference_intervals(
            pd.DataFrame(
                {
                    "task": ["t", "u"],
                    "first": "GRU",
                    "second": "LSTM",
                    "difference": [-0.1, 0.0],
                    "low": [-0.2, -0.1],
                    "high": [0.0, 0.1],
                }
            )
        ),
        "counting_accuracy": plots.counting_accuracy(
            pd.DataFrame(
                {
                    "cell": ["GRU", "GRU", "LSTM", "LSTM"],
                    "seed": 0,
                    "n": [1, 2] * 2,
                    "accuracy": [1.0, 0.8, 1.0, 1.0],
                }
            ),
            largest_n=1,
        ),
        "connectivity_maps": plots.connectivity_maps(
            {"tanh RNN": np.ones((2, 6)), "GRU": np.eye(2, 6) + 1e-3}, MARKED
        ),
    }


def test_labels_used_in_the_chapters_map_to_their_family():
    assert [family(label) for label in ["GRU", "gru (16)", "LSTM (12 units)", "tanh RNN, ρ = 2",
            "simple_rnn (16)", "ScratchGRU", "scratch_gru (16)", "minGRU", "min_gru (8)",
            "linear AR", "last value", "noise-free", "clipnorm = 1"]] == [
        "gru", "gru", "lstm", "simple_rnn", "simple_rnn", "scratch_gru", "scratch_gru",
        "min_gru", "min_gru", "linear_ar", "last_value", "noise_free", None,
    ]  # fmt: skip


def test_every_family_has_its_own_colour_and_its_own_line_style():
    colours = [to_hex(style["color"]) for style in FAMILY_STYLES.values()]
    dashes = [str(style["linestyle"]) for style in FAMILY_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert len(set(dashes)) == len(dashes) - 1  # "actual" and the GRU are both solid


def test_a_gru_is_drawn_in_the_same_style_in_every_line_figure():
    gru = model_style("GRU")
    loss = plots.loss_curves({"GRU": HISTORY, "LSTM": HISTORY}).axes[0].get_lines()
    forecast = plots.forecasts(np.arange(3.0), np.zeros(3), {"GRU": np.ones(3)}, title="t")
    decay = plots.gradient_decay({"GRU": 0.9 ** np.arange(5)}).axes[0].get_lines()
    for line in [loss[0], loss[1], forecast.axes[0].get_lines()[1], decay[0]]:
        assert to_hex(line.get_color()) == to_hex(gru["color"])
        assert line.get_linestyle() == "-"
    assert to_hex(loss[2].get_color()) == to_hex(model_style("LSTM")["color"])
    assert loss[2].get_linestyle() == "--"


def test_bars_take_their_model_family_colour():
    bars = plots.metric_by_model(RESULTS).axes[0].patches
    assert to_hex(bars[0].get_facecolor()) == to_hex(FAMILY_STYLES["gru"]["color"])
    assert to_hex(bars[1].get_facecolor()) == to_hex(FAMILY_STYLES["lstm"]["color"])


def test_the_accuracy_figure_draws_the_noise_floor_and_the_sweep_its_reference():
    figure = plots.metric_by_model(RESULTS, references={"noisy sine": 0.5},
                                   floors={"noisy sine": 0.1})  # fmt: skip

    def levels(ax):  # the reference lines; error bar caps are lines too
        return sorted(
            line.get_ydata()[0] for line in ax.get_lines() if line.get_linestyle() in {":", "-."}
        )

    assert levels(figure.axes[0]) == [0.1, 0.5]
    assert levels(figure.axes[1]) == []  # no floor or reference given for the adding problem
    labels = [text.get_text() for text in figure.legends[0].get_texts()]
    assert labels == ["baseline", "noise floor"]
    sweep = plots.sweep_panels(
        pd.DataFrame({"setting": ["units"], "value": ["4"], "is_base": [True], "test_mse": [1e-3]}),
        reference=0.0083,
    )
    assert levels(sweep.axes[0]) == [0.0083]


@pytest.mark.parametrize("name", list(every_figure()))
def test_no_text_is_smaller_than_9_px_at_the_column_width(name):
    assert smallest_font_px(every_figure()[name]) >= MIN_FONT_PX


@pytest.mark.parametrize("name", ["loss_curves", "forecasts", "gradient_decay", "metric_by_model"])
def test_legends_sit_outside_the_axes(name):
    figure = every_figure()[name]
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    assert all(ax.get_legend() is None for ax in figure.axes)
    for legend in figure.legends:
        box = legend.get_window_extent(renderer)
        for ax in figure.axes:
            assert not box.overlaps(ax.get_window_extent(renderer))
