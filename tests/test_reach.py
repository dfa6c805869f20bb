"""Reaching readers: launch buttons (Binder, Colab, Live Code), glossary, sitemap, canonical and
Open Graph metadata, the PDF link and how to cite, read off the built site and the config files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BOOK, MYST_FRONT_MATTER, ROOT, toc_chapters
from docutils import nodes

from gru_book.colab_notebooks import notebook_chapters
from gru_book.sphinx.colab_launch import colab_url
from gru_book.sphinx.latex_book import html_table
from gru_book.sphinx.thebe_setup import names_only_hidden_cells_define, setup_source

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
BASEURL = CONFIG["html"]["baseurl"]
REPOSITORY, BRANCH = CONFIG["repository"]["url"], CONFIG["repository"]["branch"]
CHAPTERS = notebook_chapters()
GLOSSARY_TERMS = ["BPTT", "cuDNN", "gate", "hidden state", "perplexity", "teacher forcing"]
GLOSSARY_TERMS += ["vanishing gradient", "exploding gradient", "update gate", "reset gate"]
GLOSSARY_TERMS += ["adding problem", "spectral radius", "Jacobian", "early stopping"]
GLOSSARY_TERMS += ["truncated BPTT", "forget gate"]


def page(built_book, name: str) -> BeautifulSoup:
    return BeautifulSoup((built_book / f"{name}.html").read_text(), "html.parser")


def test_config_enables_thebe_and_the_site_address():
    assert CONFIG["launch_buttons"]["thebe"] is True
    assert CONFIG["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert BASEURL.startswith("https://") and BASEURL.endswith("/")
    sphinx = CONFIG["sphinx"]
    assert {"sphinx_sitemap", "sphinxext.opengraph"} <= set(sphinx["extra_extensions"])
    assert sphinx["config"]["ogp_site_url"] == BASEURL
    assert BASEURL in CONFIG["parse"]["myst_substitutions"]["pdf_link"]


def test_citation_file_names_the_book_its_version_and_its_addresses():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert citation["cff-version"] == "1.2.0" and citation["message"]
    assert citation["title"] == CONFIG["title"]
    assert citation["authors"] == [{"name": CONFIG["author"]}]
    assert f'version = "{citation["version"]}"' in pyproject
    assert citation["repository-code"] == REPOSITORY and citation["url"] == BASEURL


CHAPTER_WITH_HIDDEN_SETUP = (
    MYST_FRONT_MATTER
    + """
```{code-cell} ipython3
:tags: [remove-cell]
import math
```

```{code-cell} ipython3
:tags: [remove-cell]
radius = 2.0
```

```{code-cell} ipython3
area = math.pi * radius**2
```

```{code-cell} ipython3
:tags: [remove-input]
side = math.sqrt(area)
```

```{code-cell} ipython3
print(side)
```
"""
)


def test_live_code_runs_the_hidden_cells_before_the_first_shown_one_first(tmp_path):
    chapter = tmp_path / "chapter.md"
    chapter.write_text(CHAPTER_WITH_HIDDEN_SETUP)
    assert setup_source(chapter) == "import math\n\nradius = 2.0"
    # `side` comes from a hidden cell further down, which Live Code does not run.
    assert names_only_hidden_cells_define(chapter) == ["side"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_live_code_shown_cells_need_no_name_only_a_hidden_cell_defines(chapter):
    assert names_only_hidden_cells_define(BOOK / f"{chapter}.md") == []


def test_pdf_turns_a_pandas_html_table_into_a_table_with_its_spans_laid_out():
    import pandas as pd

    index = pd.MultiIndex.from_tuples([("a", "x"), ("a", "y"), ("b", "x")], names=["k", "t"])
    frame = pd.DataFrame({"v": [1.5, 2.5, 3.5]}, index=index)
    table = html_table(frame.style.format("{:.1f}").to_html())
    rows = [[entry.astext() for entry in row.children] for row in table.findall(nodes.row)]
    assert rows == [["", "", "v"], ["k", "t", ""], ["a", "x", "1.5"], ["", "y", "2.5"],
                    ["b", "x", "3.5"]]  # fmt: skip
    assert html_table("<p>no table</p>") is None


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_offers_binder_colab_and_live_code(built_book, chapter):
    html = page(built_book, chapter)
    links = [a["href"] for a in html.select(".dropdown-launch-buttons a[href]")]
    assert any(href.startswith("https://mybinder.org/v2/gh/") for href in links), links
    assert colab_url(REPOSITORY, BRANCH, chapter) in links
    assert (ROOT / "notebooks" / f"{chapter}.ipynb").is_file()
    thebe = html.select('.dropdown-launch-buttons button[onclick="initThebeSBT()"]')
    assert len(thebe) == 1 and "Live Code" in thebe[0].get_text()
    config = html.find("script", type="text/x-thebe-config").string
    owner_and_name = REPOSITORY.split("github.com/")[1]
    assert f'repo: "{owner_and_name}"' in config and f'ref: "{BRANCH}"' in config
    assert 'path: "book/' in config  # the kernel starts where the chapters run in a build
    # Hidden set-up cells (none where a chapter shows its imports) run as soon as Thebe is ready.
    setup = [pre.get_text() for pre in html.select("div.thebe-setup.tag_thebe-init[hidden] pre")]
    expected = setup_source(BOOK / f"{chapter}.md")
    assert setup == ([expected] if expected else [])


@pytest.mark.slow
def test_glossary_defines_the_terms_and_chapters_link_their_first_use(built_book):
    glossary = page(built_book, "glossary")
    terms = {term.get_text().strip().rstrip("#¶").strip() for term in glossary.select("dl dt")}
    assert set(GLOSSARY_TERMS) <= terms
    for chapter in ("hands-on", "rnn-limitations", "gru-gates", "gru-vs-lstm"):
        article = page(built_book, chapter).find("article")
        linked = [a for a in article.select("a.reference") if "glossary.html#term-" in a["href"]]
        assert linked, f"{chapter} links no glossary term"
    navigation = page(built_book, "intro").select("nav a[href]")
    assert any(a["href"].endswith("glossary.html") for a in navigation)


@pytest.mark.slow
def test_landing_page_links_the_pdf_and_says_how_to_cite(built_book):
    article = page(built_book, "intro").find("article")
    assert article.find("a", href=f"{BASEURL}learning-gru.pdf")
    text = " ".join(article.get_text(" ").split())
    assert "To cite the book" in text and "CITATION.cff" in text
    assert article.find("a", href=BASEURL)


@pytest.mark.slow
def test_sitemap_lists_every_page_at_the_site_address(built_book):
    root = ElementTree.parse(built_book / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    assert {f"{BASEURL}{name}.html" for name in toc_chapters()} <= urls
    assert all(url.startswith(BASEURL) for url in urls)
    assert f"{BASEURL}search.html" not in urls


@pytest.mark.slow
@pytest.mark.parametrize("name", toc_chapters())
def test_page_has_a_canonical_url_and_social_card_metadata(built_book, name):
    head = page(built_book, name).find("head")
    canonical = head.find("link", rel="canonical")
    assert canonical["href"] == f"{BASEURL}{name}.html"
    meta = {tag.get("property") or tag.get("name"): tag.get("content") for tag in head("meta")}
    assert meta["og:url"] == f"{BASEURL}{name}.html"
    assert meta["og:title"] and meta["og:description"] and meta["og:type"] == "website"
    assert meta["twitter:card"] == "summary_large_image"
    image = meta["og:image"]
    assert image.startswith(BASEURL) and image.endswith(".png")
    assert (built_book / image.removeprefix(BASEURL)).is_file()  # the preview image is built
