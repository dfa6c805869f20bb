"""A Keras callback that draws training progress on a text stream, for the command line."""

from __future__ import annotations

from typing import TextIO

import keras

from gru_lib import (
    checks,
    runtime,  # noqa: F401  (configures TensorFlow: quiet, deterministic)
)

__all__ = ["EpochProgress"]


class EpochProgress(keras.callbacks.Callback):
    """A progress bar redrawn in place after every epoch: ``epoch 3/20 [###---] loss ...``.

    ``epochs`` is how many epochs the bar spans, ``stream`` a writable text stream (a terminal's
    stderr), ``width`` the bar's length in characters.

    >>> import io
    >>> stream = io.StringIO()
    >>> bar = EpochProgress(2, stream, width=4)
    >>> bar.on_epoch_end(0, {"loss": 0.5})
    >>> stream.getvalue()
    '\\repoch 1/2 [##--] loss 0.5'
    """

    def __init__(self, epochs: int, stream: TextIO, width: int = 30) -> None:
        super().__init__()
        epochs, width = checks.integer(epochs, "epochs"), checks.integer(width, "width")
        if not callable(getattr(stream, "write", None)):
            raise checks.expected("stream", "a writable text stream", stream)
        self.epochs, self.stream, self.width = epochs, stream, width

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        done = epoch + 1
        filled = round(self.width * done / self.epochs)
        bar = "#" * filled + "-" * (self.width - filled)
        losses = "  ".join(
            f"{name} {value:.4g}" for name, value in (logs or {}).items() if "loss" in name
        )
        digits = len(str(self.epochs))
        # "\r" returns to the start of the line, so the bar is redrawn rather than scrolled.
        self.stream.write(f"\repoch {done:>{digits}}/{self.epochs} [{bar}] {losses}")
        if done == self.epochs:
            self.stream.write("\n")
        self.stream.flush()
