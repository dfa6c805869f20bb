"""The ``mingru_speed`` study (chapter 6): seconds per training pass of minGRU's parallel scan,
minGRU's own step loop and Keras's GRU, over sequence lengths.

Each member times one layer at one length alone:
:func:`~gru_lib.analysis.length_scaling.pass_seconds` compiles one forward and backward pass with
XLA (as the training engine compiles its epochs), then times ``repeats`` passes one after
another. Run with ``--workers 1``, members run one at a time in one worker process with one
thread (the runner's settings), so no member shares the process with another. The machine may
still be shared with other work: each row records the one-minute load average before and after
its passes (``os.getloadavg``), and the page prints them beside the timings.

Timings are not reproducible numbers; what a member computes is. ``compared`` is therefore the
pass's ``loss``, a function of the seed, the layer and the sizes only.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gru_lib import checks
from gru_lib.analysis.length_scaling import LAYERS, pass_seconds
from gru_lib.studies.spec import Member, Study

__all__ = ["SpeedConfig", "STUDY", "plan", "run_member", "size"]


@dataclass(frozen=True)
class SpeedConfig:
    """The speed study's configuration; the defaults are the stored study.

    ``layers`` are names of :data:`gru_lib.analysis.length_scaling.LAYERS`; every layer is timed
    at every length of ``lengths``, on a batch of ``batch_size`` sequences of ``features``
    features, with ``units`` units, ``repeats`` passes each.

    >>> size(SpeedConfig())
    12
    """

    layers: tuple[str, ...] = ("min_gru parallel", "min_gru sequential", "gru")
    lengths: tuple[int, ...] = (64, 256, 1024, 4096)
    batch_size: int = 16
    units: int = 32
    features: int = 8
    repeats: int = 30
    seed: int = 0

    def __post_init__(self) -> None:
        checks.instance(self.layers, "layers", tuple)
        if not self.layers:
            raise checks.invalid("layers", "Expected at least one layer, got layers=().")
        for layer in self.layers:
            checks.one_of(layer, "layers", list(LAYERS))
        checks.instance(self.lengths, "lengths", tuple)
        if not self.lengths:
            raise checks.invalid("lengths", "Expected at least one length, got lengths=().")
        for length in self.lengths:
            checks.integer(length, "lengths")
        checks.integer(self.batch_size, "batch_size")
        checks.integer(self.units, "units")
        checks.integer(self.features, "features")
        checks.integer(self.repeats, "repeats", minimum=2)
        checks.integer(self.seed, "seed", minimum=0)


def size(config: SpeedConfig) -> int:
    """How many members the study has: one per layer and length.

    >>> size(SpeedConfig(lengths=(64,)))
    3
    """
    checks.instance(config, "config", SpeedConfig)
    return len(config.layers) * len(config.lengths)


def plan(config: SpeedConfig, stored: pd.DataFrame) -> list[Member]:
    """Every (length, layer) member; nothing is tuned, so ``stored`` changes nothing.

    >>> [m.key for m in plan(SpeedConfig(lengths=(64,)), pd.DataFrame({"key": []}))]
    ['min_gru parallel/T=64', 'min_gru sequential/T=64', 'gru/T=64']
    """
    checks.instance(config, "config", SpeedConfig)
    checks.frame(stored, "stored", ["key"])
    return [
        Member(f"{layer}/T={length}", (("layer", layer), ("time", int(length))), "report")
        for length in config.lengths
        for layer in config.layers
    ]


def run_member(config: SpeedConfig, member: Member) -> dict:
    """Time one layer at one length; return its row's results.

    ``pass_seconds_curve`` (every pass in order, a list), ``median_seconds``, ``min_seconds``,
    ``compile_seconds``, ``loss``, the sizes, ``load_before`` and ``load_after`` (the one-minute
    load average), ``threads`` (TensorFlow's intra-op threads, from the environment the runner
    sets) and ``seconds``, the member's whole time.

    >>> config = SpeedConfig(layers=("gru",), lengths=(4,), batch_size=2, units=2, features=1,
    ...                      repeats=2)
    >>> row = run_member(config, plan(config, pd.DataFrame({"key": []}))[0])
    >>> len(row["pass_seconds_curve"]), row["loss"] > 0
    (2, True)
    """
    checks.instance(config, "config", SpeedConfig)
    checks.instance(member, "member", Member)
    params = member.params
    start = time.perf_counter()
    load_before = os.getloadavg()[0]
    timed = pass_seconds(
        params["layer"],
        params["time"],
        batch_size=config.batch_size,
        units=config.units,
        features=config.features,
        repeats=config.repeats,
        seed=config.seed,
    )
    load_after = os.getloadavg()[0]
    return {
        "batch_size": config.batch_size,
        "units": config.units,
        "features": config.features,
        "repeats": config.repeats,
        "pass_seconds_curve": timed["seconds"],
        "median_seconds": float(np.median(timed["seconds"])),
        "min_seconds": float(np.min(timed["seconds"])),
        "compile_seconds": timed["compile_seconds"],
        "loss": timed["loss"],
        "load_before": load_before,
        "load_after": load_after,
        "threads": os.environ.get("TF_NUM_INTRAOP_THREADS", "default"),
        "seconds": time.perf_counter() - start,
    }


STUDY = Study(
    name="mingru_speed",
    config=SpeedConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/mingru_speed.py",
        "gru_lib/studies/spec.py",
        "gru_lib/analysis/length_scaling.py",
        "gru_lib/cells/min_gru.py",
        "gru_lib/cells/scan.py",
    ),
    compared=("loss",),
    summary="ch. 6: seconds per training pass of minGRU's scan, its loop and Keras's GRU",
)
