"""The GRU's backward pass by hand: the gradients of a reset-after GRU, in NumPy and float64.

Written the way micrograd writes it: :func:`_forward_step` runs one step of the chapter's
equations and keeps what the backward needs; :func:`_backward_step` walks the same lines in
reverse, each of its lines the derivative of one forward line. Every line's comment starts with
the label of the equation it computes or differentiates in ``book/gru-gates.md`` (chapter 3),
which is how the chapter pairs them. :func:`gru_backward` runs the forward along time, then the
backward from the last step to the first, and sums each weight's gradient over the steps.

The layout is ``keras.layers.GRU(reset_after=True)``'s: ``kernel`` ``(features, 3 * units)``,
``recurrent_kernel`` ``(units, 3 * units)``, ``bias`` ``(2, 3 * units)`` (input row, recurrent
row), column blocks z, r, h. As everywhere in the book, z near 1 keeps the old state:
``h_t = z * h_{t-1} + (1 - z) * candidate``. In the code ``d_v`` is the gradient of the loss with
respect to the forward value ``v``; ``s_z``, ``s_r`` and ``s_h`` are the sums inside the
sigmoids and the tanh.
"""

from __future__ import annotations

import numpy as np

from gru_lib import checks

__all__ = ["gru_backward"]

# What _forward_step keeps for _backward_step: h_prev, z, r, candidate and
# h_h, the state's part h_{t-1} U_h + b'_h of the candidate; each (batch, units).
Cache = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _sigmoid(a: np.ndarray) -> np.ndarray:
    # 1 / (1 + exp(-a)) rewritten through tanh, which cannot overflow for large |a|.
    return 0.5 + 0.5 * np.tanh(0.5 * a)


# The chapter shows these two functions line by line, so they fit an 80-column page.
# fmt: off
def _forward_step(x_proj: np.ndarray, h_prev: np.ndarray,
                  recurrent_kernel: np.ndarray, recurrent_bias: np.ndarray
                  ) -> tuple[np.ndarray, Cache]:
    """One reset-after GRU step, ``gru_step``'s lines in NumPy, and its cache.

    ``x_proj`` ``(batch, 3 * units)`` is ``x_t W + b``; ``h_prev``
    ``(batch, units)``; ``recurrent_kernel`` ``(units, 3 * units)``;
    ``recurrent_bias`` ``(3 * units,)``. Returns ``h_t`` ``(batch, units)``
    and the :data:`Cache`.
    """
    x_z, x_r, x_h = np.split(x_proj, 3, axis=-1)  # (gru-parts) p = x W + b
    h_all = h_prev @ recurrent_kernel + recurrent_bias  # (gru-parts) q
    h_z, h_r, h_h = np.split(h_all, 3, axis=-1)  # (gru-parts) q's blocks
    z = _sigmoid(x_z + h_z)  # (gru-z) update gate
    r = _sigmoid(x_r + h_r)  # (gru-r) reset gate
    candidate = np.tanh(x_h + r * h_h)  # (gru-candidate-after)
    h = z * h_prev + (1.0 - z) * candidate  # (gru-state) new state
    return h, (h_prev, z, r, candidate, h_h)


