"""Data sets for the book: each returns NumPy arrays of shape ``(samples, time, features)``."""

from gru_lib.data.adding import adding_problem, adding_task
from gru_lib.data.digits import digits_task
from gru_lib.data.reset_sum import reset_sum, reset_sum_task
from gru_lib.data.scaling import SeriesScaler
from gru_lib.data.selective_copying import selective_copying, selective_copying_task
from gru_lib.data.series import noisy_sine, sunspots
from gru_lib.data.task import TaskData
from gru_lib.data.uniform_mean import uniform_mean_task
from gru_lib.data.windows import chronological_forecasting_task, sliding_windows

__all__ = [
    "SeriesScaler",
    "TaskData",
    "adding_problem",
    "adding_task",
    "chronological_forecasting_task",
    "digits_task",
    "noisy_sine",
    "reset_sum",
    "reset_sum_task",
    "selective_copying",
    "selective_copying_task",
    "sliding_windows",
    "sunspots",
    "uniform_mean_task",
]
