"""The caveats a verdict carries: models that stayed at a baseline, rates at a grid's edge."""

import pytest

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
    assert check.sentence == (
        "Nothing learned: every model stays at predicting the mean (test MSE 0.160): GRU 0.158, "
        "minGRU x 1 0.160, minGRU x 2 0.163 and minGRU x 3 0.161, none removing 10 % of the "
        "baseline's error."
    )


def test_models_that_left_the_baseline_are_told_apart_from_those_that_stayed():
    check = against_baseline({"GRU": [0.01, 0.014], "minGRU": [0.158, 0.16]}, MEAN)
    assert check.kind == LEARNED and check.at_baseline == ("minGRU",)
    assert check.means["GRU"] == pytest.approx(0.012)
    assert check.sentence == (
        "GRU leaves predicting the mean (error ratio 0.0750); minGRU stays at it "
        "(error ratio 0.994)."
    )


def test_a_stated_band_decides():
    strict = Baseline(0.160, band=0.99)
    assert against_baseline({"GRU": 0.155}, strict).kind == LEARNED
    assert against_baseline({"GRU": 0.155}, MEAN).kind == NOTHING_LEARNED


def test_the_top_rate_winning_eight_of_ten_pairs_is_at_the_edge():
    chosen = {f"{cell} on task {k}": 0.03 for cell in ("GRU", "LSTM") for k in range(4)}
    chosen |= {"GRU on task 4": 0.01, "LSTM on task 4": 0.01}
    choice = rate_choices(chosen, [0.01, 0.03])
    assert choice.kind == AT_EDGE and len(choice.at_largest) == 8
    assert "for 10 of 10 choices: " in choice.sentence
    assert choice.sentence.endswith("(the smallest, 0.01), so a wider grid might choose another.")


def test_rates_inside_a_wide_grid_are_said_to_be_inside():
    choice = rate_choices({"GRU": 0.003, "LSTM": 0.01}, [0.001, 0.003, 0.01, 0.03])
    assert choice.kind == INSIDE and choice.at_smallest == choice.at_largest == ()
    assert (
        choice.sentence
        == "Every chosen learning rate lies inside its grid (0.001, 0.003, 0.01, 0.03)."
    )


def test_a_single_rate_is_untuned():
    choice = rate_choices({"GRU": 3e-3, "minGRU": 3e-3}, [3e-3])
    assert choice.kind == UNTUNED
    assert choice.sentence == "The learning rate was not tuned: every model used 0.003."


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: Baseline(0.0), "score"),
        (lambda: Baseline(1.0, higher_is_better=True), "score"),
        (lambda: Baseline(0.1, ""), "name"),
        (lambda: Baseline(0.1, band=1.5), "band"),
        (lambda: Baseline(0.1, higher_is_better=1), "higher_is_better"),
        (lambda: against_baseline({}, MEAN), "scores"),
        (lambda: against_baseline({"GRU": [0.1, float("nan")]}, MEAN), "scores"),
        (lambda: against_baseline({"GRU": 0.1}, 0.16), "baseline"),
        (lambda: rate_choices({"GRU": 0.02}, [0.01, 0.03]), "chosen"),
        (lambda: rate_choices({"GRU": "0.01"}, [0.01, 0.03]), "chosen"),
        (lambda: rate_choices({"GRU": 0.01}, [-0.01, 0.01]), "grid"),
        (lambda: rate_choices({"GRU": 0.01}, [0.01], what=""), "what"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        call()
