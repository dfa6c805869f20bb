"""Sphinx extensions of the book, listed under ``sphinx.extra_extensions`` in ``_config.yml``."""

__all__: list[str] = []
