"""Sphinx extension: never serve outputs computed by an older gru_lib.

Upstream gap: jupyter-cache and myst-nb decide whether to re-execute from a notebook's code cells
alone, with no way to name files or packages a notebook depends on,
https://github.com/executablebooks/MyST-NB/issues/299 (open).

Every chapter runs gru_lib (and gru_book's glue) when the book is built, and both the Jupyter
execution cache and Sphinx's own environment only notice edits to the chapters themselves. This
extension fingerprints gru_lib's source files, the versions of the numerical stack and the data
files that pages read (``library_freshness_files`` in the Sphinx config, paths relative to the book
folder, such as the benchmark results the performance page shows); when the fingerprint changes it
empties the execution cache and marks every page outdated, so the next build re-executes them all.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
STAMP_NAME = "gru_lib-fingerprint.txt"
TRACKED_DISTRIBUTIONS = (
    "tensorflow-cpu", "keras", "numpy", "matplotlib", "statsmodels", "pandas", "scikit-learn",
)  # fmt: skip


PACKAGES = ("gru_lib", "gru_book")  # the code whose output the pages show


def library_fingerprint(extra_files: list[Path] = ()) -> str:
    """SHA-256 over the Python sources of gru_lib and gru_book (whose glue and explorer put
    numbers on pages), the versions of the packages they compute with and the contents of
    ``extra_files`` (a missing file counts as absent)."""
    digest = hashlib.sha256()
    for package in PACKAGES:
        spec = importlib.util.find_spec(package)  # locates it without importing TensorFlow
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError(f"{package} is not installed; run `make book` or `pip install -e .`")
        root = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(root.rglob("*.py")):
            digest.update(f"{package}/{path.relative_to(root).as_posix()}".encode())
            digest.update(path.read_bytes())
    for path in extra_files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"absent")
    for name in TRACKED_DISTRIBUTIONS:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


def _cache_path(app: Sphinx) -> Path:
    configured = app.config.nb_execution_cache_path
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def drop_stale_execution_cache(app: Sphinx, config) -> None:
    extra = [Path(app.srcdir) / name for name in config.library_freshness_files]
    app.library_fingerprint = library_fingerprint(extra)
    cache = _cache_path(app)
    stamp = cache / STAMP_NAME
    if stamp.exists() and stamp.read_text() == app.library_fingerprint:
        return
    if cache.exists():
        logger.info(
            "gru_lib changed since the last build: emptying the cache %s",
            cache,
        )
        shutil.rmtree(cache)
    cache.mkdir(parents=True)
    stamp.write_text(app.library_fingerprint)


def outdate_all_pages_on_change(app: Sphinx, env, added, changed, removed) -> list[str]:
    if getattr(env, "gru_lib_fingerprint", None) == app.library_fingerprint:
        return []
    env.gru_lib_fingerprint = app.library_fingerprint
    return sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> dict:
    app.add_config_value("library_freshness_files", [], "env")
    app.connect("config-inited", drop_stale_execution_cache)
    app.connect("env-get-outdated", outdate_all_pages_on_change)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
