"""Every public callable of gru_lib carries a docstring with a runnable example.

The examples themselves run as doctests (``--doctest-modules`` over ``gru_lib``); this test makes
sure none is missing, so a new public function without one fails here.
"""

from __future__ import annotations

import inspect

import pytest
from test_bad_input import PUBLIC

# Runs that train a model on the Python documentation: too slow for a doctest, tested in test_cli.
WITHOUT_EXAMPLE = {"gru_lib.cli.runner.run_text_training"}


@pytest.mark.parametrize("name", sorted(set(PUBLIC) - WITHOUT_EXAMPLE))
def test_every_public_callable_has_a_runnable_example(name):
    doc = inspect.getdoc(PUBLIC[name]) or ""
    assert ">>>" in doc, f"{name} has no example in its docstring"


def test_the_exceptions_are_still_public():
    assert WITHOUT_EXAMPLE <= set(PUBLIC)
