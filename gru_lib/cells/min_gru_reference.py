"""minGRU's equations as a plain NumPy loop in float64: the oracle the layer is checked against.

The chapter "GRUs in parallel" and the tests compare both modes of
:class:`gru_lib.cells.min_gru.MinGRU` with :func:`min_gru_reference` on the same weights.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["min_gru_reference"]


def min_gru_reference(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, initial_state: np.ndarray | None = None
) -> np.ndarray:
    """minGRU's equations as a NumPy loop, in float64; every state ``(batch, time, units)``.

    ``x`` is ``(batch, time, features)``, ``kernel`` ``(features, 2 * units)``, ``bias``
    ``(2 * units,)``, ``initial_state`` ``(batch, units)`` or ``None`` for zeros. The reference
    the layer's two modes are tested against.

    >>> h = min_gru_reference(np.ones((1, 2, 1)), np.array([[0.0, 4.0]]), np.zeros(2))
    >>> h[0, :, 0].tolist()  # z = 0.5: 0.5 * 0 + 0.5 * 4, then 0.5 * 2 + 0.5 * 4
    [2.0, 3.0]
    """
    x = checks.finite_array(x, "x", ndim=3, dtype=np.float64)
    kernel = checks.finite_array(kernel, "kernel", ndim=2, dtype=np.float64)
    bias = checks.finite_array(bias, "bias", ndim=1, dtype=np.float64)
    units = kernel.shape[1] // 2
    if kernel.shape[0] != x.shape[2] or kernel.shape[1] != 2 * units or bias.shape != (2 * units,):
        raise checks.invalid(
            "kernel",
            "Expected shapes kernel "
            f"({x.shape[2]}, 2 * units) and bias (2 * units,), got kernel {kernel.shape} and "
            f"bias {bias.shape}.",
        )
    h = np.zeros((x.shape[0], units))
    if initial_state is not None:
        h = checks.finite_array(initial_state, "initial_state", ndim=2, dtype=np.float64)
    states = []
    for t in range(x.shape[1]):
        projected = x[:, t] @ kernel + bias
        z = 1.0 / (1.0 + np.exp(-projected[:, :units]))
        h = z * h + (1.0 - z) * projected[:, units:]
        states.append(h)
    return np.stack(states, axis=1)
