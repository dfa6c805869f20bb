"""The built site opened in a real browser (Debian's Chromium driven by Playwright).

Every page of the table of contents loads with no failed request and no console error, shows its
images, renders its equations, links to its neighbours, and passes an axe-core accessibility scan.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import BOOK, toc_chapters, watch_problems

pytestmark = pytest.mark.slow


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    watch_problems(page)  # what went wrong while the page was open
    yield page
    context.close()


def has_math(chapter: str) -> bool:
    source = (BOOK / f"{chapter}.md").read_text()
    return "$$" in source or "{math}" in source


def open_fully(page, url: str) -> None:
    """Load ``url``, scroll to the end so lazy images load, and wait for the network to settle."""
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("chapter", toc_chapters())
def test_page_loads_cleanly_with_every_image(page, site, chapter):
    open_fully(page, f"{site}{chapter}.html")
    broken = page.evaluate(
        "Array.from(document.images)"
        ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
    assert broken == []
    assert page.problems == []


@pytest.mark.parametrize("chapter", [c for c in toc_chapters() if has_math(c)])
def test_mathjax_renders_the_equations(page, site, chapter):
    open_fully(page, f"{site}{chapter}.html")
    page.wait_for_selector("mjx-container", timeout=15000)
    assert page.locator(".math mjx-container, mjx-container").count() > 0
    assert page.problems == []


def test_next_and_previous_links_walk_the_table_of_contents(page, site):
    chapters = toc_chapters()
    open_fully(page, f"{site}{chapters[0]}.html")
    for chapter in chapters[1:]:
        page.click("a.right-next")
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/{chapter}.html")
    for chapter in reversed(chapters[:-1]):
        page.click("a.left-prev")
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/{chapter}.html")
    assert page.problems == []


def test_search_finds_reset_gate(page, site):
    open_fully(page, f"{site}search.html?q=reset+gate")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    assert page.locator("#search-results ul.search li").count() > 0
    assert page.problems == []


@pytest.mark.parametrize("chapter", toc_chapters())
def test_no_serious_or_critical_accessibility_violations(page, site, chapter):
    open_fully(page, f"{site}{chapter}.html")
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_live_code_button_loads_thebe_and_makes_the_cells_executable(page, site):
    """Pressing Live Code fetches Thebe (answered here by a stand-in) and readies every cell."""
    requested = []

    def stand_in(route):
        requested.append(route.request.url)
        route.fulfill(
            content_type="application/javascript",
            body="window.thebelab = {on() {}, bootstrap() { window.thebeBootstrapped = true; }};",
        )

    page.route("https://unpkg.com/thebe@*/**", stand_in)
    open_fully(page, f"{site}gru-gates.html")
    page.locator(".dropdown-launch-buttons button").first.click()
    page.get_by_role("button", name="Live Code").click()
    page.wait_for_function("window.thebeBootstrapped === true", timeout=10_000)
    assert len(requested) == 1
    # Each shown code cell's source is now a Thebe input (its output moves up beside it).
    code_cells = page.locator("div.cell:has(div.cell_input)")
    executable = page.locator('div.cell pre[data-executable="true"]')
    assert code_cells.count() > 0 and executable.count() == code_cells.count()
    assert page.problems == []
