"""An "Open in Colab" entry in each notebook chapter's launch menu, beside Binder and Live Code.

Upstream gap: sphinx-book-theme's ``launch_buttons.colab_url`` links the page's source under
``path_to_book``, ``book/<chapter>.md``, which Colab cannot open; it switches to ``.ipynb`` only
when a notebook of the same name sits beside the chapter, and then Sphinx finds two sources for
the page ("multiple files found", an error under ``-W``), builds it from the notebook, and the
Binder link moves to the notebook too (all three seen in a throwaway book). Reported upstream as
https://github.com/jupyter-book/jupyter-book/issues/752, open.

This entry opens ``notebooks/<chapter>.ipynb`` instead, the chapter's generated Colab notebook
(``gru_book/colab_notebooks.py``), on the repository and branch that ``_config.yml`` names. A
notebook chapter without its notebook is a build warning (an error under ``-W``): run ``python -m
gru_book.colab_notebooks``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
COLAB = "https://colab.research.google.com/github"


def colab_url(repository_url: str, branch: str, chapter: str) -> str:
    """The Colab address of ``notebooks/<chapter>.ipynb`` in a GitHub repository."""
    owner_and_name = repository_url.rstrip("/").split("github.com/", 1)[1]
    return f"{COLAB}/{owner_and_name}/blob/{branch}/notebooks/{chapter}.ipynb"


def add_colab_button(app: Sphinx, pagename: str, templatename, context: dict, doctree) -> None:
    group = next(
        (
            button
            for button in context.get("header_buttons", [])
            if button.get("label") == "launch-buttons"
        ),
        None,
    )
    if group is None:  # not a notebook page: the theme offers no launch menu either
        return
    notebook = Path(app.srcdir).parent / "notebooks" / f"{pagename}.ipynb"
    if not notebook.is_file():
        LOGGER.warning(
            f"{pagename} has no Colab notebook {notebook}; run python -m gru_book.colab_notebooks",
            location=pagename,
        )
        return
    options = app.config.html_theme_options
    url = colab_url(options["repository_url"], options.get("repository_branch", "main"), pagename)
    group["buttons"].insert(
        1,  # after Binder, before Live Code
        {
            "type": "link",
            "text": "Colab",
            "tooltip": "Open this chapter as a notebook on Google Colab",
            "icon": "_static/images/logo_colab.png",
            "url": url,
            "label": "colab-button",
        },
    )


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme has built the launch menu (priority 501).
    app.connect("html-page-context", add_colab_button, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
