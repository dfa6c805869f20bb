"""The command line, ``python -m gru_lib``: parsing (:mod:`~gru_lib.cli.main`), one run and its
files (:mod:`~gru_lib.cli.runner`), and the progress bar (:mod:`~gru_lib.cli.progress`)."""

__all__: list[str] = []
