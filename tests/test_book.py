"""The built site: every chapter rendered its figures and shows no error output or log noise."""

from __future__ import annotations

import re

import jupytext
import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import BOOK, toc_chapters
from PIL import Image

pytestmark = pytest.mark.slow

# Text that must never reach a reader: log lines, progress bars, warnings and tracebacks.
NOISE = [
    "Traceback (most recent call last)",
    "Warning:",
    "WARNING",
    "oneDNN",
    "absl::",
    "tensorflow/core",
    "cuda drivers",
    "Epoch 1/",
    "step - loss",
    "ms/step",
    "{glue",
]


def glued_numbers(built_book, chapter: str) -> dict[str, float]:
    """The numbers a chapter glued for its prose, by key, read from its executed notebook."""
    notebook = nbformat.read(built_book / "_sources" / f"{chapter}.ipynb", as_version=4)
    numbers = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if not record:
                continue
            text = output["data"].get(record.get("mime_prefix", "") + "text/plain", "")
            plain = re.fullmatch(r"(?:np\.\w+\()?([^()]*)\)?", text)  # np.float64(0.5) or 0.5
            try:
                numbers[record["name"]] = float(plain.group(1))
            except (AttributeError, ValueError):  # glued text or Markdown, not a number
                pass
    return numbers


def declared_figures(chapter: str) -> int:
    """How many code cells of a chapter's source ask myst-nb for a captioned figure."""
    notebook = jupytext.read(BOOK / f"{chapter}.md")
    return sum("figure" in cell.metadata.get("mystnb", {}) for cell in notebook.cells)


@pytest.mark.parametrize("chapter", toc_chapters())
def test_every_chapter_rendered(built_book, chapter):
    assert (built_book / f"{chapter}.html").is_file()


@pytest.mark.parametrize(
    "chapter", [c for c in toc_chapters() if (BOOK / f"{c}.md").read_text().count("{code-cell}")]
)
def test_chapter_shows_its_figures_with_alt_text_and_no_noise(built_book, chapter):
    page = BeautifulSoup((built_book / f"{chapter}.html").read_text(), "html.parser")
    article = page.find("article")
    figures = article.select("figure img")
    assert len(figures) == declared_figures(chapter) > 0
    for image in figures:
        assert (built_book / image["src"]).is_file(), image["src"]
        assert image.get("alt", "").strip(), f"figure {image['src']} has no alt text"
    assert not article.select(".output.stderr, .output.traceback, .output.error")
    text = article.get_text()
    for noise in NOISE:
        assert noise not in text, f"{chapter}: {noise!r} on the page"


def test_hands_on_page_fills_in_its_numbers_and_baseline_table(built_book):
    article = BeautifulSoup((built_book / "hands-on.html").read_text(), "html.parser").find(
        "article"
    )
    tables = [t.get_text(" ") for t in article.find_all("table")]
    assert any("last value" in t and "linear AR" in t and "RMSE" in t for t in tables)
    test_mse = glued_numbers(built_book, "hands-on")["seed_test_mse"]
    assert f"{test_mse:.6f}" in article.get_text(" ")  # as the page formats it


def test_references_page_lists_the_cited_papers(built_book):
    text = BeautifulSoup((built_book / "references.html").read_text(), "html.parser").get_text()
    assert "learning phrase representations" in text.lower()


@pytest.mark.parametrize("chapter", [c for c in toc_chapters() if declared_figures(c)])
def test_chapter_offers_its_executed_notebook_copy_buttons_and_binder_launch(built_book, chapter):
    page = BeautifulSoup((built_book / f"{chapter}.html").read_text(), "html.parser")
    # Download: the executed notebook, outputs included.
    notebook_links = [
        a["href"] for a in page.find_all("a", href=True) if a["href"].endswith(".ipynb")
    ]
    assert f"_sources/{chapter}.ipynb" in notebook_links
    notebook = nbformat.read(built_book / "_sources" / f"{chapter}.ipynb", as_version=4)
    assert any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    # Copy buttons on code cells.
    assert any("copybutton.js" in s.get("src", "") for s in page.find_all("script"))
    # Binder opens this very chapter's file.
    binder = [a["href"] for a in page.find_all("a", href=True) if "mybinder.org" in a["href"]]
    assert binder and all(href.endswith(f"urlpath=lab/tree/book/{chapter}.md") for href in binder)


def svg_background(path) -> str:
    """The style of a matplotlib SVG's figure patch: what is drawn behind everything."""
    from xml.etree import ElementTree

    root = ElementTree.parse(path).getroot()
    patch = root.find(
        ".//{http://www.w3.org/2000/svg}g[@id='patch_1']/{http://www.w3.org/2000/svg}path"
    )
    return "" if patch is None else patch.get("style", "")


@pytest.mark.parametrize("chapter", [c for c in toc_chapters() if declared_figures(c)])
def test_figures_have_an_opaque_white_background_for_dark_mode(built_book, chapter):
    page = BeautifulSoup((built_book / f"{chapter}.html").read_text(), "html.parser")
    for image in page.find("article").select("figure img"):
        if image["src"].endswith(".svg"):  # a drawing: its figure patch must be opaque white
            assert svg_background(built_book / image["src"]) == "fill: #ffffff", image["src"]
            continue
        with Image.open(built_book / image["src"]) as png:
            rgba = png.convert("RGBA")
            corners = [
                rgba.getpixel((x, y)) for x in (0, rgba.width - 1) for y in (0, rgba.height - 1)
            ]
        # Transparent figures would put black axes on the dark page; white ones stay legible.
        assert all(pixel == (255, 255, 255, 255) for pixel in corners), image["src"]


def test_practice_page_shows_its_checks_tables_perplexities_and_samples(built_book):
    article = BeautifulSoup((built_book / "gru-practice.html").read_text(), "html.parser").find(
        "article"
    )
    text = " ".join(article.get_text(" ").split())
    numbers = glued_numbers(built_book, "gru-practice")  # shown as the page formats them
    assert f"{numbers['mask_max_difference']:.1e}" in text
    assert all(
        f"{numbers[key]:.2f}" in text for key in ("lm_gru_mean", "lm_gru_low", "lm_gru_high")
    )
    assert "--- temperature 0.5 ---" in text and "--- temperature 1.0 ---" in text
    tables = " ".join(t.get_text(" ") for t in article.find_all("table"))
    assert "cuDNN allowed" in tables and "recurrent_dropout=0.2" in tables
