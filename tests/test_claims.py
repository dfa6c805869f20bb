"""Claims held to their numbers: require, require_kind, and how numbers are printed."""

import numpy as np
import pytest

from gru_lib.analysis.claims import (
    KINDS,
    LOWER,
    NO_DIFFERENCE,
    ClaimError,
    format_numbers,
    listing,
    require,
    require_kind,
)
from gru_lib.analysis.verdicts import compare_scores


def test_require_passes_silently_and_fails_with_the_message():
    require(np.float64(0.158) / 0.160 > 0.9, "unused")
    with pytest.raises(ClaimError, match="^the prose says the GRU beats the LSTM$"):
        require(False, "the prose says the GRU beats the LSTM")


def test_a_claim_error_fails_a_build_as_an_assertion():
    assert issubclass(ClaimError, AssertionError) and not issubclass(ClaimError, ValueError)


def test_require_kind_accepts_any_of_the_kinds_the_prose_allows():
    comparison = compare_scores([1.0, 1.1, 1.2], [1.1, 1.0, 1.3])
    require_kind(comparison, LOWER, NO_DIFFERENCE)
    with pytest.raises(ClaimError, match="'lower', but the numbers now say: No difference"):
        require_kind(comparison, LOWER)


def test_every_kind_is_distinct():
    assert len(set(KINDS)) == len(KINDS)


@pytest.mark.parametrize(
    ("values", "digits", "expected"),
    [
        ([18.33, 18.28], 4, ["18.33", "18.28"]),
        ([0.0116, 0.0089, 0.0142], 3, ["0.0116", "0.0089", "0.0142"]),
        ([-0.033, -0.345, 0.279], 3, ["−0.033", "−0.345", "0.279"]),
        ([1234.5, 3.2], 3, ["1234", "3"]),
        ([0.0, -0.0001], 2, ["0.00000", "−0.00010"]),
        ([2.5e-6], 2, ["2.5e−06"]),
    ],
)
def test_numbers_printed_side_by_side_share_their_decimals(values, digits, expected):
    assert format_numbers(values, digits) == expected


def test_each_number_may_keep_its_own_significant_digits():
    assert format_numbers([0.0051, 0.72], 2, each=True) == ["0.0051", "0.72"]
    assert format_numbers([0.0051, 0.72], 2) == ["0.01", "0.72"]


def test_a_rounded_zero_has_no_sign():
    assert format_numbers([-0.0004, 1.0], 2) == ["0.0", "1.0"]


def test_listing_reads_as_prose():
    assert listing(["GRU"]) == "GRU"
    assert listing(["GRU", "LSTM"], "or") == "GRU or LSTM"
