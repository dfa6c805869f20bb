"""The gates chapter's GRU explorer in a real browser (Debian's Chromium driven by Playwright).

Its JavaScript GRU returns ScratchGRU's gates and states on the page's own weights, its output is
the dense head's, every control works from the keyboard, the state's colour scale fits the states,
a marked step stays visible under the cursor, a marker it cannot take is refused where the reader
sees it, the line plot follows the chosen unit, and the page does not scroll sideways at phone
width or fail an accessibility scan in dark mode. The same page's cell diagrams are SVG whose
smallest text stays at 9 px or more at phone width.
"""

from __future__ import annotations

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import watch_problems

from gru_book import explorer
from gru_lib.cells.gru import ScratchGRU
from gru_lib.plots.diagram import TEXT_PT

pytestmark = pytest.mark.slow

PAGE = "gru-gates.html"
CONTROLS = "[data-gru-explorer] select, [data-gru-explorer] input"


def open_explorer(browser, site, *, width=1280, mode="light"):
    """The gates page at ``width`` px in the theme's ``mode``, with its explorer started."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
    # The theme keeps the reader's choice in localStorage and sets html[data-theme] from it.
    context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page = context.new_page()
    watch_problems(page)
    page.goto(f"{site}{PAGE}", wait_until="networkidle")
    page.wait_for_function("window.gruExplorer !== undefined", timeout=15000)
    page.locator("[data-gru-explorer]").scroll_into_view_if_needed()
    return page


@pytest.fixture()
def page(browser, site):
    page = open_explorer(browser, site)
    yield page
    page.context.close()


def scratch_gru_with(weights) -> ScratchGRU:
    kernel, recurrent_kernel, bias = (
        np.asarray(weights[name], np.float32) for name in ("kernel", "recurrent_kernel", "bias")
    )
    layer = ScratchGRU(recurrent_kernel.shape[0])
    layer.build((None, None, kernel.shape[0]))
    layer.set_weights([kernel, recurrent_kernel, bias])
    return layer


def test_the_page_holds_one_started_explorer_with_keras_shaped_weights(page):
    root = page.locator("[data-gru-explorer]")
    assert root.count() == 1
    assert root.get_attribute("data-gru-explorer-ready") == "true"
    shapes = page.evaluate(
        "Object.entries(gruExplorer.weights).map(([k, w]) => [k, w.length, w[0].length])"
    )
    units = shapes[1][1]
    assert shapes == [
        ["kernel", 2, 3 * units],
        ["recurrent_kernel", units, 3 * units],
        ["bias", 2, 3 * units],
    ]
    assert page.problems == []


def test_trace_equals_scratch_gru_trace_on_the_same_weights(page):
    layer = scratch_gru_with(page.evaluate("gruExplorer.weights"))
    rng = np.random.default_rng(0)
    sequences = list(explorer.presets(length=40, first=3, second=25).values()) + [
        rng.uniform(size=(40, 2)),
        3.0 * rng.normal(size=(7, 2)),  # far outside the training range, so the gates saturate
        rng.normal(size=(1, 2)),
    ]
    for x in sequences:
        x = np.asarray(x, np.float32)
        browser_trace = page.evaluate("x => gruExplorer.trace(x)", x.tolist())
        reference = layer.trace(x[None])
        for name in ("z", "r", "candidate", "h"):
            got = np.array(browser_trace[name])
            assert got.shape == reference[name][0].shape
            assert np.abs(got - reference[name][0]).max() <= 1e-5, name
    assert page.problems == []


def test_the_output_is_the_dense_head_on_the_last_state(page):
    layer = scratch_gru_with(page.evaluate("gruExplorer.weights"))
    dense = page.evaluate("gruExplorer.dense")
    x = explorer.presets(length=40, first=3, second=25)["adding"]
    expected = layer.trace(x[None])["h"][0, -1] @ np.array(dense["kernel"]) + dense["bias"]
    assert page.evaluate("x => gruExplorer.output(x)", x.tolist()) == pytest.approx(
        expected, abs=1e-5
    )
    shown = page.locator(".gru-explorer__output").inner_text()
    assert f"{abs(expected):.2f}" in shown
    assert page.problems == []


def test_tab_reaches_every_control_in_order(page):
    controls = page.locator(CONTROLS)
    names = controls.evaluate_all("cs => cs.map(c => c.type)")
    assert names == ["select-one", "number", "number", "range", "range", "checkbox", "select-one"]
    controls.first.focus()
    reached = [page.evaluate("document.activeElement.type")]
    for _ in names[1:]:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.type"))
    assert reached == names


def test_the_keyboard_moves_the_cursor_edits_the_input_and_switches_presets(page):
    def state(expression):
        return page.evaluate(f"(s => {expression})(gruExplorer.state)")

    controls = page.locator(CONTROLS)
    cursor, value, marker = controls.nth(3), controls.nth(4), controls.nth(5)
    start = state("s.cursor")
    cursor.focus()
    page.keyboard.press("ArrowRight")
    assert state("s.cursor") == start + 1
    assert page.locator(".gru-explorer__readout-step").inner_text() == str(start + 1)

    before = state("s.inputs[s.cursor][0]")
    z_before = state("s.result.z[s.cursor].slice()")
    value.focus()
    page.keyboard.press("ArrowDown")  # one 0.01 step down from the value snapped to that grid
    after = state("s.inputs[s.cursor][0]")
    assert after == float(value.input_value()) and before - 0.02 <= after < before
    assert state("s.result.z[s.cursor]") != z_before  # the gates were recomputed

    markers_before = state("s.inputs.filter(x => x[1] === 1).length")
    marker.focus()
    page.keyboard.press("Space")
    assert state("s.inputs.filter(x => x[1] === 1).length") == markers_before + 1

    first_marker = controls.nth(1)
    first_marker.focus()
    page.keyboard.press("ArrowUp")  # the number field: the first marker one step later
    adding_first = explorer.presets(length=40, first=3, second=25)["adding"][:, 1].argmax()
    assert state("s.inputs.findIndex(x => x[1] === 1)") == adding_first + 1

    controls.first.focus()
    page.keyboard.press("ArrowDown")  # the next preset
    assert state("s.preset") == "step"
    assert state("s.inputs.filter(x => x[1] === 1).length") == 0
    assert page.problems == []


def test_dragging_on_the_input_sets_the_value_under_the_pointer(page):
    canvas = page.locator("canvas.gru-explorer__input")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    # The drawing's geometry (gru-explorer-draw.js): 46 px of labels, then 40 steps over the width
    # less 50 px; the bars span 64 px below a 10 px strip for the marker triangles.
    step_width = (box["width"] - 50) / 40
    x = box["x"] + 46 + 10.5 * step_width
    page.mouse.move(x, box["y"] + 10 + 64 * 0.75)
    page.mouse.down()
    page.mouse.move(x, box["y"] + 10 + 64 * 0.25)  # drag up to three quarters
    page.mouse.up()
    assert page.evaluate("gruExplorer.state.cursor") == 10
    assert page.evaluate("gruExplorer.state.inputs[10][0]") == pytest.approx(0.75, abs=0.02)
    assert page.problems == []


def test_the_heatmaps_are_redrawn_at_the_new_width_when_the_window_narrows(page):
    widths = "Array.from(document.querySelectorAll('[data-gru-explorer] canvas'), c => c.width)"
    wide = page.evaluate(widths)
    page.set_viewport_size({"width": 390, "height": 900})
    page.wait_for_function(f"{widths}.every(w => w < {min(wide)})")
    narrow = page.evaluate(widths)
    parents = page.evaluate(
        "Array.from(document.querySelectorAll('[data-gru-explorer] canvas'),"
        " c => c.parentElement.clientWidth * devicePixelRatio)"
    )
    assert narrow == pytest.approx(parents, abs=1)
    assert page.problems == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_sideways_scroll_at_phone_width(browser, site, mode):
    page = open_explorer(browser, site, width=390, mode=mode)
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    sizes = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1]
    box = page.locator("[data-gru-explorer]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.problems == []
    page.context.close()


def test_dark_mode_has_no_serious_or_critical_accessibility_violations(browser, site):
    page = open_explorer(browser, site, mode="dark")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.problems == []
    # (axe itself then fetches stylesheets by paths outside the site, so its 404s are not ours.)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    page.context.close()


def adding_trace(page) -> dict[str, np.ndarray]:
    """ScratchGRU's trace of the adding preset on the page's weights, each ``(time, units)``."""
    layer = scratch_gru_with(page.evaluate("gruExplorer.weights"))
    x = np.array(page.evaluate("gruExplorer.state.inputs"), np.float32)
    return {name: values[0] for name, values in layer.trace(x[None]).items()}


def test_the_state_scale_is_fitted_to_the_states_and_its_range_is_shown(page):
    largest = np.abs(adding_trace(page)["h"]).max()
    expected = np.ceil(largest * 20) / 20  # the largest |h| rounded up to 0.05
    shown = page.evaluate("gruExplorer.state.stateRange")
    assert shown == pytest.approx(expected) and shown < 1
    legend = page.locator(".gru-explorer__legend-state .gru-explorer__legend-ticks")
    assert legend.inner_text().split() == [f"\u2212{shown:.2f}", "0", f"{shown:.2f}"]
    assert f"\u00b1{shown:.2f}" in page.locator(".gru-explorer__range").inner_text()
    assert page.problems == []


def test_a_marked_step_with_a_small_value_stays_visible_under_the_cursor(page):
    state = page.evaluate("[gruExplorer.state.cursor, gruExplorer.state.inputs]")
    cursor, inputs = state
    assert inputs[cursor][1] == 1 and inputs[cursor][0] < 0.05  # the default: 0.02, marked
    # The strip under the axis at the cursor's step has the marker's colour (gru-explorer-draw.js:
    # 46 px of labels, 40 steps over the width less 50 px, the strip 2 px below the bars).
    colour = page.evaluate(
        """([t]) => {
          const canvas = document.querySelector("canvas.gru-explorer__input");
          const ratio = canvas.width / canvas.getBoundingClientRect().width;
          const w = (canvas.getBoundingClientRect().width - 50) / 40;
          const x = Math.round((46 + (t + 0.5) * w) * ratio);
          const y = Math.round((10 + 64 + 4) * ratio);
          return Array.from(canvas.getContext("2d").getImageData(x, y, 1, 1).data.slice(0, 3));
        }""",
        [cursor],
    )
    marker = page.evaluate("JSON.parse(document.querySelector('.gru-explorer-data').textContent)")
    hex_colour = marker["colors"]["marker"].lstrip("#")
    assert colour == [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    assert page.problems == []


def test_a_marker_out_of_range_is_refused_visibly_and_a_good_one_is_taken(page):
    first = page.locator("[data-gru-explorer] input[type=number]").first
    message = page.locator(".gru-explorer__error")
    marked = "gruExplorer.state.inputs.flatMap((x, t) => x[1] ? [t] : [])"
    before = page.evaluate(marked)
    for bad in ("30", "2.5", ""):
        first.fill(bad)
        assert first.get_attribute("aria-invalid") == "true"
        assert message.is_visible()
        assert "from 0 to 19" in message.inner_text()
        assert (f"\u201c{bad}\u201d" if bad else "an empty field") in message.inner_text()
        assert page.evaluate(marked) == before  # nothing moved
    first.fill("5")
    assert first.get_attribute("aria-invalid") is None
    assert not message.is_visible()
    assert page.evaluate(marked) == [5, before[1]]
    assert page.problems == []


def test_the_line_plot_starts_on_the_writing_unit_and_follows_the_chosen_one(page):
    z = adding_trace(page)["z"]
    first = page.evaluate("gruExplorer.state.cursor")
    writer = int(np.argmax(z[:first].mean(axis=0) - z[first]))  # as explorer.walkthrough picks
    assert page.evaluate("gruExplorer.state.unit") == writer
    pixels = "Array.from(document.querySelector('canvas.gru-explorer__lines')"
    pixels += ".getContext('2d').getImageData(0, 0, 400, 150).data).join()"
    drawn = page.evaluate(pixels)
    other = (writer + 1) % z.shape[1]
    page.locator("select.gru-explorer__unit").select_option(str(other))
    assert page.evaluate("gruExplorer.state.unit") == other
    assert page.evaluate(pixels) != drawn
    assert page.problems == []


def test_the_cell_diagrams_are_svg_whose_smallest_text_is_9_px_at_phone_width(browser, site):
    page = open_explorer(browser, site, width=390)
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('article figure img'),"
        " i => [i.getAttribute('src'), i.getBoundingClientRect().width, i.naturalWidth])"
    )
    diagrams = [entry for entry in shown if entry[0].endswith(".svg")]
    assert len(diagrams) == 2
    for _, width, natural in diagrams:
        # The SVG's natural width is its width in points at 96 px per inch: the text shrinks
        # by width / natural from TEXT_PT points, 4/3 px each.
        assert TEXT_PT * 4 / 3 * width / natural >= 9
    assert page.problems == []
    page.context.close()
