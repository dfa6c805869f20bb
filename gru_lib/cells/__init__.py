"""Cells: the GRU step from its equations, the GRU layer that runs it, and minGRU with its scans."""

__all__: list[str] = []
