"""Interpolated Witten-Bell character n-grams: the counting baseline a language model must beat.

The counting and the interpolation are NLTK's (``nltk.lm.WittenBellInterpolated``, Bird et al.
2009). An order-``n`` model gives the next character ``w`` after the context ``h`` (the last
``n - 1`` characters) the probability

    p(w | h) = (c(h w) + N(h) p(w | h')) / (c(h) + N(h)),

where ``c`` counts in the training text, ``N(h)`` is how many distinct characters followed
``h`` there and ``h'`` is ``h`` without its first character (Witten & Bell 1991; Chen &
Goodman 1998). A context never seen defers wholly to ``h'``. One change to NLTK: its recursion
ends at the unigram frequencies, which give a character absent from the training text
probability 0 (an infinite perplexity); here it ends, as in Chen & Goodman, at the uniform
distribution over the vocabulary, ``p(w) = (c(w) + N / V) / (c + N)`` with ``N`` distinct
characters in ``c`` training characters.

Scoring follows a recurrent model that starts every window from a zero state: the target at
step ``t`` of a window is conditioned on the window's characters up to ``t`` only, so its first
targets get shorter contexts (1, 2, ... characters), as the GRU does.
"""

from __future__ import annotations

import math

import numpy as np

from gru_lib import checks

__all__ = ["WittenBellNGram"]


class WittenBellNGram:
    """An interpolated Witten-Bell model of ``order`` (2 for bigrams ... ) over integer codes in
    ``[0, vocabulary_size)``.

    ``fit`` counts every 1- to ``order``-gram of a training text's codes ``(n,)``;
    ``cross_entropy`` is the mean ``-log p(target | context)`` in nats over windows of inputs
    ``(windows, time)`` and their next characters ``(windows, time)``, each target conditioned
    on the inputs of its own window up to its step (the last ``order - 1`` of them).

    >>> model = WittenBellNGram(order=2, vocabulary_size=3).fit(np.array([0, 1, 0, 1]))
    >>> # p(1 | 0) = (2 + 1 * p(1)) / (2 + 1), p(1) = (2 + 2 / 3) / (4 + 2)
    >>> round(model.probability(1, [0]), 4)
    0.8148
    >>> round(model.perplexity(np.array([[0]]), np.array([[1]])), 4)
    1.2273
    """

    def __init__(self, *, order: int, vocabulary_size: int) -> None:
        self.order = checks.integer(order, "order")
        self.vocabulary_size = checks.integer(vocabulary_size, "vocabulary_size", minimum=2)
        self.model_ = None  # the fitted nltk.lm language model

    def fit(self, codes: np.ndarray) -> WittenBellNGram:
        """Count the training text's integer ``codes`` ``(n,)``; return the model."""
        from nltk.lm import Vocabulary  # imported on use: gru_lib stays light
        from nltk.lm.models import InterpolatedLanguageModel
        from nltk.util import everygrams

        codes = self._codes(codes, "codes", ndim=1)
        if len(codes) < self.order:
            raise checks.invalid(
                "codes", f"Expected at least order={self.order} codes, got {len(codes)}."
            )
        tokens = [str(code) for code in codes.tolist()]
        vocabulary = Vocabulary([str(code) for code in range(self.vocabulary_size)])
        model = InterpolatedLanguageModel(
            _uniform_witten_bell(),
            self.order,
            vocabulary=vocabulary,
            params={"vocabulary_size": self.vocabulary_size},
        )
        model.fit([everygrams(tokens, max_len=self.order)])
        self.model_ = model
        return self

    def probability(self, target: int, context: list[int] | np.ndarray) -> float:
        """``p(target | context)``; only the last ``order - 1`` codes of ``context`` count."""
        model = self._fitted()
        target = int(self._codes(np.array([target]), "target", ndim=1)[0])
        context = self._codes(np.asarray(context).reshape(-1), "context", ndim=1, allow_empty=True)
        kept = context[len(context) - self.order + 1 :] if self.order > 1 else context[:0]
        return float(model.score(str(target), [str(code) for code in kept.tolist()]))

    def cross_entropy(self, inputs: np.ndarray, targets: np.ndarray) -> float:
        """Mean ``-log p(targets[i, t] | inputs[i, :t + 1])`` in nats, over every window ``i``
        and step ``t`` of the arrays of codes ``(windows, time)``."""
        model = self._fitted()
        inputs = self._codes(inputs, "inputs", ndim=2)
        targets = self._codes(targets, "targets", ndim=2)
        if inputs.shape != targets.shape:
            raise checks.mismatch(("inputs", "targets"), "shape", inputs.shape, targets.shape)
        keep = self.order - 1
        total = 0.0
        for window, after in zip(inputs.tolist(), targets.tolist(), strict=True):
            tokens = [str(code) for code in window]
            for step, target in enumerate(after):
                context = tokens[max(0, step + 1 - keep) : step + 1] if keep else []
                total -= math.log(model.score(str(target), context))
        return total / targets.size

    def perplexity(self, inputs: np.ndarray, targets: np.ndarray) -> float:
        """``exp(cross_entropy)``: the number of equally likely characters it is as unsure as."""
        return float(np.exp(self.cross_entropy(inputs, targets)))

    def _fitted(self):
        if self.model_ is None:
            raise checks.not_fitted("WittenBellNGram", "fit(codes)")
        return self.model_

    def _codes(self, codes: object, name: str, *, ndim: int, allow_empty: bool = False):
        codes = np.asarray(codes)
        bad = (
            codes.ndim != ndim
            or (codes.size == 0 and not allow_empty)
            or (codes.size and not np.issubdtype(codes.dtype, np.integer))
            or (codes.size and (codes.min() < 0 or codes.max() >= self.vocabulary_size))
        )
        if bad:
            raise checks.invalid(
                name,
                f"Expected a {ndim}-D array of integers in [0, {self.vocabulary_size}), got an "
                f"array of shape {codes.shape} and dtype {codes.dtype}.",
            )
        return codes


def _uniform_witten_bell():
    """NLTK's Witten-Bell smoothing, its unigram level interpolated with the uniform one."""
    from nltk.lm.smoothing import WittenBell

    class UniformWittenBell(WittenBell):
        def __init__(self, vocabulary, counter, *, vocabulary_size: int) -> None:
            super().__init__(vocabulary, counter)
            self.vocabulary_size = vocabulary_size  # V of the uniform distribution

        def unigram_score(self, word: str) -> float:
            # Counted on first use: the counts are filled after the estimator is made.
            unigrams = self.counts.unigrams
            seen = sum(1 for count in unigrams.values() if count > 0)
            return (unigrams[word] + seen / self.vocabulary_size) / (unigrams.N() + seen)

    return UniformWittenBell
