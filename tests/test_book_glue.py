"""glue_all: one call glues a dict of numbers, as plain Python values a glue role can format."""

from __future__ import annotations

import numpy as np
import pytest
from IPython.display import Markdown

from gru_book import glue as book


@pytest.fixture()
def glued(monkeypatch):
    calls = []
    import myst_nb

    monkeypatch.setattr(myst_nb, "glue", lambda *args, **kwargs: calls.append((args, kwargs)))
    return calls


def test_every_value_is_glued_hidden_under_its_key_as_a_plain_python_value(glued):
    note = Markdown("**GRU**")
    assert (
        book.glue_all({"n": np.int64(3), "mse": np.float32(0.25), "best": note, "w": "x"}) is None
    )
    assert [args for args, _ in glued] == [("n", 3), ("mse", 0.25), ("best", note), ("w", "x")]
    assert all(kwargs == {"display": False} for _, kwargs in glued)
    assert type(glued[0][0][1]) is int and type(glued[1][0][1]) is float


def test_a_zero_dimensional_array_is_glued_as_its_number(glued):
    book.glue_all({"mean": np.array(1.5)})
    assert glued[0][0] == ("mean", 1.5)


def test_a_bad_value_among_good_ones_glues_nothing(glued):
    # the messages of bad values are checked in tests/bad_input_cases.py
    with pytest.raises(ValueError):
        book.glue_all({"ok": 1.0, "x": [1, 2]})
    assert glued == []  # every value is checked before the first is glued
