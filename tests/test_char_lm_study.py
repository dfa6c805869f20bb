"""The char_lm study: its members, one tiny run of each kind, and its n-grams against counting."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from nltk.lm import WittenBellInterpolated
from nltk.util import everygrams

from gru_lib.analysis.ngrams import WittenBellNGram
from gru_lib.studies import Budget, char_lm
from gru_lib.studies.members import ROW_COLUMNS

NO_ROWS = pd.DataFrame({"key": pd.Series([], dtype=str)})
# 2,000 characters in windows of 16: 99 training windows, 12 validation, 12 test.
TINY = char_lm.CharLMConfig(
    characters=2_000,
    window=16,
    units=4,
    seeds=(0, 1),
    budget=Budget(updates=8, batch_size=32, patience=1, train_size=99),
)


def tuned(losses: list[float]) -> pd.DataFrame:
    """The tuning members of TINY as stored rows, with these best validation losses."""
    tuning = [m for m in char_lm.plan(TINY, NO_ROWS) if m.role == "tune"]
    rows = [{**m.params, "key": m.key, "role": m.role, "best_val_loss": v}
            for m, v in zip(tuning, losses, strict=True)]  # fmt: skip
    return pd.DataFrame(rows)


def test_the_plan_tunes_and_counts_first_and_reports_at_the_chosen_rate():
    first = char_lm.plan(TINY, NO_ROWS)
    assert [m.key for m in first] == [
        "gru/lr=0.001/seed=1000", "gru/lr=0.003/seed=1000", "gru/lr=0.01/seed=1000",
        "gru/lr=0.03/seed=1000", "ngram/n=2", "ngram/n=3", "ngram/n=4", "ngram/n=5",
    ]  # fmt: skip
    full = char_lm.plan(TINY, tuned([2.0, 1.5, 1.7, 1.9]))
    assert [m.key for m in full[len(first) :]] == ["gru/lr=0.003/seed=0", "gru/lr=0.003/seed=1"]
    assert len(full) == char_lm.size(TINY)
    choices = char_lm.chosen_rates(tuned([2.0, 1.5, 1.7, 1.9]), TINY)
    assert choices["chosen"].tolist() == [False, True, False, False]
    assert not choices["at_edge"].any()


def test_a_diverged_tuning_run_never_wins_and_an_edge_rate_is_flagged():
    choices = char_lm.chosen_rates(tuned([np.nan, 2.0, 1.9, 1.5]), TINY)
    assert choices["chosen"].tolist() == [False, False, False, True]
    assert choices["at_edge"].all()


def test_the_default_budget_fits_the_default_windows_and_seeds_are_never_tuned_on():
    config = char_lm.CharLMConfig()
    assert config.budget.train_size == len(char_lm.text_task(config).x_train)
    assert len(config.rates) >= 4 and min(config.rates) <= 1e-3 and max(config.rates) >= 3e-2
    assert not set(config.seeds) & set(config.tune_seeds) and len(config.seeds) >= 3


def test_a_gru_member_trains_through_the_engine_and_reports_its_perplexity():
    member = char_lm.plan(TINY, tuned([2.0, 1.5, 1.7, 1.9]))[-1]
    row = char_lm.run_member(TINY, member)
    assert set(ROW_COLUMNS) <= set(row)
    assert row["updates"] == 8 and len(row["val_curve"]) == row["evaluations"] == 2
    assert row["perplexity"] == pytest.approx(math.exp(row["test_loss"]))
    assert row["perplexity"] < 1.5 * char_lm.text_task(TINY).classes  # below a uniform guess


def test_an_ngram_member_scores_the_gru_test_targets_with_the_window_contexts():
    row = char_lm.run_member(TINY, char_lm.plan(TINY, NO_ROWS)[4])  # the bigram
    task = char_lm.text_task(TINY)
    codes = np.append(task.x_train.argmax(-1).reshape(-1), task.y_train[-1, -1])
    model = WittenBellNGram(order=2, vocabulary_size=task.classes).fit(codes)
    inputs = task.x_test.argmax(-1)
    logs = [math.log(model.probability(int(y), inputs[i, : t + 1]))
            for i in range(len(inputs)) for t, y in enumerate(task.y_test[i])]  # fmt: skip
    by_hand = -np.mean(logs)
    assert row["test_loss"] == pytest.approx(by_hand, rel=1e-12)
    assert row["perplexity"] == pytest.approx(math.exp(by_hand)) and row["val_curve"] == []


def witten_bell(text: list[int], order: int, size: int, target: int, context: list[int]) -> float:
    """Interpolated Witten-Bell by direct counting, ending at the uniform distribution."""
    context = context[len(context) - order + 1 :] if order > 1 else []
    grams = Counter(tuple(text[i : i + k]) for k in range(1, order + 1)
                    for i in range(len(text) - k + 1))  # fmt: skip
    probability = 1.0 / size
    for k in range(len(context) + 1):  # from the empty context up to the longest
        history = tuple(context[len(context) - k :])
        followers = {g[-1]: c for g, c in grams.items() if len(g) == k + 1 and g[:-1] == history}
        total, distinct = sum(followers.values()), len(followers)
        if total:
            probability = (followers.get(target, 0) + distinct * probability) / (total + distinct)
    return probability


@pytest.mark.parametrize("order", [2, 3, 4])
def test_witten_bell_probabilities_match_counting_by_hand(order):
    text = [0, 1, 2, 0, 1, 0, 2, 2, 1, 0, 1, 2, 0]  # symbol 3 never occurs
    model = WittenBellNGram(order=order, vocabulary_size=4).fit(np.array(text))
    for context in ([], [0], [2, 2], [1, 0, 1], [3, 0], [3, 3, 3]):
        probabilities = [model.probability(w, context) for w in range(4)]
        expected = [witten_bell(text, order, 4, w, context) for w in range(4)]
        assert probabilities == pytest.approx(expected, rel=1e-12)
        assert sum(probabilities) == pytest.approx(1.0) and min(probabilities) > 0


def test_above_the_unigrams_the_interpolation_is_nltks_own():
    text = [0, 1, 2, 0, 1, 0, 2, 2, 1, 0, 1, 2, 0]
    ours = WittenBellNGram(order=3, vocabulary_size=3).fit(np.array(text))
    theirs = WittenBellInterpolated(3)
    tokens = [str(c) for c in text]
    theirs.fit([everygrams(tokens, max_len=3)], vocabulary_text=tokens)
    # Both put the same weight on the unigram level; only what sits there differs.
    unigram_ours = ours.probability(1, [])
    unigram_theirs = theirs.score("1")
    weight = (ours.probability(1, [0, 1]) - theirs.score("1", ["0", "1"])) / (
        unigram_ours - unigram_theirs
    )
    gamma_01 = 2 / (2 + 3)  # "0 1" is followed 3 times, by 2 distinct symbols
    gamma_1 = 2 / (2 + 4)  # "1" is followed 4 times, by 2 distinct symbols
    assert weight == pytest.approx(gamma_01 * gamma_1)


def test_cross_entropy_conditions_each_target_on_its_own_window_only():
    model = WittenBellNGram(order=3, vocabulary_size=3).fit(np.array([0, 1, 2] * 5))
    inputs, targets = np.array([[0, 1], [2, 0]]), np.array([[1, 2], [0, 1]])
    contexts = [([0], 1), ([0, 1], 2), ([2], 0), ([2, 0], 1)]
    by_hand = -np.mean([math.log(model.probability(y, c)) for c, y in contexts])
    assert model.cross_entropy(inputs, targets) == pytest.approx(by_hand, rel=1e-12)
    assert model.perplexity(inputs, targets) == pytest.approx(math.exp(by_hand))
