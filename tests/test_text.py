"""Text data, the n-gram baselines and the character language model."""

import numpy as np
import pytest

from gru_lib.analysis.baselines import CharNGram
from gru_lib.data.text import (
    CharVocabulary,
    chronological_split,
    next_character_task,
    python_docs_text,
    word_end_task,
)
from gru_lib.models.char_lm import (
    build_char_lm,
    next_character_probabilities,
    perplexity,
    sample_text,
)


def test_python_docs_text_is_the_sorted_pydoc_topics():
    from pydoc_data.topics import topics

    text = python_docs_text()
    assert text.startswith(topics[sorted(topics)[0]]) and text.endswith(topics[max(topics)])
    assert len(text) > 400_000


def test_vocabulary_round_trips_text_and_rejects_empty_or_unknown_text():
    vocabulary = CharVocabulary.from_text("hello, world")
    assert vocabulary.decode(vocabulary.encode("world, hello")) == "world, hello"
    assert vocabulary.one_hot(vocabulary.encode("lo")).argmax(-1).tolist() == [
        vocabulary.characters.index("l"), vocabulary.characters.index("o")]  # fmt: skip
    with pytest.raises(ValueError, match="`text`.*non-empty"):
        CharVocabulary.from_text("")
    with pytest.raises(ValueError, match="outside the vocabulary"):
        vocabulary.encode("HELLO")
    with pytest.raises(ValueError, match="`codes`"):
        vocabulary.decode([99])


def test_the_split_keeps_reading_order_and_loses_nothing():
    text = python_docs_text()[:10_000]
    train, val, test = chronological_split(text)
    assert train + val + test == text and (len(val), len(test)) == (1000, 1000)
    with pytest.raises(ValueError, match="`test_fraction`"):
        chronological_split(text, test_fraction=0.5)


def test_next_character_targets_are_the_inputs_shifted_by_one():
    text = python_docs_text()[:20_000]
    vocabulary = CharVocabulary.from_text(text)
    task = next_character_task(text, vocabulary, window=50)
    assert task.x_train.shape == (319, 50, vocabulary.size) and task.classes == vocabulary.size
    codes = task.x_train.argmax(-1)
    assert np.array_equal(codes[:, 1:], task.y_train[:, :-1])
    assert np.array_equal(codes[1:, 0], task.y_train[:-1, -1])  # windows follow one another
    assert vocabulary.decode(codes[0]) == text[:50]


def test_word_end_tags_mark_the_last_character_of_each_word():
    text = "if x: return y\n" * 20
    vocabulary = CharVocabulary.from_text(text)
    task = word_end_task(text, vocabulary, window=15)
    ends = [i for i, tag in enumerate(task.y_train[0]) if tag]
    assert [text[i] for i in ends] == ["f", "x", "n", "y"] and task.classes == 2


def test_unigram_perplexity_of_evenly_used_characters_is_the_vocabulary_size():
    codes = np.tile(np.arange(5), 100)
    unigram = CharNGram(order=1, vocabulary_size=5, smoothing=1.0).fit(codes)
    assert perplexity(unigram.cross_entropy(codes[:-1], codes[1:])) == pytest.approx(5.0)


def test_bigram_predicts_a_repeating_cycle_almost_surely():
    codes = np.tile(np.arange(5), 100)
    bigram = CharNGram(order=2, vocabulary_size=5, smoothing=1.0).fit(codes)
    # each pair seen 99 or 100 times, the four others once each (add-one)
    assert bigram.perplexity(codes[:-1], codes[1:]) == pytest.approx(1.04, abs=0.005)


def test_an_unfitted_ngram_refuses_to_score():
    with pytest.raises(ValueError, match="not fitted"):
        CharNGram(order=1, vocabulary_size=5).perplexity(np.array([0]), np.array([1]))


@pytest.fixture(scope="module")
def tiny_model():
    vocabulary = CharVocabulary.from_text("abcde ")
    return build_char_lm(vocabulary.size, units=8, seed=1), vocabulary


def test_samples_are_seeded(tiny_model):
    model, vocabulary = tiny_model
    first = sample_text(model, vocabulary, "ab", length=30, temperature=1.0, seed=3)
    assert first == sample_text(model, vocabulary, "ab", length=30, temperature=1.0, seed=3)
    assert first != sample_text(model, vocabulary, "ab", length=30, temperature=1.0, seed=4)
    assert set(first) <= set(vocabulary.characters)


def test_sampling_steps_with_state_give_the_model_s_own_distribution(tiny_model):
    model, vocabulary = tiny_model
    cold = sample_text(model, vocabulary, "abc", length=1, temperature=1e-4, seed=0)
    likeliest = next_character_probabilities(model, vocabulary, "abc").argmax()
    assert cold == vocabulary.characters[likeliest]


def test_temperature_sharpens_or_flattens_the_distribution(tiny_model):
    model, vocabulary = tiny_model
    entropy = {
        t: -np.sum(p * np.log(p))
        for t in (0.5, 1.0, 2.0)
        for p in [next_character_probabilities(model, vocabulary, "ab", temperature=t)]
    }
    assert entropy[0.5] < entropy[1.0] < entropy[2.0] < np.log(vocabulary.size)
