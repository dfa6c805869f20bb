"""Training: the one engine (:mod:`~gru_lib.training.engine`) and grids of runs over it."""

__all__: list[str] = []
