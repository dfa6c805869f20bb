"""The caveats a verdict must carry: whether the models learned anything at all, beyond a
baseline that learns nothing, and whether a chosen learning rate sits at the edge of its grid.

:func:`gru_lib.analysis.verdicts.compare_scores` runs both checks and lets "nothing learned" win
over any comparison; a page may also call them on their own, for more than two models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from gru_lib import checks
from gru_lib.analysis.claims import (
    AT_EDGE,
    DIGITS,
    INSIDE,
    LEARNED,
    NOTHING_LEARNED,
    UNTUNED,
    format_numbers,
    listing,
)

__all__ = ["Baseline", "BaselineCheck", "RateChoice", "against_baseline", "rate_choices"]


@dataclass(frozen=True)
class Baseline:
    """The score of a model that learns nothing, and how close to it counts as "at" it.

    ``higher_is_better`` says the score is an accuracy in [0, 1] (its error is ``1 - score``);
    otherwise it is an error such as an MSE. A model whose error is at least ``band`` times the
    baseline's (0.9: it removed less than a tenth of it) sits at the baseline.

    >>> Baseline(0.160, "predicting the mean").reached_by(0.158)
    True
    """

    score: float
    name: str = "the baseline"
    higher_is_better: bool = False
    band: float = 0.9

    def __post_init__(self) -> None:
        checks.text(self.name, "name")
        checks.flag(self.higher_is_better, "higher_is_better")
        if checks.positive_number(self.band, "band") > 1:
            raise checks.expected("band", "a ratio in (0, 1], such as 0.9", self.band)
        if self.higher_is_better:
            if checks.non_negative_number(self.score, "score") >= 1:
                raise checks.expected("score", "an accuracy in [0, 1)", self.score)
        else:
            checks.positive_number(self.score, "score")

    def ratio(self, score: float) -> float:
        """A model's error as a fraction of the baseline's (1: no better than the baseline).

        >>> Baseline(0.8, higher_is_better=True).ratio(0.9)
        0.5
        """
        if self.higher_is_better:
            return (1.0 - score) / (1.0 - self.score)
        return score / self.score

    def reached_by(self, score: float) -> bool:
        """Whether ``score`` sits at the baseline: ``ratio(score) >= band``.

        >>> Baseline(0.160).reached_by(0.02)
        False
        """
        return bool(self.ratio(score) >= self.band - 1e-12)


@dataclass(frozen=True)
class BaselineCheck:
    """Which models sit at the baseline: ``kind`` is ``NOTHING_LEARNED`` when every one does,
    else ``LEARNED``; ``ratios`` maps each model to :meth:`Baseline.ratio` of its mean score.

    >>> check = against_baseline({"GRU": 0.158, "minGRU": 0.161}, Baseline(0.160))
    >>> check.kind, check.at_baseline
    ('nothing learned', ('GRU', 'minGRU'))
    """

    kind: str
    sentence: str
    baseline: Baseline
    means: dict[str, float]
    ratios: dict[str, float]
    at_baseline: tuple[str, ...]

    def __post_init__(self) -> None:
        checks.one_of(self.kind, "kind", [NOTHING_LEARNED, LEARNED])

    def __str__(self) -> str:
        return self.sentence


def against_baseline(
    scores: Mapping[str, float | Sequence[float]],
    baseline: Baseline,
    *,
    metric: str = "score",
    digits: int = DIGITS,
) -> BaselineCheck:
    """Whether each model's mean score (over its seeds) left ``baseline``, in one sentence:
    ``NOTHING_LEARNED`` when none did, else ``LEARNED``, naming who left and who stayed with
    their error ratios (:meth:`Baseline.ratio`).

    >>> print(against_baseline({"GRU": [0.157, 0.159], "minGRU": 0.16},
    ...                        Baseline(0.160, "predicting the mean"), metric="test MSE"))
    Nothing learned: every model stays at predicting the mean (test MSE 0.160): GRU 0.158 and \
