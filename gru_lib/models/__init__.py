"""Models: what to build (a :class:`~gru_lib.models.spec.ModelSpec`), building it, and counting
it."""

__all__: list[str] = []
