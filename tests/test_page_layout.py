"""Every page fits its width: at 1280 px (desktop) and 390 px (phone), in Chromium.

No page scrolls sideways; no equation is wider than its box or runs under its number; no figure
is wider than the column. A code block or a wide table may scroll inside its own box (that box's
scroll bar is allowed), but nothing may push the page itself wider than the window.
"""

from __future__ import annotations

import pytest
from conftest import toc_chapters
from test_site_browser import open_fully

pytestmark = pytest.mark.slow

WIDTHS = {"desktop": 1280, "phone": 390}

# Returns a list of problems, each a sentence naming the element; [] when the page fits.
OVERFLOWS = """
() => {
  const problems = [];
  const slack = 1;  // sub-pixel rounding
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + slack) {
    problems.push(`the page scrolls sideways: ${doc.scrollWidth} px of content in a `
                  + `${doc.clientWidth} px window`);
  }
  const article = document.querySelector("article.bd-article") || document.body;
  const column = article.getBoundingClientRect();
  const name = (el) => (el.id ? `#${el.id}` : "")
    || (el.closest("[id]") ? `in #${el.closest("[id]").id}` : el.tagName);
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  for (const math of document.querySelectorAll("div.math")) {
    const content = math.querySelector("mjx-math");
    if (!content) { problems.push(`equation ${name(math)} was not rendered`); continue; }
    const box = math.getBoundingClientRect();
    const shown = content.getBoundingClientRect();
    if (shown.right > box.right + slack || shown.left < box.left - slack
        || math.scrollWidth > math.clientWidth + slack) {
      problems.push(`equation ${name(math)} is ${Math.round(shown.width)} px wide in a `
                    + `${Math.round(box.width)} px box`);
    }
    const number = math.querySelector(".eqno");
    if (number) {
      const tag = number.getBoundingClientRect();
      if (tag.width > 0 && shown.right > tag.left + slack && shown.left < tag.right
          && shown.top < tag.bottom && shown.bottom > tag.top) {
        problems.push(`equation ${name(math)} runs under its number ${number.textContent}`);
      }
    }
  }
  for (const el of article.querySelectorAll("mjx-container:not([display='true']), img")) {
    if (el.closest("pre, .table-wrapper, table")) continue;  // inside a box that may scroll
    let holder = el.parentElement;
    while (holder && holder !== article && !scrolls(holder)) holder = holder.parentElement;
    const limit = holder && holder !== article ? holder.getBoundingClientRect() : column;
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && (rect.right > limit.right + slack || rect.left < limit.left - slack)) {
      const what = el.tagName === "IMG" ? `figure ${el.getAttribute("alt")?.slice(0, 40)}`
                                        : `inline equation ${name(el)}`;
      const by = Math.round(Math.max(rect.right - limit.right, limit.left - rect.left));
      problems.push(`${what} sticks out of its column by ${by} px`);
    }
  }
  return problems;
}
"""


@pytest.fixture(params=list(WIDTHS.items()), ids=list(WIDTHS))
def sized_page(request, browser):
    _, width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("chapter", toc_chapters())
def test_nothing_is_wider_than_its_box(sized_page, site, chapter):
    open_fully(sized_page, f"{site}{chapter}.html")
    if sized_page.locator("div.math").count():
        sized_page.wait_for_selector("div.math mjx-math", timeout=15000)
    assert sized_page.evaluate(OVERFLOWS) == []