minGRU 0.160, none removing 10 % of the baseline's error.
    """
    checks.instance(baseline, "baseline", Baseline)
    if not isinstance(scores, Mapping) or not scores:
        raise checks.expected("scores", "a non-empty mapping of model name to scores", scores)
    means = {name: _mean(value, "scores") for name, value in scores.items()}
    ratios = {name: baseline.ratio(mean) for name, mean in means.items()}
    stay = tuple(name for name, mean in means.items() if baseline.reached_by(mean))
    kind = NOTHING_LEARNED if len(stay) == len(means) else LEARNED
    shown = format_numbers([baseline.score, *means.values()], digits)
    if kind == NOTHING_LEARNED:
        models = listing(f"{name} {text}" for name, text in zip(means, shown[1:], strict=True))
        share = f"{100 * (1 - baseline.band):.{digits}g}"
        sentence = (
            f"Nothing learned: every model stays at {baseline.name} ({metric} {shown[0]}): "
            f"{models}, none removing {share} % of the baseline's error."
        )
    else:
        sentence = _baseline_clause(ratios, stay, baseline, digits)
    return BaselineCheck(kind, sentence, baseline, means, ratios, stay)


@dataclass(frozen=True)
class RateChoice:
    """Where each chosen learning rate sits in its grid: ``kind`` is ``AT_EDGE`` when any is the
    grid's smallest or largest value, ``UNTUNED`` for a grid of one value, else ``INSIDE``.

    >>> rate_choices({"GRU": 0.03}, [0.01, 0.03]).at_largest
    ('GRU',)
    """

    kind: str
    sentence: str
    grid: tuple[float, ...]
    at_smallest: tuple[str, ...]
    at_largest: tuple[str, ...]

    def __post_init__(self) -> None:
        checks.one_of(self.kind, "kind", [AT_EDGE, INSIDE, UNTUNED])

    def __str__(self) -> str:
        return self.sentence


def rate_choices(
    chosen: Mapping[str, float],
    grid: Sequence[float],
    *,
    what: str = "learning rate",
    digits: int = DIGITS,
) -> RateChoice:
    """Whether the ``what`` chosen for each model (``chosen[name]``, one of ``grid``) sits at
    the grid's edge, in one sentence that says so.

    >>> print(rate_choices({"GRU": 0.03, "LSTM": 0.01}, [0.001, 0.003, 0.01, 0.03]))
    The chosen learning rate sits at the edge of its grid (0.001, 0.003, 0.01, 0.03) for GRU \
(the largest, 0.03), so a wider grid might choose another.
    """
    values = checks.finite_array(grid, "grid", ndim=1, dtype=np.float64)
    if np.any(values <= 0):
        raise checks.invalid("grid", f"Expected positive rates, got grid={list(values)}.")
    checks.text(what, "what")
    digits = checks.integer(digits, "digits")
    if not isinstance(chosen, Mapping) or not chosen:
        raise checks.expected("chosen", "a non-empty mapping of model name to rate", chosen)
    for name, rate in chosen.items():
        checks.positive_number(rate, "chosen")
        if not any(np.isclose(rate, values, rtol=1e-9, atol=0.0)):
            raise checks.invalid("chosen", f"Expected rates from the grid, got {name}={rate!r}.")
    grid_text = ", ".join(f"{rate:.{digits}g}" for rate in sorted(set(values)))
    low, high = values.min(), values.max()
    smallest = tuple(n for n, r in chosen.items() if np.isclose(r, low, rtol=1e-9, atol=0.0))
    largest = tuple(n for n, r in chosen.items() if np.isclose(r, high, rtol=1e-9, atol=0.0))
    if low == high:
        sentence = f"The {what} was not tuned: every model used {grid_text}."
        return RateChoice(UNTUNED, sentence, tuple(map(float, values)), smallest, largest)
    if not smallest and not largest:
        sentence = f"Every chosen {what} lies inside its grid ({grid_text})."
        return RateChoice(INSIDE, sentence, tuple(map(float, values)), (), ())
    edges = [
        f"{listing(names)} (the {word}, {rate:.{digits}g})"
        for names, word, rate in ((largest, "largest", high), (smallest, "smallest", low))
        if names
    ]
    count = f"{len(smallest) + len(largest)} of {len(chosen)} choices: " if len(chosen) > 2 else ""
    sentence = (
        f"The chosen {what} sits at the edge of its grid ({grid_text}) for {count}"
        f"{' and for '.join(edges)}, so a wider grid might choose another."
    )
    return RateChoice(AT_EDGE, sentence, tuple(map(float, values)), smallest, largest)


def _baseline_clause(ratios, stay, baseline, digits) -> str:
    """Say who left the baseline and who stayed, with their error ratios."""

    def ratios_of(names: Sequence[str]) -> str:
        word = "error ratio" if len(names) == 1 else "error ratios"
        return f"{word} {listing(format_numbers([ratios[n] for n in names], digits))}"

    left = [name for name in ratios if name not in stay]
    verb = "leaves" if len(left) == 1 else "leave"
    sentence = f"{listing(left)} {verb} {baseline.name} ({ratios_of(left)})"
    if stay:
        verb = "stays" if len(stay) == 1 else "stay"
        sentence += f"; {listing(stay)} {verb} at it ({ratios_of(stay)})"
    return sentence + "."


def _mean(value: object, name: str) -> float:
    return float(np.mean(checks.finite_array(value, name, ndim=(0, 1), dtype=np.float64)))
