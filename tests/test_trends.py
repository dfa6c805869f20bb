"""Before and after, and a curve's last epochs: a change within the band is no change."""

import pytest
from conftest import shows_numbers

from gru_lib.analysis.claims import FALLING, FLAT, HIGHER, LOWER, NO_CHANGE, RISING
from gru_lib.analysis.trends import compare_change, curve_trend


def test_from_18_33_to_18_28_is_no_meaningful_change():
    change = compare_change(18.33, 18.28, what="test perplexity", digits=4)
    assert change.kind == NO_CHANGE and change.ratio == pytest.approx(18.28 / 18.33)
    assert (change.before, change.after) == (18.33, 18.28)
    assert shows_numbers(change.sentence, [18.33, 18.28], 4) and "fall" not in change.sentence


@pytest.mark.parametrize(
    ("after", "kind", "verb"), [(3.44, LOWER, "falls"), (7.0, HIGHER, "rises")]
)
def test_a_change_beyond_the_band_says_which_way(after, kind, verb):
    change = compare_change(6.44, after, what="perplexity", digits=3)
    assert change.kind == kind and change.ratio == pytest.approx(after / 6.44)
    assert shows_numbers(change.sentence, [6.44, after], 3) and verb in change.sentence


def test_the_band_is_stated_and_decides():
    assert compare_change(100.0, 97.0).kind == LOWER
    wide = compare_change(100.0, 97.0, band=0.05)
    assert wide.kind == NO_CHANGE and wide.band == 0.05 and "5 %" in wide.sentence


def test_a_loss_near_its_value_three_epochs_before_is_flat_not_falling():
    trend = curve_trend([0.9, 0.5, 0.402, 0.401, 0.400, 0.399])
    assert trend.kind == FLAT and trend.ratio == pytest.approx(0.399 / 0.402)
    assert trend.last == 3 and "3 epochs" in trend.sentence and "falling" not in trend.sentence


def test_a_loss_still_falling_at_the_last_epoch_is_said_to_be_falling():
    # Chapter 4's language model: its loss was still falling at epoch 6.
    trend = curve_trend([2.1, 1.8, 1.6, 1.5, 1.42, 1.37], last=2)
    assert trend.kind == FALLING and trend.ratio == pytest.approx(1.37 / 1.5)
    assert trend.last == 2 and shows_numbers(trend.sentence, [1.37 / 1.5], 2)


def test_a_rising_curve_rises():
    trend = curve_trend([1.0, 0.8, 0.9], last=1, what="validation loss")
    assert trend.kind == RISING and trend.ratio == pytest.approx(0.9 / 0.8) and trend.last == 1
    assert shows_numbers(trend.sentence, [0.9 / 0.8], 2)
