"""Sphinx extension: the downloadable notebook of a page carries its outputs, cached or not.

Upstream gap: myst-nb (1.4, ``myst_nb/sphinx_.py``) writes the notebook it read to
``jupyter_execute/`` after rendering, while its cache client merges the cached outputs into a
copy, so a cached page's download has no outputs. No upstream issue was found
(https://github.com/executablebooks/MyST-NB/issues/124 asks for the download itself).

The theme offers ``jupyter_execute/<page>.ipynb`` as the page's ``.ipynb`` download. Every page
of a clean build comes from the cache (``parallel_execution.py`` fills it first), so right after
Sphinx reads a page this extension rewrites its notebook with the cached outputs merged in.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from sphinx.application import Sphinx


def merge_cached_outputs(app: Sphinx, doctree) -> None:
    config = app.env.mystnb_config
    path = Path(config.output_folder) / f"{app.env.docname}.ipynb"
    if config.execution_mode != "cache" or not path.is_file():
        return
    notebook = nbformat.read(path, as_version=4)
    try:
        _, merged = get_cache(config.execution_cache_path).merge_match_into_notebook(notebook)
    except KeyError:  # not in the cache: myst-nb executed it in place, outputs included
        return
    nbformat.write(merged, path)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", merge_cached_outputs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
