"""gru_book: the book's own plumbing, kept out of the library.

Installed with ``pip install -e ".[book]"``. :mod:`~gru_book.glue` puts computed numbers into
prose, :mod:`~gru_book.explorer` exports a trained GRU for the gates chapter's explorer,
:mod:`~gru_book.toc` reads the table of contents, :mod:`~gru_book.benchmark_report` is the
schema and the one reader of ``benchmarks/latest.json``, and :mod:`gru_book.sphinx` holds the
Sphinx extensions the build loads. It imports gru_lib; gru_lib never imports it.
"""

__all__: list[str] = []
