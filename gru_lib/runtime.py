"""A quiet, deterministic TensorFlow runtime.

``gru_lib/__init__.py`` sets TensorFlow's environment before anything imports it; this module
imports TensorFlow, quiets its Python loggers and turns on deterministic kernels. Every module of
gru_lib that computes with TensorFlow imports it, so pages built from the book carry no C++ log
lines, no absl warnings and no oneDNN notices, and the same seed gives the same numbers.
"""

from __future__ import annotations

import contextlib
import os
import random
from collections.abc import Iterator

import absl.logging
import keras
import tensorflow as tf

from gru_lib import checks

__all__ = ["machine_description", "private_seed", "seed_everything"]

absl.logging.set_verbosity(absl.logging.ERROR)
tf.get_logger().setLevel("ERROR")
# Same seed, same numbers: TensorFlow picks deterministic kernels (at some cost in speed).
tf.config.experimental.enable_op_determinism()


def seed_everything(seed: int) -> None:
    """Seed Python's, NumPy's and TensorFlow's generators so a run can be repeated exactly.

    >>> seed_everything(0)
    """
    seed = checks.integer(seed, "seed", minimum=0)
    keras.utils.set_random_seed(seed)


@contextlib.contextmanager
def private_seed(seed: int) -> Iterator[None]:
    """Seed everything, and keep Keras's weight seeds private to this thread while inside.

    Keras initializers given no seed draw one from Python's process-wide ``random`` module. Any
    other thread using ``random`` meanwhile (a Dask worker's event loop does) would shift those
    draws and change the initial weights. Inside this block Keras draws from its own generator
    seeded with ``seed``, so a model built here gets the same weights in any process.

    >>> with private_seed(3):
    ...     first = keras.layers.Dense(2).build((None, 1)) or None
    """
    from keras.src.random import seed_generator

    seed_everything(seed)
    shared = seed_generator.python_random
    seed_generator.python_random = random.Random(seed)
    try:
        yield
    finally:
        seed_generator.python_random = shared


def machine_description() -> str:
    """A one-line description of the machine running the code, for captions of timed results.

    >>> "CPU cores" in machine_description()
    True
    """
    import platform

    cpus = os.cpu_count()
    gpus = tf.config.list_physical_devices("GPU")
    device = f"{len(gpus)} GPU(s)" if gpus else "no GPU"
    return (
        f"{platform.machine()} {platform.system()}, {cpus} CPU cores, {device}, "
        f"Python {platform.python_version()}, TensorFlow {tf.__version__}, "
        f"Keras {keras.__version__}"
    )
