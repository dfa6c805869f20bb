"""GRU cells: the step equations, forward and backward."""

__all__: list[str] = []
