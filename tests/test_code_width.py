"""Code the reader sees fits the text column: 80 characters per line.

That covers every code cell of the chapters below (a cell's own scroll bar is allowed by the
layout test, but a reader should not need it) and every function a chapter includes from
`gru_lib` with ``literalinclude`` and ``:pyobject:``.
"""

import ast
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
WIDTH = 80
# The Performance page is not yet formatted to the column (its report sentences are long
# f-strings); every other chapter is.
CHAPTERS = [
    "intro", "hands-on", "rnn-limitations", "gru-gates", "gru-practice", "gru-vs-lstm",
    "gru-parallel",
]  # fmt: skip
INCLUDE = re.compile(r"```\{literalinclude\} (?P<path>\S+)\n(?P<options>(?::.*\n)+)")


def long_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if len(line) > WIDTH]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_code_cell_fits_80_columns(chapter):
    notebook = jupytext.read(BOOK / f"{chapter}.md")
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert cells, f"{chapter} has no code cells"
    too_long = [line for source in cells for line in long_lines(source)]
    assert not too_long, f"{chapter}: {len(too_long)} lines over {WIDTH} columns: {too_long[:3]}"


def included_functions():
    for chapter in sorted(BOOK.glob("*.md")):
        for match in INCLUDE.finditer(chapter.read_text()):
            found = re.search(r":pyobject: (\S+)", match["options"])
            if found:
                yield chapter.stem, (BOOK / match["path"]).resolve(), found[1]


def test_the_book_includes_library_functions():
    assert len(list(included_functions())) >= 4


@pytest.mark.parametrize(
    ("chapter", "path", "name"), list(included_functions()), ids=lambda value: str(value)
)
def test_every_included_function_fits_80_columns(chapter, path, name):
    source = path.read_text()
    (node,) = [
        node for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name
    ]  # fmt: skip
    lines = source.splitlines()[node.lineno - 1 - len(node.decorator_list) : node.end_lineno]
    too_long = long_lines("\n".join(lines))
    assert not too_long, f"{chapter} includes {name} with lines over {WIDTH}: {too_long[:3]}"