def _backward_step(d_h: np.ndarray, cache: Cache,
                   recurrent_kernel: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of one step, given ``d_h`` ``(batch, units)``, the loss's
    gradient with respect to the step's output ``h_t``.

    Returns ``d_x_proj`` ``(batch, 3 * units)``, ``d_h_prev``
    ``(batch, units)``, and this step's shares of ``d_recurrent_kernel``
    ``(units, 3 * units)`` and ``d_recurrent_bias`` ``(3 * units,)``.
    """
    h_prev, z, r, candidate, h_h = cache
    d_z = d_h * (h_prev - candidate)  # (gru-state) z weighs old against new
    d_candidate = d_h * (1.0 - z)  # (gru-state) the candidate's share
    d_h_prev = d_h * z  # (gru-state) path 1: the copy of h_prev
    d_s_h = d_candidate * (1.0 - candidate**2)  # (gru-candidate-after) tanh'
    d_r = d_s_h * h_h  # (gru-candidate-after) r scales h_h ...
    d_h_h = d_s_h * r  # (gru-candidate-after) ... and h_h scales r
    d_s_r = d_r * r * (1.0 - r)  # (gru-r) sigmoid' = r (1 - r)
    d_s_z = d_z * z * (1.0 - z)  # (gru-z) sigmoid' = z (1 - z)
    d_h_all = np.concatenate([d_s_z, d_s_r, d_h_h], -1)  # (gru-parts) d q
    d_h_prev = d_h_prev + d_h_all @ recurrent_kernel.T  # (gru-parts) path 2
    d_recurrent_kernel = h_prev.T @ d_h_all  # (gru-parts) U's share
    d_recurrent_bias = d_h_all.sum(axis=0)  # (gru-parts) share of b'
    d_x_proj = np.concatenate([d_s_z, d_s_r, d_s_h], -1)  # (gru-parts) d p
    return d_x_proj, d_h_prev, d_recurrent_kernel, d_recurrent_bias
# fmt: on


def gru_backward(
    inputs: np.ndarray,
    initial_state: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
    state_gradients: np.ndarray,
) -> dict[str, np.ndarray]:
    """Backpropagate through a reset-after GRU by hand: every gradient, in float64.

    Runs the GRU forward from ``initial_state`` on ``inputs``, then backward. The loss is given
    by its gradients ``state_gradients`` with respect to every state the layer returns, so
    ``state_gradients = G`` gives the gradients of ``sum(h * G)``.

    Args:
        inputs: ``(batch, time, features)``, the sequences ``x``.
        initial_state: ``(batch, units)``, ``h_0``.
        kernel: ``(features, 3 * units)``, ``W``, column blocks z, r, h.
        recurrent_kernel: ``(units, 3 * units)``, ``U``, same blocks.
        bias: ``(2, 3 * units)``, the input row ``b`` and the recurrent row ``b'``.
        state_gradients: ``(batch, time, units)``, the loss's gradient with respect to each
            ``h_t`` on its own (not through later steps), as ``keras.layers.GRU(...,
            return_sequences=True)`` returns them.

    Returns:
        The gradients of the loss with respect to each argument, under the same keys
        (``"inputs"``, ``"initial_state"``, ``"kernel"``, ``"recurrent_kernel"``, ``"bias"``),
        each shaped like that argument.

    With zero weights z is sigmoid(0) = 1/2, the candidate is 0 and the state halves, so half of
    the gradient flows straight back to ``h_0``:

    >>> grads = gru_backward(np.zeros((1, 1, 2)), np.ones((1, 3)), np.zeros((2, 9)),
    ...                      np.zeros((3, 9)), np.zeros((2, 9)), np.ones((1, 1, 3)))
    >>> grads["initial_state"]
    array([[0.5, 0.5, 0.5]])
    >>> {name: grad.shape for name, grad in grads.items()}["recurrent_kernel"]
    (3, 9)
    """
    x, h0, w, u, b, g = _checked(
        inputs, initial_state, kernel, recurrent_kernel, bias, state_gradients
    )
    # (gru-parts) p_t = x_t W + b for every step at once: it does not depend on the state.
    x_proj = x @ w + b[0]  # (batch, time, 3 * units)
    h, caches = h0, []
    for t in range(x.shape[1]):
        h, cache = _forward_step(x_proj[:, t], h, u, b[1])
        caches.append(cache)

    d_x_proj = np.zeros_like(x_proj)
    d_u, d_b_recurrent = np.zeros_like(u), np.zeros_like(b[1])
    d_h = np.zeros_like(h0)  # nothing flows back from beyond the last step
    for t in reversed(range(x.shape[1])):
        # (gru-back-time) h_t reaches the loss directly and through step t + 1.
        d_h = d_h + g[:, t]
        d_x_proj[:, t], d_h, d_u_t, d_b_t = _backward_step(d_h, caches[t], u)
        # Every step uses the same U and b', so their gradients sum over time.
        d_u += d_u_t
        d_b_recurrent += d_b_t
    # (gru-parts) p_t = x_t W + b: W and b are shared by all steps and all sequences too.
    return {
        "inputs": d_x_proj @ w.T,
        "initial_state": d_h,
        "kernel": np.einsum("btf,btg->fg", x, d_x_proj),
        "recurrent_kernel": d_u,
        "bias": np.stack([d_x_proj.sum(axis=(0, 1)), d_b_recurrent]),
    }


def _checked(inputs, initial_state, kernel, recurrent_kernel, bias, state_gradients) -> tuple:
    """The six arguments as finite float64 arrays whose shapes agree, or a ``ValueError``."""

    def array(value, name, ndim):
        return checks.finite_array(value, name, ndim=ndim, dtype=np.float64)

    x = array(inputs, "inputs", 3)
    h0 = array(initial_state, "initial_state", 2)
    batch, time, features = x.shape
    units = h0.shape[1]
    if h0.shape[0] != batch:
        raise checks.mismatch(("inputs", "initial_state"), "batch size", batch, h0.shape[0])
    # The state's width fixes every other shape.
    wanted = {
        "kernel": (features, 3 * units),
        "recurrent_kernel": (units, 3 * units),
        "bias": (2, 3 * units),
        "state_gradients": (batch, time, units),
    }
    values = {
        "kernel": kernel,
        "recurrent_kernel": recurrent_kernel,
        "bias": bias,
        "state_gradients": state_gradients,
    }
    checked = {}
    for name, shape in wanted.items():
        checked[name] = array(values[name], name, len(shape))
        if checked[name].shape != shape:
            what = f"shape {shape} (from `inputs` and `initial_state`: {units} units)"
            raise checks.expected(name, f"an array of {what}", checked[name])
    return x, h0, *checked.values()
