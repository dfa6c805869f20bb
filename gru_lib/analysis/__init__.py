"""Analysis: what the book measures of models and runs (gradients, memory, statistics, ...), and
the verdicts a page prints from those numbers.

Each module returns data and draws nothing; :mod:`gru_lib.plots` mirrors it with the figures.
"""

__all__: list[str] = []
