"""Plot helpers: each takes data, draws one figure in the book's style, and returns it closed."""

from gru_lib.plots.comparison import metric_by_model, seconds_per_epoch
from gru_lib.plots.diagram import gru_cell_diagram
from gru_lib.plots.gates import gate_heatmaps
from gru_lib.plots.gradients import clipping_demo, gradient_decay
from gru_lib.plots.length_scaling import seconds_by_length
from gru_lib.plots.sweeps import sweep_panels
from gru_lib.plots.throughput import throughput_ratios
from gru_lib.plots.training import forecasts, loss_curves, predicted_vs_actual

__all__ = [
    "clipping_demo",
    "forecasts",
    "gate_heatmaps",
    "gradient_decay",
    "gru_cell_diagram",
    "loss_curves",
    "metric_by_model",
    "predicted_vs_actual",
    "seconds_by_length",
    "seconds_per_epoch",
    "sweep_panels",
    "throughput_ratios",
]
