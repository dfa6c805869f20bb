"""Chapter 1's seed model in plain Keras, without gru_lib: the page shows this file, the tests run
it (tests/test_plain_keras_snippet.py), so the code a reader copies is code that works."""

import keras


def train_plain_keras(task, epochs=20):
    """Build, compile and train GRU(32) -> Dense(1) on a TaskData;
    return the trained model."""
    keras.utils.set_random_seed(0)  # the same weights and batches on every run
    model = keras.Sequential([
        keras.Input(shape=task.x_train.shape[1:]),  # (time, features)
        keras.layers.GRU(32),  # reads the sequence, returns its last state
        keras.layers.Dense(1),  # the last state -> one number
    ])
    model.compile(optimizer=keras.optimizers.Adam(), loss="mse")
    model.fit(task.x_train, task.y_train, epochs=epochs, batch_size=32,
              validation_data=(task.x_val, task.y_val), verbose=0)
    return model
