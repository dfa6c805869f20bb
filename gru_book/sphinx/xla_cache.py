"""Sphinx extension: the chapters' kernels share a persistent XLA cache in ``_build/.xla-cache``.

Every chapter's kernel is a new process, and the engine compiles its programs with XLA in each of
them. With TensorFlow's persistent cache (:mod:`gru_lib.xla_cache`) a program compiled once, by
this build or an earlier one, is loaded instead of compiled again. TensorFlow reads the setting
when a kernel imports it, so it is put into the environment when the configuration is read, before
any kernel starts (the parallel pool's and myst-nb's kernels inherit this process's environment).

The folder sits beside the execution cache (``_build/.jupyter_cache``); ``make clean`` and
``make clean-cache`` remove both, and :func:`gru_lib.xla_cache.use_persistent_cache` empties it
when TensorFlow, Keras or the CPU change. ``GRU_LIB_XLA_CACHE`` names another folder, or ``off``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from gru_lib.xla_cache import chosen_directory, use_persistent_cache

logger = logging.getLogger(__name__)
FOLDER = ".xla-cache"


def enable_for_kernels(app: Sphinx, config) -> None:
    directory = chosen_directory(Path(app.outdir).parent / FOLDER)
    if directory is None:
        logger.info("persistent XLA cache off (GRU_LIB_XLA_CACHE)")
        return
    folder = use_persistent_cache(directory)
    logger.info("persistent XLA cache: %s", folder)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", enable_for_kernels)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
