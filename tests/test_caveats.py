"""The caveats a verdict carries: models that stayed at a baseline, rates at a grid's edge."""

import pytest
from conftest import shows_numbers

from gru_lib.analysis.caveats import Baseline, against_baseline, rate_choices
from gru_lib.analysis.claims import AT_EDGE, INSIDE, LEARNED, NOTHING_LEARNED, UNTUNED

MEAN = Baseline(0.160, "predicting the mean")


def test_an_error_is_at_the_baseline_when_it_removed_less_than_a_tenth_of_it():
    assert MEAN.ratio(0.080) == pytest.approx(0.5)
    assert MEAN.reached_by(0.144) and MEAN.reached_by(0.200)  # 0.9 of it, and worse
    assert not MEAN.reached_by(0.143)


def test_an_accuracy_is_compared_by_its_error_rate():
    reject = Baseline(0.80, "always rejecting", higher_is_better=True)
    assert reject.ratio(0.90) == pytest.approx(0.5)
    assert reject.reached_by(0.74) and reject.reached_by(0.81)
    assert not reject.reached_by(0.83)


def test_chapter_sixs_four_models_at_the_constant_predictor_learned_nothing():
    scores = {"GRU": 0.158, "minGRU x 1": 0.160, "minGRU x 2": 0.163, "minGRU x 3": 0.161}
    check = against_baseline(scores, MEAN, metric="test MSE")
    assert check.kind == NOTHING_LEARNED and check.at_baseline == tuple(scores)
    assert check.means == scores and check.baseline.score == 0.160
    assert shows_numbers(check.sentence, [0.160, *scores.values()]) and "10 %" in check.sentence


def test_models_that_left_the_baseline_are_told_apart_from_those_that_stayed():
    check = against_baseline({"GRU": [0.01, 0.014], "minGRU": [0.158, 0.16]}, MEAN)
    assert check.kind == LEARNED and check.at_baseline == ("minGRU",)
    assert check.means["GRU"] == pytest.approx(0.012)
    assert check.ratios == pytest.approx({"GRU": 0.012 / 0.160, "minGRU": 0.159 / 0.160})
    assert all(shows_numbers(check.sentence, [ratio]) for ratio in check.ratios.values())


def test_a_stated_band_decides():
    strict = Baseline(0.160, band=0.99)
    assert against_baseline({"GRU": 0.155}, strict).kind == LEARNED
    assert against_baseline({"GRU": 0.155}, MEAN).kind == NOTHING_LEARNED


def test_the_top_rate_winning_eight_of_ten_pairs_is_at_the_edge():
    chosen = {f"{cell} on task {k}": 0.03 for cell in ("GRU", "LSTM") for k in range(4)}
    chosen |= {"GRU on task 4": 0.01, "LSTM on task 4": 0.01}
    choice = rate_choices(chosen, [0.01, 0.03])
    assert choice.kind == AT_EDGE and len(choice.at_largest) == 8
    assert choice.at_smallest == ("GRU on task 4", "LSTM on task 4")
    assert choice.grid == (0.01, 0.03) and "10 of 10" in choice.sentence


def test_rates_inside_a_wide_grid_are_said_to_be_inside():
    choice = rate_choices({"GRU": 0.003, "LSTM": 0.01}, [0.001, 0.003, 0.01, 0.03])
    assert choice.kind == INSIDE and choice.at_smallest == choice.at_largest == ()
    assert choice.grid == (0.001, 0.003, 0.01, 0.03)
    assert "0.001, 0.003, 0.01, 0.03" in choice.sentence


def test_a_single_rate_is_untuned():
    choice = rate_choices({"GRU": 3e-3, "minGRU": 3e-3}, [3e-3])
    assert choice.kind == UNTUNED and choice.grid == (0.003,) and "0.003" in choice.sentence
