"""Analysis: what the book measures of models and runs (gradients, memory, statistics, ...).

Each module returns data and draws nothing; :mod:`gru_lib.plots` mirrors it with the figures.
"""

__all__: list[str] = []
