"""A figure's caption and alt text, held to the lines the figure draws.

A caption that says "validation loss (dashed)" over a figure whose validation line is solid
misleads every reader who trusts it. The book's plot helpers write the lines they draw into each
PNG they print (:func:`gru_lib.plots.line_record.drawn_lines`, in the PNG text chunk
:data:`~gru_lib.plots.line_record.LINE_STYLES_KEY`); this module reads a caption's words for line
styles ("solid", "dashed", "dotted", "dash-dotted", "faint", "bold") and says which of them the
figure does not draw:

- a style word in parentheses after a subject, "validation loss (dashed)" or "at initialisation
  (faint)", needs every line whose legend label names the subject (a word of the subject of four
  letters or more begins a word of the label) to have that style: "at initialisation (dashed)"
  fails when only the LSTM's line at initialisation is dashed; when no label names the subject,
  some line of that style will do;
- any other style word, "the dotted line", needs some line of that style.

``tests/test_captions.py`` applies it to every figure of every chapter, read from the executed
notebooks of a book build, so the check sees the figure a reader sees.
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gru_lib.plots.line_record import LINE_STYLES_KEY

__all__ = ["StyleClaim", "caption_claims", "figure_lines", "mismatches", "notebook_mismatches"]

# A caption's words for a line's look, each mapped to the key of drawn_lines it tests. The
# longest spellings come first, so "dash-dotted" is not read as "dotted".
_WORDS = {
    "dash-dotted": ("style", "dash-dotted"),
    "dash-dot": ("style", "dash-dotted"),
    "dashed": ("style", "dashed"),
    "dashes": ("style", "dashed"),
    "dotted": ("style", "dotted"),
    "solid": ("style", "solid"),
    "faint": ("faint", True),
    "bold": ("bold", True),
}
_STYLE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, _WORDS)) + r")(?![\w-])", re.I)
# "subject (style)" or "subject (style, style)": up to four words before the parenthesis.
_PARENTHESISED = re.compile(
    r"((?:[\w$\\{}'’-]+\s+){0,3}[\w$\\{}'’-]+)\s*\(((?:[\w-]+)(?:\s*(?:,|and)\s*[\w-]+)*)\)", re.I
)
_LINKING = {"and", "the", "with", "for", "its", "line", "lines", "loss", "their", "from", "after"}


@dataclass(frozen=True)
class StyleClaim:
    """One word of a caption about a line's look: ``word`` as written, the ``key`` and ``value``
    of :func:`~gru_lib.plots.line_record.drawn_lines` it needs, and the ``subject`` words it is
    said of (empty for a free-standing "the dotted line")."""

    word: str
    key: str
    value: object
    subject: tuple[str, ...] = ()


def caption_claims(text: str) -> list[StyleClaim]:
    """The line-style claims of a caption, in the order they are written.

    >>> [(c.word, c.subject) for c in caption_claims(
    ...     "Training (solid) and validation loss (dashed). The dotted line is the baseline.")]
    [('solid', ('training',)), ('dashed', ('validation',)), ('dotted', ())]
    """
    claims, claimed = [], set()
    for match in _PARENTHESISED.finditer(text):
        inside = list(_STYLE.finditer(match.group(2)))
        if not inside:
            continue
        subject = tuple(
            word.lower()
            for word in re.findall(r"[A-Za-z]+", match.group(1))
            if len(word) >= 4 and word.lower() not in _LINKING
        )[-2:]
        for found in inside:
            key, value = _WORDS[found.group(1).lower()]
            claims.append((match.start(2) + found.start(), StyleClaim(found.group(1), key, value,
                                                                       subject)))  # fmt: skip
            claimed.add(match.start(2) + found.start())
    for found in _STYLE.finditer(text):
        if found.start() not in claimed:
            key, value = _WORDS[found.group(1).lower()]
            claims.append((found.start(), StyleClaim(found.group(1), key, value)))
    return [claim for _, claim in sorted(claims, key=lambda pair: pair[0])]


def mismatches(text: str, lines: Iterable[Mapping[str, object]]) -> list[str]:
    """The claims of ``text`` that no line of ``lines``
    (:func:`~gru_lib.plots.line_record.drawn_lines`) bears out, each as a sentence; empty when the
    caption matches its figure.

    >>> lines = [{"label": "validation", "style": "solid", "faint": False, "bold": True}]
    >>> mismatches("validation loss (bold)", lines)
    []
    >>> mismatches("validation loss (dashed)", lines)
    ["'dashed' is said of validation, but not every line labelled validation is dashed \
(its lines: bold solid)."]
    """
    lines = list(lines)
    problems = []
    for claim in caption_claims(text):
        named = [line for line in lines if _names(str(line.get("label", "")), claim.subject)]
        pool = named or lines
        if (all if named else any)(line.get(claim.key) == claim.value for line in pool):
            continue
        looks = ", ".join(sorted({_look(line) for line in pool})) or "none"
        if named:
            subject = " ".join(claim.subject)
            problems.append(
                f"{claim.word!r} is said of {subject}, but not every line labelled {subject} "
                f"is {claim.word} (its lines: {looks})."
            )
        else:
            problems.append(f"{claim.word!r}, but the figure draws no such line (lines: {looks}).")
    return problems


def figure_lines(png: bytes) -> list[dict[str, object]] | None:
    """The lines a figure's PNG records having drawn, or ``None`` for a PNG that records none
    (an image not drawn by a ``gru_lib.plots`` helper)."""
    from PIL import Image

    record = Image.open(io.BytesIO(png)).text.get(LINE_STYLES_KEY)
    return None if record is None else json.loads(record)


def notebook_mismatches(notebook: Mapping) -> dict[str, list[str]]:
    """For an executed notebook (nbformat's dict), every figure cell's caption and alt text
    held to the lines of the PNG it output: ``{figure name: problems}`` for each figure with a
    problem, and for each figure whose caption names a line style but whose image records no
    lines."""
    found = {}
    for index, cell in enumerate(notebook.get("cells", [])):
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        figure = mystnb.get("figure")
        if cell.get("cell_type") != "code" or not figure:
            continue
        name = figure.get("name", f"cell {index}")
        text = " ".join([figure.get("caption", ""), mystnb.get("image", {}).get("alt", "")])
        pngs = [
            base64.b64decode(output["data"]["image/png"])
            for output in cell.get("outputs", [])
            if "image/png" in output.get("data", {})
        ]
        records = [lines for lines in map(figure_lines, pngs) if lines is not None]
        if not records:
            if caption_claims(text):
                found[name] = ["the caption names line styles, but the figure records no lines"]
            continue
        problems = mismatches(text, [line for lines in records for line in lines])
        if problems:
            found[name] = problems
    return found


def _names(label: str, subject: tuple[str, ...]) -> bool:
    words = re.findall(r"[A-Za-z]+", label.lower())
    return bool(subject) and any(
        w.startswith(s[:5]) or s.startswith(w[:5]) for s in subject for w in words if len(w) >= 4
    )


def _look(line: Mapping[str, object]) -> str:
    extra = [word for word, key in (("faint", "faint"), ("bold", "bold")) if line.get(key)]
    return " ".join([*extra, str(line.get("style"))])
