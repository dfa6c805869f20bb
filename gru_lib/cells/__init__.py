"""Cells: the GRU step from its equations, the layer that runs it, its backward pass, and minGRU.

- :mod:`~gru_lib.cells.gru`: ``gru_step`` and the layer ``ScratchGRU``;
- :mod:`~gru_lib.cells.backward`: the GRU's backward pass by hand, in NumPy;
- :mod:`~gru_lib.cells.min_gru`: minGRU's gates and the layer ``MinGRU``;
- :mod:`~gru_lib.cells.scan`: the one loop over time both layers run, and the scans;
- :mod:`~gru_lib.cells.closed_form`: the closed form of the linear recurrence, in NumPy;
- :mod:`~gru_lib.cells.min_gru_reference`: minGRU as a NumPy loop, the layer's oracle.
"""

__all__: list[str] = []
