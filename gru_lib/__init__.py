"""gru_lib: the library behind the book *Learning Gated Recurrent Units*.

The package is a house in layers; arrows point down, towards cells and data:

- :mod:`gru_lib.cells`: the GRU from its equations (:class:`ScratchGRU`), minGRU and its scans;
- :mod:`gru_lib.models`: what to build (:class:`~gru_lib.models.spec.ModelSpec`) and building it;
- :mod:`gru_lib.training`: the one training engine and grids of runs over it;
- :mod:`gru_lib.studies`: the book's declared experiments, run once and stored in ``results/``;
- :mod:`gru_lib.analysis`: measurements of models and runs (gradients, memory, statistics, ...);
- :mod:`gru_lib.data`: the tasks and series; :mod:`gru_lib.plots`: the figures;
- :mod:`gru_lib.cli`: ``python -m gru_lib``.

Importing the package is cheap: it sets TensorFlow's environment (quiet logs, no oneDNN
reordering) and nothing else. Subpackages and the names below load on first use (PEP 562), so
``python -m gru_lib --help`` answers without importing TensorFlow, and the first module that uses
TensorFlow imports :mod:`gru_lib.runtime`, which makes it deterministic.
"""

from __future__ import annotations

import importlib
import os

# TensorFlow reads these when it is first imported, so they are set before any submodule loads;
# setdefault leaves a reader's own choice alone.
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # 3 = errors only, from the C++ runtime
# oneDNN's fused CPU kernels announce themselves on stderr before logging is configured and may
# reorder floating-point sums; off, runs are quiet and bit-for-bit repeatable at no measured cost.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

__version__ = "0.1.0"

_SUBPACKAGES = (
    "analysis", "cells", "checks", "cli", "data", "models", "plots", "runtime", "studies",
    "training", "xla_cache",
)  # fmt: skip
# The few names a reader meets first, each loaded from the module that defines it.
_NAMES = {
    "ScratchGRU": "gru_lib.cells.gru",
    "gru_step": "gru_lib.cells.gru",
    "gru_backward": "gru_lib.cells.backward",
    "MinGRU": "gru_lib.cells.min_gru",
    "seed_everything": "gru_lib.runtime",
    "machine_description": "gru_lib.runtime",
}

__all__ = sorted([*_SUBPACKAGES, *_NAMES, "__version__"])


def __getattr__(name: str) -> object:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"gru_lib.{name}")
    if name in _NAMES:
        return getattr(importlib.import_module(_NAMES[name]), name)
    raise AttributeError(f"module 'gru_lib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
