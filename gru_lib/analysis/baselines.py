"""Baselines a recurrent network has to beat to be worth its cost.

Naive forecasters for series, logistic regression for sequence classification, and character
n-gram models for text.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["CharNGram", "LinearAutoregression", "LogisticRegressionBaseline", "last_value_forecast"]


def last_value_forecast(x: np.ndarray) -> np.ndarray:
    """Predict that the next value equals the last one seen.

    ``x`` has shape ``(batch, window, 1)``; returns shape ``(batch,)``.

    >>> last_value_forecast(np.array([[[1.0], [2.0]]])).tolist()
    [2.0]
    """
    x = checks.finite_array(x, "x", ndim=3)
    return x[:, -1, 0].copy()


class LinearAutoregression:
    """``y = w · window + b``, fitted by least squares on the same windows a network trains on.

    scikit-learn's ``LinearRegression`` on the flattened windows; this class only checks the
    windows and flattens them.

    >>> x = np.arange(12.0).reshape(4, 3, 1); y = x[:, -1, 0] + 1
    >>> model = LinearAutoregression().fit(x, y)
    >>> model.predict(np.array([[[5.0], [6.0], [7.0]]])).round(3).tolist()
    [8.0]
    """

    def __init__(self) -> None:
        self.model_ = None  # scikit-learn's LinearRegression: one weight per lag, and a bias

    def fit(self, x: np.ndarray, y: np.ndarray) -> LinearAutoregression:
        """Fit on windows ``x`` ``(n, window, 1)`` and the values after them, ``y`` ``(n,)``."""
        from sklearn.linear_model import LinearRegression  # imported on use: gru_lib stays light

        x = checks.finite_array(x, "x", ndim=3)
        y = checks.finite_array(y, "y", ndim=1)
        checks.same_length(x, y, ("x", "y"))
        self.model_ = LinearRegression().fit(_flat(x), y.astype(np.float64))
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Forecast the value after each window in ``x`` ``(n, window, 1)``; returns ``(n,)``."""
        if self.model_ is None:
            raise checks.not_fitted("LinearAutoregression", "fit(x, y)")
        x = checks.finite_array(x, "x", ndim=3)
        if x.shape[1] != self.model_.n_features_in_:
            raise checks.invalid(
                "x", f"Expected windows of {self.model_.n_features_in_} steps, got shape {x.shape}."
            )
        return self.model_.predict(_flat(x)).astype(np.float32)


def _flat(x: np.ndarray) -> np.ndarray:
    """Windows ``(n, window, 1)`` as rows ``(n, window)`` of float64."""
    return x[:, :, 0].astype(np.float64)


