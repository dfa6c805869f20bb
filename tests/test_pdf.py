"""The book as one PDF through LaTeX (`make pdf`): every chapter, its figures, numbered equations
and the bibliography, with no line running off the page.

It runs ``jupyter-book build book --builder pdflatex`` into the same output folder as the
``built_book`` HTML build, so it reuses that build's execution cache and no chapter runs a second
time. It needs TeX Live (pdflatex, latexmk) and poppler-utils (pdfinfo, pdftotext, pdfimages):
``.ci/install-texlive`` installs them where apt is available. Without them the tests skip on a
developer's machine, but fail under ``.ci/run`` (``GRU_BOOK_CI``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import pytest
from conftest import BOOK, ROOT, skip_or_fail, toc_chapters

pytestmark = pytest.mark.slow

TOOLS = ("pdflatex", "latexmk", "pdfinfo", "pdftotext", "pdfimages")
PDF_NAME = "learning-gru"
# An overfull box this much wider than the text block is invisible on paper; more is text or an
# equation running into the margin.
OVERFULL_TOLERANCE_PT = 3.0


def chapter_title(name: str) -> str:
    """The first ``# `` heading of a page of the book."""
    return next(
        line[2:].strip() for line in (BOOK / f"{name}.md").read_text().splitlines()
        if line.startswith("# ")
    )  # fmt: skip


def declared_figures() -> int:
    """Captioned figures the chapters ask myst-nb for (their ``mystnb: figure:`` metadata)."""
    total = 0
    for name in toc_chapters():
        text = (BOOK / f"{name}.md").read_text()
        if "{code-cell}" in text:
            cells = jupytext.reads(text, fmt="md:myst").cells
            total += sum("figure" in cell.metadata.get("mystnb", {}) for cell in cells)
    return total


def labelled_equations() -> set[tuple[str, str]]:
    """(page, label) of every display equation with a label (``$$ (label)``) in the book."""
    return {
        (name, label)
        for name in toc_chapters()
        for label in re.findall(r"^\$\$ \(([\w-]+)\)\s*$", (BOOK / f"{name}.md").read_text(), re.M)
    }


@pytest.fixture(scope="session")
def built_pdf(built_book) -> dict:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not found; run .ci/install-texlive (Debian TeX Live)"
        skip_or_fail(message)
    output = built_book.parent.parent  # built_book is <output>/_build/html
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    start = time.perf_counter()
    result = subprocess.run(
        [str(jupyter_book), "build", "book", "--builder", "pdflatex", "--path-output", str(output),
         "-W", "-n", "--keep-going"],  # as `make pdf`: a warning fails it
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": ""},
    )  # fmt: skip
    seconds = time.perf_counter() - start
    latex = output / "_build" / "latex"
    (output / "_build" / "pdf-build.log").write_text(result.stdout + result.stderr)
    pdf = latex / f"{PDF_NAME}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        pytest.fail(f"The PDF build failed:\n{result.stdout[-6000:]}\n{result.stderr[-4000:]}")
    print(f"PDF build: {seconds:.0f} s")  # shown with -rP
    return {"pdf": pdf, "latex": latex, "output": result.stdout + result.stderr}


def run(*command: str | Path) -> str:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_build_reuses_the_html_builds_executed_notebooks(built_pdf):
    # Neither myst-nb nor gru_book/sphinx/parallel_execution.py ran a chapter.
    assert "Executing notebook" not in built_pdf["output"]
    assert not re.search(r"executed \S+\.md in", built_pdf["output"])


def test_pdf_has_a_plausible_number_of_pages(built_pdf):
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", built_pdf["pdf"]), re.M).group(1))
    # At least two pages a chapter, and far fewer than a runaway (one figure a page, say).
    assert 2 * len(toc_chapters()) <= pages <= 400, pages


def test_pdf_embeds_every_figure(built_pdf):
    listed = run("pdfimages", "-list", built_pdf["pdf"]).splitlines()[2:]  # two header lines
    images = [line for line in listed if line.split()[2] == "image"]
    assert len(images) >= declared_figures() > 0


def test_pdf_holds_each_chapter_title_and_the_bibliography(built_pdf):
    text = " ".join(run("pdftotext", "-layout", built_pdf["pdf"], "-").split())
    for name in toc_chapters():
        title = chapter_title(name)
        assert title in text, f"{name}: title {title!r} is not in the PDF"
    assert "Learning phrase representations" in text  # a cited paper, from references.bib


def test_pdf_chapters_follow_the_table_of_contents_after_the_landing_page(built_pdf):
    tex = (built_pdf["latex"] / f"{PDF_NAME}.tex").read_text()
    front, _, body = tex.partition(r"\setcounter{secnumdepth}{\value{bookfrontsecnumdepth}}")
    assert body, "no numbered part after the landing page"
    chapters = re.findall(r"^\\chapter\{(.+)\}$", body, re.M)
    titles = [chapter_title(name) for name in toc_chapters()[1:]]
    assert [c.replace(r"\sphinxhyphen{}", "-") for c in chapters] == titles
    assert r"\chapter{What is inside}" not in tex  # the landing page's list of chapters


def test_pdf_shows_tables_not_object_reprs(built_pdf):
    text = run("pdftotext", built_pdf["pdf"], "-")
    assert not re.search(r"<[\w.]+ (object )?at 0x[0-9a-f]+>", text)


def test_pdf_numbers_its_equations(built_pdf):
    tex = (built_pdf["latex"] / f"{PDF_NAME}.tex").read_text()
    labelled = set(re.findall(r"\\label\{equation:([\w-]+):([\w-]+)\}", tex))
    assert labelled == labelled_equations() != set()
    # Numbered by chapter, as on the site: the first equation of chapter 3 is (3.1).
    text = run("pdftotext", built_pdf["pdf"], "-")
    chapters = toc_chapters()[1:]  # after the landing page
    for name in sorted({name for name, _ in labelled}):
        number = f"({chapters.index(name) + 1}.1)"
        assert number in text, f"{name}: no equation {number}"


def test_no_text_runs_off_the_page(built_pdf):
    log = (built_pdf["latex"] / f"{PDF_NAME}.log").read_text(errors="replace")
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    too_wide = [width for width in widths if width > OVERFULL_TOLERANCE_PT]
    assert too_wide == [], f"{len(too_wide)} overfull lines, widest {max(too_wide, default=0)} pt"


def test_no_figure_was_dropped_for_its_format(built_pdf):
    log = (built_pdf["latex"] / f"{PDF_NAME}.log").read_text(errors="replace")
    assert "Unknown graphics extension" not in log
    assert ".svg" not in (built_pdf["latex"] / f"{PDF_NAME}.tex").read_text()
