"""Plot helpers: each takes data, draws one figure in the book's style, and returns it closed."""

from gru_lib.plots.gradients import clipping_demo, gradient_decay
from gru_lib.plots.sweeps import sweep_panels
from gru_lib.plots.training import forecasts, loss_curves, predicted_vs_actual

__all__ = [
    "clipping_demo",
    "forecasts",
    "gradient_decay",
    "loss_curves",
    "predicted_vs_actual",
    "sweep_panels",
]