class LogisticRegressionBaseline:
    """Multinomial logistic regression on flattened sequences ``(n, time * features)``.

    It sees every step at once but has no notion of order; on the 8x8 digits it is the linear
    model a recurrent classifier has to beat. Fitted by scikit-learn's L-BFGS with its default L2
    penalty, from a fixed seed.

    >>> x = np.array([[[0.0], [1.0]], [[1.0], [0.0]]] * 5); y = np.array([0, 1] * 5)
    >>> LogisticRegressionBaseline().fit(x, y).predict(x[:2]).tolist()
    [0, 1]
    """

    def __init__(self, *, seed: int = 0) -> None:
        self.seed = checks.integer(seed, "seed", minimum=0)
        self.model_ = None

    def fit(self, x: np.ndarray, y: np.ndarray) -> LogisticRegressionBaseline:
        """Fit on sequences ``x`` ``(n, time, features)`` and integer labels ``y`` ``(n,)``."""
        from sklearn.linear_model import LogisticRegression

        x = checks.finite_array(x, "x", ndim=3)
        labels = _labels(y, "y")
        checks.same_length(x, labels, ("x", "y"))
        self.model_ = LogisticRegression(max_iter=2000, random_state=self.seed)
        self.model_.fit(x.reshape(len(x), -1), labels)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The most probable class of each sequence in ``x`` ``(n, time, features)``: ``(n,)``."""
        if self.model_ is None:
            raise checks.not_fitted("LogisticRegressionBaseline", "fit")
        x = checks.finite_array(x, "x", ndim=3)
        expected = self.model_.n_features_in_
        if x.shape[1] * x.shape[2] != expected:
            raise checks.invalid(
                "x", f"Expected sequences of {expected} values in all, got shape {x.shape}."
            )
        return self.model_.predict(x.reshape(len(x), -1)).astype(np.int32)


class CharNGram:
    """A character unigram (``order=1``) or bigram (``order=2``) model, add-``smoothing`` counts.

    ``fit`` counts characters (unigram) or pairs of neighbours (bigram) in integer codes of a
    training text; every count gets ``smoothing`` added, so a character never seen in training
    still has a probability above zero. ``cross_entropy`` is the mean negative log-probability in
    nats of each target given its previous character, the loss a language model reports.

    >>> model = CharNGram(order=2, vocabulary_size=2, smoothing=1.0).fit(np.array([0, 1, 0, 1, 0]))
    >>> round(model.perplexity(np.array([0]), np.array([1])), 4)  # P(1 | 0) = (2 + 1) / (2 + 2)
    1.3333
    """

    def __init__(self, *, order: int, vocabulary_size: int, smoothing: float = 1.0) -> None:
        if order not in (1, 2) or isinstance(order, bool):
            raise checks.invalid("order", f"Expected 1 or 2, got order={order!r}.")
        self.order = order
        self.vocabulary_size = checks.integer(vocabulary_size, "vocabulary_size", minimum=2)
        self.smoothing = checks.positive_number(smoothing, "smoothing")
        self.log_probabilities_: np.ndarray | None = None  # (V,) or (V, V): [previous, next]

    def fit(self, codes: np.ndarray) -> CharNGram:
        """Count the training text's integer ``codes`` ``(n,)``, in ``[0, vocabulary_size)``."""
        codes = self._codes(codes, "codes")
        size = self.vocabulary_size
        if self.order == 1:
            counts = np.bincount(codes, minlength=size).astype(np.float64) + self.smoothing
            self.log_probabilities_ = np.log(counts / counts.sum())
        else:
            pairs = np.bincount(codes[:-1] * size + codes[1:], minlength=size * size)
            counts = pairs.reshape(size, size).astype(np.float64) + self.smoothing
            self.log_probabilities_ = np.log(counts / counts.sum(axis=1, keepdims=True))
        return self

    def cross_entropy(self, previous: np.ndarray, targets: np.ndarray) -> float:
        """Mean ``-log P(target | previous)`` in nats over arrays of codes of the same shape."""
        if self.log_probabilities_ is None:
            raise checks.not_fitted("CharNGram", "fit(codes)")
        previous = self._codes(previous, "previous")
        targets = self._codes(targets, "targets")
        if previous.shape != targets.shape:
            raise checks.mismatch(("previous", "targets"), "shape", previous.shape, targets.shape)
        if self.order == 1:
            return float(-self.log_probabilities_[targets].mean())
        return float(-self.log_probabilities_[previous, targets].mean())

    def perplexity(self, previous: np.ndarray, targets: np.ndarray) -> float:
        """``exp(cross_entropy)``: the number of equally likely characters it is as unsure as."""
        return float(np.exp(self.cross_entropy(previous, targets)))

    def _codes(self, codes: object, name: str) -> np.ndarray:
        codes = np.asarray(codes)
        if (
            codes.size == 0
            or not np.issubdtype(codes.dtype, np.integer)
            or codes.min() < 0
            or codes.max() >= self.vocabulary_size
        ):
            raise checks.invalid(
                f"{name}",
                "Expected a non-empty array of "
                f"integers in [0, {self.vocabulary_size}), got an array of shape {codes.shape} "
                f"and dtype {codes.dtype}.",
            )
        return codes.reshape(-1) if name == "codes" else codes


def _labels(y: object, name: str) -> np.ndarray:
    labels = np.asarray(y)
    if labels.ndim != 1 or labels.size == 0 or not np.issubdtype(labels.dtype, np.integer):
        raise checks.invalid(
            f"{name}",
            "Expected a 1-D array of integer "
            f"labels, got an array of shape {labels.shape} and dtype {labels.dtype}.",
        )
    return labels
