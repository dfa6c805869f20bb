"""The ``cell_speed`` study (chapter 5): seconds per training pass of Keras's GRU and LSTM, by
width and length.

Each member times one cell at one (length, width) alone, exactly as the ``mingru_speed`` study
times its layers (:func:`gru_lib.studies.mingru_speed.run_member`: one forward and backward
pass compiled with XLA, then ``repeats`` passes one after another, with the load average before
and after recorded in the row). Run with ``--workers 1`` so that members run one at a time.
Timings are not reproducible numbers; ``compared`` is the pass's ``loss``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from gru_lib import checks
from gru_lib.studies import mingru_speed
from gru_lib.studies.spec import Member, Study

__all__ = ["CellSpeedConfig", "STUDY", "plan", "run_member", "size"]


@dataclass(frozen=True)
class CellSpeedConfig:
    """Which cells, lengths and widths are timed, on batches of ``batch_size`` sequences of
    ``features`` features, ``repeats`` passes each; the defaults are the stored study.

    >>> size(CellSpeedConfig())
    12
    """

    layers: tuple[str, ...] = ("gru", "lstm")
    lengths: tuple[int, ...] = (25, 100)
    widths: tuple[int, ...] = (16, 64, 256)
    batch_size: int = 32
    features: int = 2
    repeats: int = 30
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("layers", "lengths", "widths"):
            checks.instance(getattr(self, name), name, tuple)
            if not getattr(self, name):
                raise checks.invalid(name, f"Expected at least one, got {name}=().")
        for width in self.widths:
            checks.integer(width, "widths")
        # The timing itself is mingru_speed's, which checks every other field.
        self.timing(self.widths[0])

    def timing(self, width: int) -> mingru_speed.SpeedConfig:
        """The ``mingru_speed`` configuration that times one width."""
        return mingru_speed.SpeedConfig(
            layers=self.layers,
            lengths=self.lengths,
            batch_size=self.batch_size,
            units=width,
            features=self.features,
            repeats=self.repeats,
            seed=self.seed,
        )


def size(config: CellSpeedConfig) -> int:
    """How many members: one per cell, length and width.

    >>> size(CellSpeedConfig(widths=(16,)))
    4
    """
    checks.instance(config, "config", CellSpeedConfig)
    return len(config.layers) * len(config.lengths) * len(config.widths)


def plan(config: CellSpeedConfig, stored: pd.DataFrame) -> list[Member]:
    """Every (width, length, cell) member; nothing is tuned, so ``stored`` changes nothing.

    >>> [m.key for m in plan(CellSpeedConfig(widths=(16,), lengths=(25,)),
    ...                      pd.DataFrame({"key": []}))]
    ['gru/T=25/units=16', 'lstm/T=25/units=16']
    """
    checks.instance(config, "config", CellSpeedConfig)
    checks.frame(stored, "stored", ["key"])
    return [
        Member(
            f"{layer}/T={length}/units={width}",
            (("layer", layer), ("time", int(length)), ("units", int(width))),
            "report",
        )
        for width in config.widths
        for length in config.lengths
        for layer in config.layers
    ]


def run_member(config: CellSpeedConfig, member: Member) -> dict:
    """Time one cell at one length and width; the row of
    :func:`gru_lib.studies.mingru_speed.run_member`.

    >>> config = CellSpeedConfig(lengths=(4,), widths=(2,), batch_size=2, repeats=2)
    >>> row = run_member(config, plan(config, pd.DataFrame({"key": []}))[1])
    >>> row["units"], len(row["pass_seconds_curve"])
    (2, 2)
    """
    checks.instance(config, "config", CellSpeedConfig)
    checks.instance(member, "member", Member)
    params = member.params
    one = dataclasses.replace(member, pairs=(("layer", params["layer"]), ("time", params["time"])))
    return mingru_speed.run_member(config.timing(params["units"]), one)


STUDY = Study(
    name="cell_speed",
    config=CellSpeedConfig(),
    plan=plan,
    size=size,
    run=run_member,
    deps=(
        "gru_lib/studies/cell_speed.py",
        "gru_lib/studies/mingru_speed.py",
        "gru_lib/studies/spec.py",
        "gru_lib/analysis/length_scaling.py",
    ),
    compared=("loss",),
    summary="ch. 5: seconds per training pass of Keras's GRU and LSTM by width and length",
)
