"""The validation helpers every public function relies on."""

import numpy as np
import pytest

from gru_lib import checks


def test_integer_accepts_numpy_integers_and_returns_plain_int():
    assert checks.integer(np.int64(7), "units") == 7
    assert type(checks.integer(np.int64(7), "units")) is int


def test_finite_array_rejects_wrong_rank_with_the_shape_in_the_message():
    with pytest.raises(ValueError, match=r"`x`.*rank 3.*\(4, 2\)"):
        checks.finite_array(np.zeros((4, 2)), "x", ndim=3)


def test_finite_array_rejects_nan_and_inf():
    with pytest.raises(ValueError, match="`x`.*NaN"):
        checks.finite_array(np.array([1.0, np.nan]), "x", ndim=1)
    with pytest.raises(ValueError, match="`x`.*NaN"):
        checks.finite_array(np.array([1.0, np.inf]), "x", ndim=1)


def test_finite_array_rejects_empty_and_non_numeric_arrays():
    with pytest.raises(ValueError, match="non-empty"):
        checks.finite_array(np.zeros((0,)), "x", ndim=1)
    with pytest.raises(ValueError, match="numbers"):
        checks.finite_array(np.array(["a", "b"]), "x", ndim=1)


def test_one_of_lists_the_choices():
    with pytest.raises(ValueError, match=r"`optimizer`.*\['adam', 'sgd'\].*'adamw'"):
        checks.one_of("adamw", "optimizer", ["adam", "sgd"])
