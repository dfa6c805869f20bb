"""Local Sphinx extensions that fix pages: scripts emitted once, accessible bibliography roles."""

from __future__ import annotations

from sphinx.builders.html._assets import _JavaScript

from gru_book.sphinx import unique_scripts


def test_exact_duplicates_are_dropped_and_order_is_kept():
    first = _JavaScript("", body="const THEBE_JS_URL = 1")
    context = {
        "script_files": [
            _JavaScript("_static/a.js"),
            first,
            _JavaScript("_static/b.js", **{"async": "async"}),
            _JavaScript(None, body="const THEBE_JS_URL = 1"),  # registered again without a name
            _JavaScript("_static/a.js"),
        ]
    }
    unique_scripts.drop_duplicate_scripts(None, "intro", "page.html", context, None)
    assert [(s.filename, s.attributes) for s in context["script_files"]] == [
        ("_static/a.js", {}),
        ("", {"body": "const THEBE_JS_URL = 1"}),
        ("_static/b.js", {"async": "async"}),
    ]


def test_the_list_is_edited_in_place_so_later_handlers_still_reach_the_page():
    scripts = [_JavaScript("_static/a.js"), _JavaScript("_static/a.js")]
    context = {"script_files": scripts}
    unique_scripts.drop_duplicate_scripts(None, "intro", "page.html", context, None)
    scripts.append(_JavaScript("_static/mathjax/tex-chtml.js"))  # as sphinx.ext.mathjax does
    assert context["script_files"] is scripts and len(context["script_files"]) == 2


def test_scripts_that_differ_in_body_or_attributes_are_kept():
    scripts = [_JavaScript("", body="let a = 1"), _JavaScript("", body="let a = 2"),
               _JavaScript("_static/x.js"), _JavaScript("_static/x.js", defer="defer")]  # fmt: skip
    context = {"script_files": list(scripts)}
    unique_scripts.drop_duplicate_scripts(None, "intro", "page.html", context, None)
    assert len(context["script_files"]) == 4


def test_bibliography_entries_become_list_items():
    from gru_book.sphinx import accessible_citations

    context = {
        "body": '<div role="list"><div class="citation" role="doc-biblioentry">A</div></div>'
    }
    accessible_citations.fix_bibliography_roles(None, "references", "page.html", context, None)
    assert context["body"] == '<div role="list"><div class="citation" role="listitem">A</div></div>'
