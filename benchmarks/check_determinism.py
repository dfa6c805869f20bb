"""Two clean builds of the book must show the same text, timings aside.

``make check-determinism`` builds the book twice from scratch, each into its own output folder
with its own (empty) execution cache, extracts the text of every page, masks what is a measured
duration, throughput or machine load (those differ from run to run by nature), and diffs the
rest. It exits 1 and prints the diff when anything else differs: a seed that is not fixed, a
figure computed from timing, an order that depends on a hash.

Options: ``--sites A B`` compares two existing ``_build/html`` folders instead of building (fast,
for testing the comparison itself); ``--keep DIR`` builds into ``DIR/first`` and ``DIR/second``
and keeps them (otherwise the builds go to a temporary folder that is removed).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD_FLAGS = ["-W", "-n", "--keep-going"]  # as in the Makefile's `book` target
# Folders and pages of the site that are not the book's text.
SKIP_PARTS = {"_static", "_sources", "_images", "_downloads", ".doctrees"}
SKIP_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
# Pages that measure the machine building them (the performance notes time a live run): every
# number on them is a measurement, and their prose picks its wording from the measurements, so
# only their headings and captions are compared.
MEASURING_PAGES = {"performance.html"}
# Elements that end a line of text; a glued number inside a paragraph stays beside its unit.
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "figcaption", "caption",
          "dt", "dd"]  # fmt: skip
# Sections of other pages that time the machine building them: every number in them is masked.
MEASURING_SECTIONS = {
    "gru-parallel.html": {"speed-measured"},
    "gru-practice.html": {"what-keeps-keras-on-cudnn"},
    "gru-vs-lstm.html": {"time-per-epoch-at-realistic-sizes", "which-one-to-pick"},
}

NUMBER = r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?"
# A number followed by a unit of time or of speed, or preceded by a word that makes it one.
TIMING_UNITS = (
    r"(?:ms|µs|us|ns|s|sec|secs|seconds?|minutes?|mins?|hours?|h)"
    r"|(?:steps?|epochs?|samples?|sequences?|it|iterations?)\s*(?:/|per)\s*(?:s|sec|second)"
    r"|(?:×|x)\s+(?:faster|slower|as fast|the time)"
)
MASKS = [
    (re.compile(rf"{NUMBER}\s*(?:{TIMING_UNITS})\b", re.IGNORECASE), "<timing>"),
    (re.compile(rf"{NUMBER}\s*(?:×|x)\s+(?:faster|slower)", re.IGNORECASE), "<timing>"),
    # A ratio of two measured times: "1.3 times as long", "1.2 times as many training steps".
    (
        re.compile(
            rf"{NUMBER}(?:\s+to\s+{NUMBER})?\s+times\s+(?:as long|as many training steps"
            r"|a GRU epoch|a step without)",
            re.IGNORECASE,
        ),
        "<timing>",
    ),
    (re.compile(rf"(load average[^\d]{{0,40}}){NUMBER}", re.IGNORECASE), r"\1<load>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}| UTC)?"), "<date>"),
]
# A table column whose header names a duration or a speed holds measurements.
TIMING_HEADER = re.compile(
    r"\b(seconds?|ms|time|per second|/s|steps_per_second|speed|throughput|ratio_to_gru|load)\b",
    re.IGNORECASE,
)


def mask(text: str) -> str:
    """``text`` with every measured duration, speed, machine load and timestamp replaced."""
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def page_text(html: str, *, measuring: bool = False, sections: set[str] = frozenset()) -> list[str]:
    """The visible text of a page's article, one line per sentence, timings masked.

    Table cells under a header that names a duration or a speed are masked whole; on a page that
    measures the machine (``measuring``) only the headings and captions count, numbers masked.
    Every number inside the ``<section>`` elements whose ids are in ``sections`` is masked too.
    Each block's text is joined before masking, so a glued number and its unit in separate
    elements are still seen together.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup.body or soup
    for hidden in article.select("script, style, noscript"):
        hidden.decompose()
    for table in article.find_all("table"):
        headers = [cell.get_text(" ", strip=True) for cell in table.select("thead th")]
        timed = {i for i, header in enumerate(headers) if TIMING_HEADER.search(header)}
        for row in table.select("tbody tr"):
            for i, cell in enumerate(row.find_all(["td", "th"])):
                if i in timed:
                    cell.string = "<timing>"
    for section in article.find_all("section", id=True):
        if section["id"] in sections:
            for text in section.find_all(string=True):
                text.replace_with(re.sub(NUMBER, "<n>", str(text)))
    if measuring:  # keep the page's outline: what it measures, not what it found
        outline = article.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption"])
        article = BeautifulSoup("".join(str(tag) for tag in outline), "html.parser")
    for block in article.find_all(BLOCKS):
        block.insert_after("\n")  # blocks end lines; inline elements stay in their line
    lines = []
    for block in article.get_text(" ").split("\n"):
        text = mask(" ".join(block.split()))
        if measuring:
            text = re.sub(NUMBER, "<n>", text)
        # One sentence a line keeps the diff readable.
        lines += [line for line in re.split(r"(?<=[.:;!?])\s+", text) if line]
    return lines


def site_text(html_root: Path) -> dict[str, list[str]]:
    """Every page of a built site (``_build/html``) as masked lines, keyed by its path."""
    pages = {}
    for path in sorted(html_root.rglob("*.html")):
        relative = path.relative_to(html_root)
        if SKIP_PARTS & set(relative.parts) or relative.name in SKIP_PAGES:
            continue
        pages[relative.as_posix()] = page_text(
            path.read_text(errors="replace"),
            measuring=relative.name in MEASURING_PAGES,
            sections=MEASURING_SECTIONS.get(relative.name, set()),
        )
    return pages


def compare_sites(first: Path, second: Path) -> str:
    """A unified diff of the two sites' masked text; ``""`` when they agree."""
    a, b = site_text(first), site_text(second)
    if not a and not b:
        raise ValueError(
            f"Received an invalid value for argument `first`. No pages found in {first} or "
            f"{second}: expected built _build/html folders."
        )
    diff = []
    for page in sorted(set(a) | set(b)):
        if a.get(page) != b.get(page):
            diff.extend(
                difflib.unified_diff(
                    a.get(page, []), b.get(page, []),
                    f"first/{page}", f"second/{page}", lineterm="", n=2,
                )
            )  # fmt: skip
    return "\n".join(diff)


def build(output: Path) -> Path:
    """A clean build of the book into ``output`` (its own execution cache); its html folder."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", "book", "--path-output", str(output), *BUILD_FLAGS]
    print(f"building into {output} ...", flush=True)
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": ""}
    )
    if done.returncode != 0:
        raise SystemExit(f"The build into {output} failed:\n{(done.stdout + done.stderr)[-6000:]}")
    return output / "_build" / "html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sites", nargs=2, type=Path, metavar=("A", "B"), help="compare two built html folders"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build into DIR and keep it")
    args = parser.parse_args(argv)
    if args.sites:
        first, second = args.sites
        diff, pages = compare_sites(first, second), len(site_text(first))
    else:
        with tempfile.TemporaryDirectory(prefix="gru-book-determinism-") as scratch:
            folder = args.keep or Path(scratch)
            first, second = build(folder / "first"), build(folder / "second")
            diff, pages = compare_sites(first, second), len(site_text(first))
    if diff:
        print(diff)
        print(f"\nThe two builds differ (timings masked): see the diff above ({pages} pages).")
        return 1
    print(f"The two builds show the same text on all {pages} pages, timings aside.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
