"""The book's studies by name: each lives in its own module, which defines ``STUDY``."""

from __future__ import annotations

import importlib

from gru_lib import checks
from gru_lib.studies.spec import Study

__all__ = ["MODULES", "get_study", "study_names"]

# A new study joins the book with one line here, one stage in dvc.yaml and its stored results.
MODULES = {
    "memory": "gru_lib.studies.memory",
    "memory_models": "gru_lib.studies.memory_models",
    "mingru": "gru_lib.studies.mingru",
    "mingru_speed": "gru_lib.studies.mingru_speed",
    "char_lm": "gru_lib.studies.char_lm",
    "counting": "gru_lib.studies.counting",
    "cells": "gru_lib.studies.cells",
    "cell_speed": "gru_lib.studies.cell_speed",
    "practice": "gru_lib.studies.practice",
}


def study_names() -> list[str]:
    """The names of the book's studies, in the order ``studies run`` runs them.

    >>> study_names()[0]
    'memory'
    """
    return list(MODULES)


def get_study(name: str) -> Study:
    """The study called ``name``.

    >>> get_study("memory").deps[0]
    'gru_lib/studies/memory.py'
    """
    name = checks.one_of(name, "name", study_names())
    return importlib.import_module(MODULES[name]).STUDY
