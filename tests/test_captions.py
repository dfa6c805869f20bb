"""A caption's words for line styles ("dashed", "dotted", "faint", ...) match the lines its figure
draws.

Every plot helper's PNG records the lines it drew (``gru_lib.plots.line_record.drawn_lines``);
the fast tests check that record and the caption reader on real helpers, and the slow test holds
every figure of the built book, caption and alt text, to the PNG the page shows.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from bs4 import BeautifulSoup
from IPython.core.pylabtools import print_figure
from PIL import Image

from gru_book.captions import caption_claims, figure_lines, mismatches, notebook_mismatches
from gru_lib.plots import gradient_decay, loss_curves
from gru_lib.plots.line_record import LINE_STYLES_KEY
from gru_lib.training.engine import TrainingHistory
from tests.conftest import toc_chapters

HISTORY = TrainingHistory(loss=[1.0, 0.5, 0.3], val_loss=[1.1, 0.6, 0.4], seconds=1.0)


def shown_png(fig) -> bytes:
    """The PNG a notebook shows for ``fig``, made the way IPython's inline backend makes it."""
    return print_figure(fig, "png", bbox_inches="tight")


def test_a_plot_helpers_png_records_every_line_it_draws():
    lines = figure_lines(shown_png(loss_curves({"GRU": HISTORY, "LSTM": HISTORY}, baseline=1.0)))
    looks = {(line["label"], line["style"], line["faint"], line["bold"]) for line in lines}
    assert looks == {
        ("GRU: training", "solid", True, False),
        ("GRU: validation", "solid", False, True),
        ("LSTM: training", "dashed", True, False),
        ("LSTM: validation", "dashed", False, True),
        ("baseline", "dotted", False, False),
    }


def test_a_png_not_drawn_by_a_plot_helper_records_no_lines():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="png")
    assert figure_lines(buffer.getvalue()) is None
    assert LINE_STYLES_KEY not in Image.open(buffer).text


def test_the_caption_reader_finds_each_style_word_and_what_it_is_said_of():
    claims = caption_claims(
        "Validation loss (bold) and training loss (faint), the LSTM dash-dotted. "
        "The dotted line is the baseline."
    )
    assert [(c.word, c.subject) for c in claims] == [
        ("bold", ("validation",)),
        ("faint", ("training",)),
        ("dash-dotted", ()),
        ("dotted", ()),
    ]


def test_a_caption_that_calls_a_solid_validation_line_dashed_fails():
    lines = figure_lines(shown_png(loss_curves(HISTORY, baseline=1.0)))
    assert mismatches("Training loss (solid) and validation loss (dashed).", lines)
    assert mismatches("The dashed line is the baseline.", lines)
    assert not mismatches(
        "Validation loss (bold) and training loss (faint); the dotted line is the baseline.",
        lines,
    )


def test_a_style_said_of_one_model_is_not_satisfied_by_another_models_line():
    # The old caption of fig-limits-trained: "at initialisation (dashed)", while the dashed line
    # of that figure is the LSTM's and the lines at initialisation are faint.
    norms = {name: np.geomspace(1.0, 0.1, 5) for name in ["tanh RNN", "GRU", "LSTM"]}
    lines = figure_lines(shown_png(gradient_decay(norms, before=norms)))
    assert mismatches("after training (solid) and at initialisation (dashed)", lines)
    assert not mismatches("after training, and at initialisation (faint)", lines)


def test_a_notebook_figure_whose_caption_contradicts_its_png_is_reported():
    import base64

    png = base64.b64encode(shown_png(loss_curves(HISTORY))).decode()
    cell = {
        "cell_type": "code",
        "metadata": {
            "mystnb": {"figure": {"caption": "validation (dashed)", "name": "fig-x"}},
        },
        "outputs": [{"output_type": "display_data", "data": {"image/png": png}}],
    }
    assert list(notebook_mismatches({"cells": [cell]})) == ["fig-x"]
    cell["metadata"]["mystnb"]["figure"]["caption"] = "validation (bold)"
    assert notebook_mismatches({"cells": [cell]}) == {}


@pytest.mark.slow
@pytest.mark.parametrize("chapter", toc_chapters())
def test_every_figure_caption_of_the_built_book_matches_its_lines(built_book, chapter):
    page = BeautifulSoup((built_book / f"{chapter}.html").read_text(), "html.parser")
    problems = {}
    for figure in page.select("article figure"):
        image, caption = figure.find("img"), figure.find("figcaption")
        if image is None or not image["src"].endswith(".png"):
            continue
        text = " ".join([caption.get_text(" ") if caption else "", image.get("alt", "")])
        text = re.sub(r"\s+", " ", text)
        lines = figure_lines((built_book / image["src"]).read_bytes())
        if lines is None:
            if caption_claims(text):
                problems[image["src"]] = ["names line styles, but the image records no lines"]
            continue
        if found := mismatches(text, lines):
            problems[image["src"]] = found
    assert not problems, problems
