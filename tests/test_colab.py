"""Colab notebooks (notebooks/, made by gru_book/colab_notebooks.py) match their chapters.

Executing one of them, install cell included, in a fresh environment is in test_binder.py, which
reuses the Binder test's virtual environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import BOOK, ROOT

from gru_book import colab_notebooks
from gru_book.sphinx.colab_launch import colab_url

CHAPTERS = colab_notebooks.notebook_chapters()


def test_every_notebook_chapter_of_the_toc_has_a_colab_notebook():
    assert {"hands-on", "gru-gates"} <= set(CHAPTERS)
    assert sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb")) == sorted(CHAPTERS)


def test_colab_notebooks_match_their_chapters():
    stale = colab_notebooks.stale_notebooks()
    assert stale == [], f"{stale}: regenerate with python -m gru_book.colab_notebooks"


def test_a_changed_chapter_makes_its_notebook_stale(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    (book / "_toc.yml").write_text((BOOK / "_toc.yml").read_text())
    for page in colab_notebooks.toc_pages(BOOK):
        (book / f"{page}.md").write_text((BOOK / f"{page}.md").read_text())
    folder = tmp_path / "notebooks"
    colab_notebooks.write_notebooks(book, folder)
    assert colab_notebooks.stale_notebooks(book, folder) == []
    with (book / "gru-gates.md").open("a") as chapter:
        chapter.write("\n```{code-cell} ipython3\nprint('new cell')\n```\n")
    (folder / "dropped.ipynb").write_text("{}")
    assert colab_notebooks.stale_notebooks(book, folder) == ["dropped.ipynb", "gru-gates.ipynb"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_colab_notebook_is_the_chapter_behind_an_install_cell(chapter):
    notebook = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4)
    nbformat.validate(notebook)
    chapter_cells = colab_notebooks.jupytext.read(BOOK / f"{chapter}.md").cells
    assert [cell.source for cell in notebook.cells[2:]] == [cell.source for cell in chapter_cells]
    url, ref = colab_notebooks.repository()
    install = notebook.cells[1]
    assert install.cell_type == "code" and install.metadata["tags"] == ["colab-install"]
    assert f'REPOSITORY = "{url}"' in install.source and f'REF = "{ref}"' in install.source
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert all(len(line) <= 80 for line in install.source.splitlines())


def test_install_cell_does_nothing_outside_colab(tmp_path):
    """Run in a fresh interpreter without google.colab: no clone, no install, same folder."""
    url, ref = colab_notebooks.repository()
    source = colab_notebooks.install_source(url, ref, clone=str(tmp_path / "clone"))
    probe = (
        "import os, subprocess\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError(f'ran {args}')\n"
        "subprocess.run = refuse\n"
        f"{source}\n"
        "print(os.getcwd())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert Path(result.stdout.strip()) == tmp_path
    assert not (tmp_path / "clone").exists()


def test_colab_url_opens_the_notebook_on_the_configured_repository_and_branch():
    assert colab_url("https://github.com/gru-book/gru-book", "main", "gru-gates") == (
        "https://colab.research.google.com/github/gru-book/gru-book/blob/main/"
        "notebooks/gru-gates.ipynb"
    )


def test_check_command_reports_stale_notebooks():
    result = subprocess.run(
        [sys.executable, "-m", "gru_book.colab_notebooks", "--check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": ""},
    )
    assert result.returncode == 0, result.stdout
