"""The plain-Keras code chapter 1 shows (book/snippets/plain_keras.py) runs and learns."""

from __future__ import annotations

import importlib.util

import numpy as np
from conftest import BOOK

from gru_lib.data import uniform_mean_task


def test_the_plain_keras_snippet_trains_a_model_below_the_constant_guess():
    spec = importlib.util.spec_from_file_location("plain_keras", BOOK / "snippets/plain_keras.py")
    snippet = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(snippet)
    task = uniform_mean_task(n_train=256, n_val=32, n_test=64, length=10, seed=0)
    model = snippet.train_plain_keras(task, epochs=3)
    predictions = model.predict(task.x_test, verbose=0)[:, 0]
    assert predictions.shape == (64,)
    constant = float(np.mean((task.y_test - 0.5) ** 2))
    assert float(np.mean((predictions - task.y_test) ** 2)) < constant
