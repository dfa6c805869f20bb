"""Sphinx extension: execute the chapters the cache lacks in parallel, before Sphinx reads them.

Upstream gap: Jupyter Book 1 executes chapters one at a time, with no option to do otherwise
(https://github.com/jupyter-book/jupyter-book/issues/1735, open; the pull request that would have
passed ``-j`` on, #1955, was closed unmerged). ``execute_notebooks: cache`` is myst-nb's
``nb_execution_mode = "cache"``, which executes each page as Sphinx reads it; myst-nb's execution
runs in parallel only under ``sphinx-build -j N``, and ``jupyter-book build`` always starts Sphinx
with one process (``jupyter_book/sphinx.py``: ``jobs = 1``). jupyter-cache's parallel executor
(``jcache project execute --executor local-parallel``) is no configuration of that path: it would
be a separate command before every build. It would fill the same cache (jupytext's reader and
myst-nb's give the same cache hash for all eight chapters, checked), but

- ``library_freshness`` empties the cache at the start of a build that finds no stamp or a
  changed fingerprint: a clean build and the first build after a gru_lib change, the very builds
  that execute every chapter, so the command's work would be thrown away there;
- it executes every stale notebook in the cache's project, and myst-nb adds the timing pages
  (``parallel_execution_alone``) to that project itself, so they would no longer run alone;
- its ``multiprocessing.Pool`` takes no initializer and no order, so its kernels cannot be held to
  one thread each (other than by the calling shell's environment) nor the longest chapters started
  first, and it logs through multiprocessing to stderr;
- every caller of ``jupyter-book build`` (``make book``, ``make pdf``, the tests' builds, the
  workflows, ``make bench``'s timed clean build) would have to run it first.

What this extension does: myst-nb executes notebooks one at a time, as Sphinx reads each page, so
a clean build of this book runs its chapters back to back on one core while the other core idles.
Once myst-nb has set up its configuration (``builder-inited``), this extension reads every
chapter of the table of contents exactly as myst-nb will, asks the jupyter-cache which of them it
has no outputs for, and executes those in a pool of processes, one kernel per core, storing each
result in the cache. myst-nb then finds every page cached. A chapter that fails here is not
cached, so myst-nb runs it again itself and reports the error the usual way.

Each kernel is limited to one thread, so that two kernels share two cores instead of fighting
over them. Pages named in ``parallel_execution_alone`` (they time things) are left to myst-nb,
which runs them after the pool has finished, on a quiet machine.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from myst_nb.core.read import create_nb_reader
from sphinx.application import Sphinx
from sphinx.util import logging

from gru_book.toc import toc_pages

logger = logging.getLogger(__name__)
# Thread limits for the kernels of the pool: TensorFlow and the BLAS libraries read these.
ONE_THREAD = {
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
}


def uncached_notebooks(app: Sphinx) -> list[tuple[Path, object]]:
    """``(path, notebook)`` for every TOC chapter the execution cache holds no outputs for."""
    env, cache = app.env, get_cache(app.env.mystnb_config.execution_cache_path)
    alone = set(app.config.parallel_execution_alone)
    pending = []
    for docname in toc_pages(Path(app.srcdir)):
        path = Path(app.srcdir) / f"{docname}.md"
        if docname in alone or not path.is_file():
            continue
        text = path.read_text()
        reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
        if reader is None:  # a plain Markdown page
            continue
        notebook = reader.read(text)
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            pending.append((path, notebook))
    return pending


def execute_in_parallel(app: Sphinx) -> None:
    config = app.env.mystnb_config
    if config.execution_mode != "cache":
        return
    pending = uncached_notebooks(app)
    workers = min(os.cpu_count() or 1, len(pending))
    if workers < 2:
        return  # nothing to overlap: myst-nb executes it as usual
    # Longest sources first, so the pool does not end waiting on one big chapter.
    pending.sort(key=lambda item: -len(item[0].read_text()))
    logger.info("executing %d chapters in %d processes", len(pending), workers)
    cache = get_cache(config.execution_cache_path)
    start = time.perf_counter()
    limit_threads = {"initializer": os.environ.update, "initargs": (ONE_THREAD,)}
    with ProcessPoolExecutor(workers, **limit_threads) as pool:
        futures = [
            pool.submit(_execute, notebook, str(path.parent), config.execution_timeout)
            for path, notebook in pending
        ]
        for (path, _), future in zip(pending, futures, strict=True):
            executed, seconds, error = future.result()
            if error:
                logger.info("%s failed in the pool; myst-nb will run it again", path.name)
                continue
            bundle = CacheBundleIn(executed, str(path), data={"execution_seconds": seconds})
            cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
            logger.info("executed %s in %.1f s", path.name, seconds)
    logger.info("parallel execution took %.1f s", time.perf_counter() - start)


def _execute(notebook, cwd: str, timeout: int | None):
    """Run one notebook in a fresh kernel: ``(executed notebook, seconds, error text or "")``."""
    result = single_nb_execution(
        notebook, cwd=cwd, allow_errors=False, timeout=timeout, meta_override=True
    )
    return notebook, result.time, (result.exc_string or "") if result.err else ""


def setup(app: Sphinx) -> dict:
    app.add_config_value("parallel_execution_alone", [], "env")
    # After myst-nb's own builder-inited handler (priority 500), which creates its configuration.
    app.connect("builder-inited", execute_in_parallel, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
