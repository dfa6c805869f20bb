"""The report's sections by name, each with the function that measures it.

:mod:`benchmarks.book_cost` measures what building the book costs (start-up, the two builds,
each chapter); :mod:`benchmarks.training_speed` measures how fast training runs (train-step
throughput, the seed sweep). :mod:`benchmarks.run` calls them in the order it is given.
"""

from __future__ import annotations

from benchmarks.book_cost import measure_build, measure_chapters, measure_startup
from benchmarks.training_speed import measure_sweep, measure_throughput

MEASURES = {
    "startup": measure_startup,
    "sweep": measure_sweep,
    "build": measure_build,
    "chapters": measure_chapters,
    "throughput": measure_throughput,
}
