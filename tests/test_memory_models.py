"""The memory_models study: the memory study's own members, with their trained weights kept."""

from __future__ import annotations

import numpy as np
import pytest

from gru_lib.data.adding import adding_task
from gru_lib.studies import load, memory_models
from gru_lib.training.engine import predict


def test_members_are_the_memory_study_members_with_the_same_test_error():
    kept, stored = load("memory_models"), load("memory").set_index("key")
    assert set(kept["key"]) <= set(stored.index)
    for _, row in kept.iterrows():
        assert row["test_mse"] == pytest.approx(stored.loc[row["key"], "test_mse"], rel=1e-4)
        assert row["learning_rate"] == stored.loc[row["key"], "learning_rate"]


def test_restored_weights_give_the_stored_test_error():
    config = memory_models.ModelsConfig()
    n_train, n_val, n_test = config.memory.sizes
    for _, row in load("memory_models").iterrows():
        task = adding_task(
            length=int(row["length"]),
            n_train=n_train,
            n_val=n_val,
            n_test=n_test,
            seed=int(row["seed"]),
        )
        model = memory_models.restore(row, config)
        mse = float(np.mean((predict(model, task.x_test) - task.y_test) ** 2))
        assert mse == pytest.approx(row["test_mse"], rel=1e-4)


def test_a_length_the_memory_study_lacks_is_refused():
    with pytest.raises(ValueError, match="lengths"):
        memory_models.ModelsConfig(lengths=(30,))
    with pytest.raises(ValueError, match="seed"):
        memory_models.ModelsConfig(seed=1000)
