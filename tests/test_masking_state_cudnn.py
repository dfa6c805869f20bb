"""Padding and masks, state carried across calls, and the cuDNN conditions of keras.layers.GRU."""

import keras
import numpy as np
import pytest

from gru_lib.analysis.cudnn import (
    DROPOUT_SETTINGS,
    cudnn_arguments_allowed,
    cudnn_conditions,
    dropout_step_times,
    mask_allows_cudnn,
)
from gru_lib.analysis.masking import masked_difference, pad_sequences
from gru_lib.analysis.state import initial_state_difference, stateful_stream_difference
from gru_lib.data import sunspots


def sequences():
    rng = np.random.default_rng(0)
    return [rng.uniform(0.1, 1.0, size=(length, 3)) for length in (7, 3, 5)]


def test_padding_goes_after_or_before_the_data():
    post = pad_sequences(sequences(), padding="post", value=0.0)
    pre = pad_sequences(sequences(), padding="pre", value=0.0)
    assert post.shape == pre.shape == (3, 7, 3)
    assert np.all(post[1, 3:] == 0) and np.all(post[1, :3] != 0)
    assert np.all(pre[1, :4] == 0) and np.array_equal(pre[1, 4:], post[1, :3])


def test_a_step_equal_to_the_mask_value_is_a_value_error():
    data = sequences()
    data[2][1] = 0.0
    with pytest.raises(ValueError, match="`value`.*mask would hide real data"):
        pad_sequences(data, value=0.0)
    pad_sequences(data, value=-1.0)  # another padding value is fine


@pytest.mark.parametrize("padding", ["post", "pre"])
def test_a_masked_batch_gives_each_sequence_its_own_answer(padding):
    gru = keras.layers.GRU(6, seed=0)
    assert masked_difference(gru, sequences(), padding=padding) < 1e-6


@pytest.mark.parametrize("padding", ["post", "pre"])
def test_without_the_mask_the_padding_changes_the_answer(padding):
    biased = keras.initializers.RandomNormal(seed=0)  # as after training: biases not zero
    gru = keras.layers.GRU(6, seed=0, bias_initializer=biased)
    assert masked_difference(gru, sequences(), padding=padding, mask=False) > 1e-3


def test_leading_zeros_leave_a_fresh_zero_bias_gru_at_its_zero_state():
    gru = keras.layers.GRU(6, seed=0)  # zero biases: zero input from zero state stays zero
    assert masked_difference(gru, sequences(), padding="pre", mask=False) < 1e-6
    assert masked_difference(gru, sequences(), padding="post", mask=False) > 1e-3


def test_handing_the_final_state_on_continues_the_sequence_exactly():
    x = np.random.default_rng(1).normal(size=(3, 20, 2))
    assert initial_state_difference(x, split=9, units=5) < 1e-6
    with pytest.raises(ValueError, match="`split`"):
        initial_state_difference(x, split=20)


def test_a_stateful_gru_fed_sunspots_in_chunks_matches_one_pass():
    _, values = sunspots()
    assert stateful_stream_difference(values, chunk=50, units=8) < 1e-5
    with pytest.raises(ValueError, match="`chunk`"):
        stateful_stream_difference(values, chunk=len(values))


def test_default_gru_allows_cudnn_and_each_broken_condition_does_not():
    table = cudnn_conditions()
    assert table["cuDNN allowed"].iloc[0]
    assert not table["cuDNN allowed"].iloc[1:].any()
    assert not cudnn_arguments_allowed(keras.layers.GRU(4, use_cudnn=False))
    with pytest.raises(ValueError, match="`gru`"):
        cudnn_arguments_allowed(keras.layers.LSTM(4))


def test_only_right_padded_masks_with_a_real_step_allow_cudnn():
    assert mask_allows_cudnn(np.array([[1, 1, 0], [1, 0, 0]]))
    assert not mask_allows_cudnn(np.array([[0, 1, 1]]))  # left-padded
    assert not mask_allows_cudnn(np.array([[1, 0, 1]]))  # a hole
    assert not mask_allows_cudnn(np.array([[1, 1, 1], [0, 0, 0]]))  # an empty sequence


def test_dropout_step_times_cover_every_setting_relative_to_no_dropout():
    table = dropout_step_times(batch_size=4, time=6, units=4, steps=3, warmup=1)
    assert table["setting"].tolist() == list(DROPOUT_SETTINGS)
    assert table["cuDNN allowed"].tolist() == [True, True, False]
    assert (table["ms_per_step"] > 0).all() and table["ratio_to_no_dropout"].iloc[0] == 1.0
