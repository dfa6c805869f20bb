"""gru_lib: the library behind the book *Learning Gated Recurrent Units*.

Importing it configures a quiet, deterministic TensorFlow (see :mod:`gru_lib.runtime`), so import
``gru_lib`` before TensorFlow or Keras.
"""

from gru_lib import runtime  # noqa: I001  (must run before anything imports TensorFlow)
from gru_lib import (
    baselines,
    cudnn,
    data,
    engine,
    experiments,
    forecasting,
    gradients,
    language_model,
    masking,
    length_scaling,
    metrics,
    min_gru,
    models,
    parameters,
    plots,
    scratch_gru,
    specs,
    state,
    sweeps,
    throughput,
    training,
)
from gru_lib.min_gru import MinGRU
from gru_lib.runtime import machine_description, seed_everything
from gru_lib.scratch_gru import ScratchGRU

__version__ = "0.1.0"

__all__ = [
    "MinGRU",
    "ScratchGRU",
    "baselines",
    "cudnn",
    "data",
    "engine",
    "experiments",
    "forecasting",
    "gradients",
    "language_model",
    "length_scaling",
    "machine_description",
    "masking",
    "metrics",
    "min_gru",
    "models",
    "parameters",
    "plots",
    "runtime",
    "scratch_gru",
    "seed_everything",
    "specs",
    "state",
    "sweeps",
    "throughput",
    "training",
]
