"""The validation helpers every public function relies on."""

import numpy as np

from gru_lib import checks


def test_integer_accepts_numpy_integers_and_returns_plain_int():
    assert checks.integer(np.int64(7), "units") == 7
    assert type(checks.integer(np.int64(7), "units")) is int
