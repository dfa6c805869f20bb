"""Plot helpers: each takes data, draws one figure in the book's style, and returns it closed."""

from gru_lib.plots.classification import confusion_matrix, misclassified_images
from gru_lib.plots.comparison import difference_intervals, metric_by_model, seconds_per_epoch
from gru_lib.plots.counting import counting_accuracy
from gru_lib.plots.diagram import gru_cell_diagram
from gru_lib.plots.gates import gate_heatmaps
from gru_lib.plots.gradients import clipping_demo, gradient_decay
from gru_lib.plots.length_scaling import seconds_by_length
from gru_lib.plots.memory import connectivity_maps, memory_curve, validation_curves
from gru_lib.plots.states import state_over_time
from gru_lib.plots.sweeps import sweep_panels
from gru_lib.plots.throughput import throughput_ratios
from gru_lib.plots.training import forecasts, loss_curves, predicted_vs_actual

__all__ = [
    "clipping_demo",
    "confusion_matrix",
    "connectivity_maps",
    "counting_accuracy",
    "difference_intervals",
    "forecasts",
    "gate_heatmaps",
    "gradient_decay",
    "gru_cell_diagram",
    "loss_curves",
    "memory_curve",
    "validation_curves",
    "metric_by_model",
    "misclassified_images",
    "predicted_vs_actual",
    "seconds_by_length",
    "seconds_per_epoch",
    "state_over_time",
    "sweep_panels",
    "throughput_ratios",
]
