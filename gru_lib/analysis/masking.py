"""Batches of sequences of different lengths: padding, masks, and a check that the mask works.

A recurrent layer needs a batch to be one rectangular array ``(batch, time, features)``, so
shorter sequences are padded with a value to the longest one. A mask (``keras.layers.Masking``,
or ``mask_zero`` in an ``Embedding``) marks the padded steps, and the layer then carries its state
across them unchanged; :func:`masked_difference` checks that on real outputs.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras
import numpy as np

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)

__all__ = ["PADDINGS", "masked_difference", "pad_sequences"]

PADDINGS = ("post", "pre")  # right padding (after the data) and left padding (before it)


def pad_sequences(
    sequences: Sequence[np.ndarray], *, padding: str = "post", value: float = 0.0
) -> np.ndarray:
    """Stack sequences of shapes ``(time_i, features)`` into ``(batch, max time, features)``.

    Missing steps are filled with ``value``: after the data (``padding="post"``, right padding)
    or before it (``"pre"``, left padding). A mask built from the padding value would also hide
    any real step whose features all equal ``value``, so such a step is a ``ValueError``.

    >>> batch = pad_sequences([np.ones((2, 1)), np.full((1, 1), 2.0)], value=-1.0)
    >>> batch[:, :, 0].tolist()
    [[1.0, 1.0], [2.0, -1.0]]
    """
    arrays = [checks.finite_array(s, f"sequences[{i}]", ndim=2) for i, s in enumerate(sequences)]
    if not arrays:
        raise checks.invalid("sequences", "It is empty.")
    padding = checks.one_of(padding, "padding", PADDINGS)
    value = float(value)
    features = {a.shape[1] for a in arrays}
    if len(features) != 1:
        raise checks.invalid(
            "sequences", f"All must have the same number of features, got {sorted(features)}."
        )
    for i, array in enumerate(arrays):
        if np.any(np.all(array == value, axis=1)):
            raise checks.invalid(
                "value",
                f"Sequence {i} has a step whose "
                f"features all equal the padding value {value}, so a mask would hide real data; "
                f"pick a value the data never takes, got value={value}.",
            )
    longest = max(len(a) for a in arrays)
    batch = np.full((len(arrays), longest, features.pop()), value, dtype=np.float32)
    for i, array in enumerate(arrays):
        if padding == "post":
            batch[i, : len(array)] = array
        else:
            batch[i, longest - len(array) :] = array
    return batch


def masked_difference(
    rnn: keras.layers.Layer,
    sequences: Sequence[np.ndarray],
    *,
    padding: str = "post",
    value: float = 0.0,
    mask: bool = True,
) -> float:
    """Largest ``|batched - alone|`` between a layer's last outputs on a padded batch and alone.

    ``rnn`` is a recurrent layer that returns its last state (``return_sequences=False``).
    ``sequences`` are padded with :func:`pad_sequences` and run as one batch, through
    ``keras.layers.Masking(value)`` first when ``mask`` is true; each sequence is also run alone,
    unpadded. A correct mask makes the two agree to float precision; without one, the layer
    reads the padding as data.

    >>> gru = keras.layers.GRU(3, seed=0)
    >>> seqs = [np.ones((4, 2)), np.ones((2, 2))]
    >>> masked_difference(gru, seqs) < 1e-6, masked_difference(gru, seqs, mask=False) > 1e-3
    (True, True)
    """
    if not isinstance(rnn, keras.layers.Layer):
        raise checks.invalid("rnn", f"Expected a Keras layer, got {type(rnn).__name__}.")
    batch = pad_sequences(sequences, padding=padding, value=value)
    inputs = keras.layers.Masking(mask_value=value)(batch) if mask else batch
    batched = np.asarray(rnn(inputs))
    alone = np.concatenate([np.asarray(rnn(np.asarray(s, np.float32)[None])) for s in sequences])
    return float(np.abs(batched - alone).max())
