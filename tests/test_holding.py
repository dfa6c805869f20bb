"""unit_holding tells a unit that holds a number from one that drifts; cycle_maxima finds one
maximum per cycle."""

from __future__ import annotations

import numpy as np

from gru_lib.analysis.forecasting import cycle_maxima
from gru_lib.analysis.holding import HELD, NOT_HELD, unit_holding
from gru_lib.data import sunspots


def test_a_unit_that_keeps_what_it_wrote_holds_the_number():
    states = np.array([[0.0, 0.0, 0.4, 0.41, 0.39, 0.4, -0.2], [0.1, -0.3, -0.31, -0.3, 0.2, 0, 0]])
    holding = unit_holding(states, np.array([[2, 6], [1, 4]]))
    assert holding.kind == HELD and holding.ratio < 0.1


def test_a_drift_larger_than_the_write_is_not_holding_and_names_the_worst_sequence():
    # Sequence 2 writes 0.23 and then drifts by 0.33, as Fig. 3.4's third example did.
    states = np.array([[0.0, 0.5, 0.5, 0.5, 0.0], [0.0, 0.23, 0.4, 0.56, 0.0]])
    holding = unit_holding(states, np.array([[1, 4], [1, 4]]))
    assert holding.kind == NOT_HELD
    assert holding.example == 2
    assert np.isclose(holding.drift, 0.33) and np.isclose(holding.write, 0.23)
    assert "sequence 2" in holding.sentence and "0.33" in holding.sentence


def test_a_write_at_the_first_step_is_measured_from_the_zero_initial_state():
    holding = unit_holding(np.array([[0.3, 0.3, 0.3]]), np.array([[0, 2]]))
    assert holding.kind == HELD and np.isclose(holding.write, 0.3)


def test_the_sunspot_maxima_of_1963_to_2008_are_the_four_solar_cycle_maxima():
    years, spots = sunspots()
    recent = years >= 1963
    assert list(years[recent][cycle_maxima(spots[recent])]) == [1968, 1979, 1989, 2000]


def test_a_bump_on_a_cycles_flank_is_not_a_maximum():
    values = np.array([0, 5, 10, 6, 7, 3, 0, 4, 8, 4, 0], dtype=float)  # 7 is a bump
    assert list(cycle_maxima(values, half_width=3)) == [2, 8]
