"""Before and after, and a curve's last epochs: a change within the band is no change."""

import pytest

from gru_lib.analysis.claims import FALLING, FLAT, HIGHER, LOWER, NO_CHANGE, RISING
from gru_lib.analysis.trends import compare_change, curve_trend


def test_from_18_33_to_18_28_is_no_meaningful_change():
    change = compare_change(18.33, 18.28, what="test perplexity", digits=4)
    assert change.kind == NO_CHANGE and change.ratio == pytest.approx(18.28 / 18.33)
    assert "no meaningful change, from 18.33 to 18.28" in change.sentence
    assert "fall" not in change.sentence


@pytest.mark.parametrize(
    ("after", "kind", "verb"), [(3.44, LOWER, "falls"), (7.0, HIGHER, "rises")]
)
def test_a_change_beyond_the_band_says_which_way(after, kind, verb):
    change = compare_change(6.44, after, what="perplexity", digits=3)
    assert change.kind == kind
    assert change.sentence.startswith(f"The perplexity {verb} from 6.44 to {after:.2f} (")


def test_the_band_is_stated_and_decides():
    assert compare_change(100.0, 97.0).kind == LOWER
    wide = compare_change(100.0, 97.0, band=0.05)
    assert wide.kind == NO_CHANGE and "within ±5 %" in wide.sentence


def test_a_loss_near_its_value_three_epochs_before_is_flat_not_falling():
    trend = curve_trend([0.9, 0.5, 0.402, 0.401, 0.400, 0.399])
    assert trend.kind == FLAT and trend.ratio == pytest.approx(0.399 / 0.402)
    assert trend.sentence.startswith("The training loss is flat over its last 3 epochs")
    assert "falling" not in trend.sentence


def test_a_loss_still_falling_at_the_last_epoch_is_said_to_be_falling():
    # Chapter 4's language model: its loss was still falling at epoch 6.
    trend = curve_trend([2.1, 1.8, 1.6, 1.5, 1.42, 1.37], last=2)
    assert trend.kind == FALLING and trend.ratio == pytest.approx(1.37 / 1.5)
    assert "kept falling over its last 2 epochs" in trend.sentence


def test_a_rising_curve_rises():
    trend = curve_trend([1.0, 0.8, 0.9], last=1, what="validation loss")
    assert trend.kind == RISING
    assert trend.sentence.startswith("The validation loss rose over its last epoch: ")


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: compare_change(0.0, 1.0), "before"),
        (lambda: compare_change(1.0, float("nan")), "after"),
        (lambda: compare_change(1.0, 2.0, band=1.0), "band"),
        (lambda: compare_change(1.0, 2.0, what=""), "what"),
        (lambda: compare_change(1.0, 2.0, digits=0), "digits"),
        (lambda: curve_trend([1.0, 0.5], last=2), "curve"),
        (lambda: curve_trend([0.0, 0.5]), "curve"),
        (lambda: curve_trend([[1.0, 0.5]]), "curve"),
        (lambda: curve_trend([1.0, 0.5, 0.4], last=0), "last"),
        (lambda: curve_trend([1.0, 0.5], last=1, step=""), "step"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        call()
