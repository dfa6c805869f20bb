"""The two series the book forecasts: a simulated noisy sine and the yearly sunspot numbers."""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["noisy_sine", "sunspots"]


def noisy_sine(
    *, length: int = 1200, period: float = 50.0, noise: float = 0.1, seed: int = 0
) -> np.ndarray:
    """A sine wave with Gaussian noise: ``sin(2π t / period) + noise · ε_t``, ``ε_t ~ N(0, 1)``.

    Returns a float32 array of shape ``(length,)``. The same seed gives the same series.

    >>> [round(float(v), 3) for v in noisy_sine(length=4, noise=0.0)]
    [0.0, 0.125, 0.249, 0.368]
    """
    length = checks.integer(length, "length", minimum=2)
    period = checks.positive_number(period, "period")
    noise = checks.non_negative_number(noise, "noise")
    seed = checks.integer(seed, "seed", minimum=0)
    t = np.arange(length)
    rng = np.random.default_rng(seed)
    return (np.sin(2 * np.pi * t / period) + noise * rng.standard_normal(length)).astype(np.float32)


def sunspots() -> tuple[np.ndarray, np.ndarray]:
    """Yearly mean sunspot numbers, 1700-2008, as bundled with statsmodels (no network needed).

    Returns ``(years, values)``, two arrays of shape ``(309,)``; ``values`` is float32.

    >>> years, values = sunspots()
    >>> int(years[0]), values.shape
    (1700, (309,))
    """
    from statsmodels.datasets import sunspots as bundled

    frame = bundled.load_pandas().data
    return frame["YEAR"].to_numpy(dtype=np.int64), frame["SUNACTIVITY"].to_numpy(dtype=np.float32)
