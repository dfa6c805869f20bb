"""The book's studies: experiments declared in code, run once, stored with their provenance.

A page build never trains a study member: chapters read the stored tables with :func:`load`.
``python -m gru_lib studies run`` (or ``make studies``) runs the studies, ``studies list`` shows
what is stored and whether it is current (through DVC, see ``dvc.yaml``), and ``studies
reproduce`` re-runs a few stored members to check that their numbers come out again.

>>> table = load("memory")
>>> {"key", "cell", "length", "seed", "ratio", "val_curve"} <= set(table.columns)
True
"""

from __future__ import annotations

from gru_lib.studies.registry import get_study, study_names
from gru_lib.studies.spec import Budget, Member, Study
from gru_lib.studies.storage import load, load_provenance

__all__ = ["Budget", "Member", "Study", "get_study", "load", "load_provenance", "study_names"]
