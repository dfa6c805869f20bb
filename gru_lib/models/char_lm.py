"""A character-level language model: a GRU that reads text and predicts each next character.

The model maps one-hot characters ``(batch, time, vocabulary)`` to logits of the next character
at every step, ``(batch, time, vocabulary)``. It is trained like any other model in the book,
through the training engine; this module builds it, scores it (cross-entropy and perplexity)
and samples text from it one character at a time, carrying the GRU's state between steps.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from gru_lib import checks
from gru_lib.data.text import CharVocabulary
from gru_lib.runtime import seed_everything

__all__ = ["build_char_lm", "next_character_probabilities", "perplexity", "sample_text"]

GRU_LAYER, OUTPUT_LAYER = "gru", "logits"  # the layer names sampling looks up


def build_char_lm(
    vocabulary_size: int, *, units: int = 128, learning_rate: float = 3e-3, seed: int = 0
) -> keras.Model:
    """``Input(None, V) -> GRU(units, return_sequences=True) -> Dense(V)``, compiled with Adam.

    Takes one-hot characters ``(batch, time, V)`` of any length and returns next-character
    logits ``(batch, time, V)``. The loss is sparse categorical cross-entropy on the logits.

    >>> build_char_lm(5, units=4).output_shape
    (None, None, 5)
    """
    vocabulary_size = checks.integer(vocabulary_size, "vocabulary_size", minimum=2)
    units = checks.integer(units, "units")
    learning_rate = checks.positive_number(learning_rate, "learning_rate")
    seed_everything(seed)
    inputs = keras.Input((None, vocabulary_size))
    states = keras.layers.GRU(units, return_sequences=True, name=GRU_LAYER)(inputs)
    logits = keras.layers.Dense(vocabulary_size, name=OUTPUT_LAYER)(states)
    model = keras.Model(inputs, logits, name=f"char_gru_{units}")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


def perplexity(cross_entropy: float) -> float:
    """``exp(cross_entropy)``, the cross-entropy in nats read as a number of equal choices.

    The engine reports a model's mean cross-entropy as ``test_loss``
    (:func:`gru_lib.training.engine.score_predictions`).

    A model that spreads its bets evenly over ``k`` characters has perplexity ``k``.

    >>> perplexity(np.log(4.0))
    4.0
    """
    return float(np.exp(checks.non_negative_number(cross_entropy, "cross_entropy")))


def next_character_probabilities(
    model: keras.Model, vocabulary: CharVocabulary, prompt: str, *, temperature: float = 1.0
) -> np.ndarray:
    """The model's distribution of the character after ``prompt``, at ``temperature``: ``(V,)``.

    The logits are divided by ``temperature`` before the softmax: below 1 sharpens the
    distribution towards the likeliest characters, above 1 flattens it towards uniform.

    >>> vocabulary = CharVocabulary.from_text("ab")
    >>> model = build_char_lm(vocabulary.size, units=2)
    >>> float(next_character_probabilities(model, vocabulary, "ab").sum().round(6))
    1.0
    """
    temperature = checks.positive_number(temperature, "temperature")
    _check_model(model, vocabulary)
    codes = vocabulary.encode(prompt)
    logits = np.asarray(model(vocabulary.one_hot(codes)[None]))[0, -1]
    return _softmax(logits, temperature)


def sample_text(
    model: keras.Model,
    vocabulary: CharVocabulary,
    prompt: str,
    *,
    length: int,
    temperature: float,
    seed: int = 0,
) -> str:
    """``length`` characters drawn from the model after ``prompt``, one at a time, from ``seed``.

    A copy of the model's GRU with ``return_state=True`` reads the prompt and returns its final
    state; each drawn character is then fed alone with that state as ``initial_state``, so every
    step costs one GRU step rather than a pass over all the text so far. Each character is drawn
    from the softmax of the logits divided by ``temperature``. Returns the drawn characters only.

    >>> vocabulary = CharVocabulary.from_text("ab")
    >>> model = build_char_lm(vocabulary.size, units=2)
    >>> len(sample_text(model, vocabulary, "ab", length=5, temperature=1.0))
    5
    """
    temperature = checks.positive_number(temperature, "temperature")
    length = checks.integer(length, "length")
    seed = checks.integer(seed, "seed", minimum=0)
    gru, output = _check_model(model, vocabulary)
    stepper = keras.layers.GRU(gru.units, return_sequences=True, return_state=True)
    stepper.build((1, None, vocabulary.size))
    stepper.set_weights(gru.get_weights())

    @tf.function(reduce_retracing=True)
    def step(x: tf.Tensor, state: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        # x: (1, time, V), state: (1, units) -> last logits (1, V) and the new state
        sequence, state = stepper(x, initial_state=state)
        return output(sequence[:, -1]), state

    rng = np.random.default_rng(seed)
    state = tf.zeros((1, gru.units))
    logits, state = step(vocabulary.one_hot(vocabulary.encode(prompt))[None], state)
    drawn = []
    for _ in range(length):
        code = int(rng.choice(vocabulary.size, p=_softmax(np.asarray(logits)[0], temperature)))
        drawn.append(code)
        logits, state = step(vocabulary.one_hot([[code]]), state)
    return vocabulary.decode(drawn)


def _softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    scaled = logits.astype(np.float64) / temperature
    weights = np.exp(scaled - scaled.max())
    return weights / weights.sum()


def _check_model(
    model: keras.Model, vocabulary: CharVocabulary
) -> tuple[keras.layers.GRU, keras.layers.Dense]:
    if not isinstance(vocabulary, CharVocabulary):
        raise checks.invalid(
            "vocabulary", f"Expected a CharVocabulary, got {type(vocabulary).__name__}."
        )
    names = {layer.name for layer in getattr(model, "layers", [])}
    if not isinstance(model, keras.Model) or not {GRU_LAYER, OUTPUT_LAYER} <= names:
        raise checks.invalid(
            "model",
            "Expected a model from "
            f"build_char_lm, with layers {GRU_LAYER!r} and {OUTPUT_LAYER!r}, got "
            f"{type(model).__name__} with layers {sorted(names)}.",
        )
    output = model.get_layer(OUTPUT_LAYER)
    if output.units != vocabulary.size:
        raise checks.invalid(
            "vocabulary",
            f"The model predicts {output.units} characters, the vocabulary has {vocabulary.size}.",
        )
    return model.get_layer(GRU_LAYER), output
