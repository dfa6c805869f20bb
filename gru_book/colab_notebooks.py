"""Colab notebooks: each notebook chapter of the book as a ``.ipynb`` that Google Colab can open.

Colab opens ``.ipynb`` files from GitHub but not MyST Markdown, so ``notebooks/<chapter>.ipynb``
holds every notebook chapter of ``book/_toc.yml`` converted by jupytext, with one cell in front:
on Colab (and only there, ``"google.colab" in sys.modules``) it clones the book's repository at
the branch the Colab button opens, installs ``gru_lib`` from that clone and moves into its
``book/`` folder, so the chapter runs as it does when the book is built. Anywhere else the cell
does nothing. The repository and branch come from ``_config.yml``.

The notebooks are generated, never edited by hand:

    python -m gru_book.colab_notebooks          # rewrite notebooks/ from the chapters
    python -m gru_book.colab_notebooks --check  # exit 1 if notebooks/ is out of date

``tests/test_colab.py`` fails when they drift from the chapters. ``gru_book/sphinx/colab_launch.py``
puts the "Colab" entry into each chapter's launch menu.

Why not jupytext pairing (``formats = "book///md:myst,notebooks///ipynb"``): the conversion here is
already jupytext's (``jupytext.read``), and a paired notebook holds the chapter's cells and nothing
more. The Colab set-up cell would then have to live in every chapter, so it would run in every
build, ride along in every downloaded notebook and Binder session, and carry a repository address
written into eight chapters instead of read from ``_config.yml``; and pairing syncs both ways, so
a notebook saved back from Colab would rewrite its chapter. What this module adds is that cell.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

from gru_book.toc import toc_pages

BOOK = Path(__file__).resolve().parents[1] / "book"
ROOT = BOOK.parent
NOTEBOOKS = ROOT / "notebooks"
CLONE = "/content/gru-book"  # Colab's working folder is /content

INSTALL_CELL = """\
# On Google Colab only: fetch the book's repository, install gru_lib from it
# and run from its book/ folder, as the book's build does. Elsewhere: nothing.
import sys

if "google.colab" in sys.modules:
    import os
    import subprocess

    REPOSITORY = "{repository}"
    REF = "{ref}"
    CLONE = "{clone}"
    if not os.path.isdir(CLONE):
        subprocess.run(
            ["git", "clone", "--quiet", "--depth", "1", "--branch", REF,
             REPOSITORY, CLONE],
            check=True,
        )
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet",
             CLONE, "myst-nb"],
            check=True,
        )
    os.chdir(os.path.join(CLONE, "book"))
"""


def repository() -> tuple[str, str]:
    """The repository URL and branch named in ``_config.yml`` (``repository: url, branch``)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    return config["url"].rstrip("/"), config.get("branch", "main")


def notebook_chapters(book: Path = BOOK) -> list[str]:
    """Pages of ``book/_toc.yml`` that are notebooks (MyST Markdown with a kernelspec header)."""
    chapters = []
    for page in toc_pages(book):
        text = (book / f"{page}.md").read_text()
        header = text.split("\n---", 1)[0] if text.startswith("---") else ""
        if "kernelspec:" in header:
            chapters.append(page)
    return chapters


def install_source(repository_url: str, ref: str, clone: str = CLONE) -> str:
    """The source of the first cell: the Colab-only install of ``gru_lib`` from ``ref``."""
    return INSTALL_CELL.format(repository=repository_url, ref=ref, clone=clone).rstrip("\n")


def colab_notebook(chapter: str, book: Path = BOOK) -> nbformat.NotebookNode:
    """Chapter ``chapter`` (``"hands-on"``) as a notebook whose first cell sets Colab up."""
    url, ref = repository()
    notebook = jupytext.read(book / f"{chapter}.md")
    note = nbformat.v4.new_markdown_cell(
        f"*Generated from [`book/{chapter}.md`]({url}/blob/{ref}/book/{chapter}.md) by "
        "`gru_book/colab_notebooks.py`; edit the chapter, not this notebook. The first cell "
        "installs the book's library when this notebook runs on Google Colab.*"
    )
    install = nbformat.v4.new_code_cell(install_source(url, ref))
    install.metadata["tags"] = ["colab-install"]
    notebook.cells[:0] = [note, install]
    # Stable ids, so regenerating an unchanged chapter gives the same file.
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["colab"] = {"provenance": []}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def render(notebook: nbformat.NotebookNode) -> str:
    """The notebook's file text, exactly as it is written to ``notebooks/``."""
    return nbformat.writes(notebook, version=4) + "\n"


def stale_notebooks(book: Path = BOOK, folder: Path = NOTEBOOKS) -> list[str]:
    """Files of ``folder`` that differ from what the chapters generate, or should not exist."""
    expected = {f"{chapter}.ipynb": render(colab_notebook(chapter, book)) for chapter in
                notebook_chapters(book)}  # fmt: skip
    present = {path.name for path in folder.glob("*.ipynb")} if folder.is_dir() else set()
    stale = [
        name
        for name, text in expected.items()
        if name not in present or (folder / name).read_text() != text
    ]
    return sorted(stale + [name for name in present if name not in expected])


def write_notebooks(book: Path = BOOK, folder: Path = NOTEBOOKS) -> list[Path]:
    """Write every chapter's Colab notebook to ``folder``; remove notebooks of dropped chapters."""
    folder.mkdir(exist_ok=True)
    chapters = notebook_chapters(book)
    for path in folder.glob("*.ipynb"):
        if path.stem not in chapters:
            path.unlink()
    written = []
    for chapter in chapters:
        path = folder / f"{chapter}.ipynb"
        path.write_text(render(colab_notebook(chapter, book)))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_notebooks()
        for name in stale:
            print(f"notebooks/{name} is out of date: run python -m gru_book.colab_notebooks")
        return 1 if stale else 0
    for path in write_notebooks():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
