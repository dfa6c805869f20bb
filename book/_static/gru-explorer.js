/*
 * The GRU gate explorer of the "GRU gates" chapter.
 *
 * The build embeds a trained GRU (weights in Keras's layout, gate order z, r, h, reset after the
 * recurrent product) and its dense head as JSON inside an element carrying `data-gru-explorer`.
 * This script reruns that GRU in the browser on an input the reader edits, and draws the update
 * gate, the reset gate, the candidate and the state as heatmaps over time.
 *
 * Tests and curious readers get `window.gruExplorer`:
 *   .weights        {kernel (features x 3u), recurrent_kernel (u x 3u), bias (2 x 3u)}
 *   .trace(inputs)  inputs (time x features) -> {z, r, candidate, h}, each (time x units)
 *   .output(inputs) the model's prediction, h_T w + b
 *   .state          the widget: inputs, cursor, result (the trace), unit (the line plot's),
 *                   stateRange (the half-width of the state's fitted colour scale)
 *
 * Four files, each one concern: gru-explorer-gru.js (the GRU and the colour scales),
 * gru-explorer-draw.js (the charts), gru-explorer-layout.js (the elements) and this one (the
 * behaviour). Each registers itself in `window.gruExplorerParts`; Jupyter Book loads every script
 * in book/_static, in no set order, so the explorers start once all four parts and the page are
 * there. Plain JavaScript: no library, no network request; nothing happens on a page without a
 * `data-gru-explorer` element.
 */
(function () {
  "use strict";
  const parts = (window.gruExplorerParts = window.gruExplorerParts || {});

  // Build the widget inside root from the exported data; weights are its GRU's three arrays.
  function build(root, data, weights) {
    const gru = parts.gru;
    const element = parts.layout.element;
    const { trace, headOutput, colourScale, fittedRange, fmt } = gru;
    const { drawInput, drawHeatmap, drawLines, stepAt, TOP, BARS } = parts.draw;
    const presetNames = Object.keys(data.presets);
    const steps = data.presets[presetNames[0]].inputs.length;
    const half = Math.floor(steps / 2);
    const scales = {
      gate: colourScale(data.colors.gate, 0, 1),
      state: colourScale(data.colors.state, -1, 1),
      fitted: null, // set from the states by fitScale()
    };
    const state = {
      preset: presetNames[0],
      inputs: null,
      cursor: 0,
      result: null,
      unit: 0,
      stateRange: 1,
    };

    const ui = parts.layout.layout(root, data, steps, half);
    const { presetSelect, firstMarker, secondMarker, markerError, markerFields, cursor } = ui;
    const { valueInput, markerBox, cursorText, valueText, inputCanvas, outputLine, maps } = ui;
    const { unitSelect, linesCanvas, linesRange, tableBody, stateLegend, stateRangeText } = ui;

    function markers() {
      const out = [];
      state.inputs.forEach((x, t) => x[1] && out.push(t));
      return out;
    }

    function view() {
      const style = getComputedStyle(root);
      return {
        ink: style.color,
        bar: style.getPropertyValue("--gru-explorer-bar").trim() || "#0072B2",
        grid: style.getPropertyValue("--gru-explorer-grid").trim() || "#999",
        markerColour: data.colors.marker,
        lineColours: data.colors.lines,
        cursor: state.cursor,
        markers: markers(),
      };
    }

    function draw() {
      const v = view();
      drawInput(inputCanvas, state.inputs, v);
      maps.forEach((m) => drawHeatmap(m.canvas, state.result[m.map.key], scales[m.map.scale], v));
      const range = drawLines(linesCanvas, state.result, state.unit, v);
      linesRange.textContent = " (axis " + fmt(range[0]) + " to " + fmt(range[1]) + ")";
    }

    // The state's colour scale, fitted to the states of the current input; the legend and the
    // heatmap's caption say its range.
    function fitScale() {
      const range = fittedRange(state.result.h);
      state.stateRange = range;
      scales.fitted = colourScale(data.colors.state, -range, range);
      const ticks = ["\u2212" + range.toFixed(2), "0", range.toFixed(2)];
      stateLegend.ticks.forEach((tick, i) => (tick.textContent = ticks[i]));
      stateRangeText.textContent =
        " (colour scale \u00b1" + range.toFixed(2) + ", fitted to the states)";    }

    function showCursor() {
      const t = state.cursor;
      cursor.value = String(t);
      cursor.setAttribute("aria-valuetext", "step " + t);
      cursorText.textContent = String(t);
      valueInput.value = String(state.inputs[t][0]);
      valueText.textContent = state.inputs[t][0].toFixed(2);
      markerBox.checked = state.inputs[t][1] === 1;
      tableBody.replaceChildren.apply(
        tableBody,
        state.result.z[t].map(function (_, u) {
          return element(
            "tr",
            {},
            [element("th", { scope: "row", text: String(u) })].concat(
              ["z", "r", "candidate", "h"].map((k) =>
                element("td", { text: fmt(state.result[k][t][u]) })
              )
            )
          );
        })
      );
    }

    function recompute() {
      state.result = trace(weights, state.inputs);
      fitScale();
      const y = headOutput(data, state.result.h[steps - 1]);
      const marked = markers();
      let text = "Model output after step " + (steps - 1) + ": " + fmt(y) + ".";
      if (marked.length === 2) {
        const target = state.inputs[marked[0]][0] + state.inputs[marked[1]][0];
        text += " Target, the sum of the two marked values: " + fmt(target) + ".";
      } else {
        text += " The adding problem has two markers; this input has " + marked.length + ".";
      }
      outputLine.textContent = text;
      showCursor();
      draw();
    }

    // A step the field cannot take is refused where the reader sees it: the field is marked
    // invalid, a message says what it takes, and the markers stay where they were.
    function markerProblem(field, name, lo, hi) {
      const text = field.value.trim();
      const step = Number(text);
      if (text !== "" && Number.isInteger(step) && step >= lo && step <= hi) return null;
      return (
        "The " + name + " marker takes a whole step from " + lo + " to " + hi + ", not " +
        (text === "" ? "an empty field" : "\u201c" + text + "\u201d") + "."
      );
    }

    function moveMarkers() {
      const problems = [
        [firstMarker, markerProblem(firstMarker, "first", 0, half - 1)],
        [secondMarker, markerProblem(secondMarker, "second", half, steps - 1)],
      ];
      problems.forEach(function (entry) {
        if (entry[1]) entry[0].setAttribute("aria-invalid", "true");
        else entry[0].removeAttribute("aria-invalid");
      });
      const messages = problems.filter((entry) => entry[1]).map((entry) => entry[1]);
      markerError.hidden = messages.length === 0;
      if (messages.length) {
        const kept = markers().join(" and ");
        markerError.textContent =
          messages.join(" ") + (kept ? " The markers stay at steps " + kept + "." : "");
        return;
      }
      markerError.textContent = "";
      const first = Number(firstMarker.value);
      const second = Number(secondMarker.value);
      state.inputs.forEach(function (x, t) {
        x[1] = t === first || t === second ? 1 : 0;
      });
      recompute();
    }

    function loadPreset(name) {
      const preset = data.presets[name];
      state.preset = name;
      state.inputs = preset.inputs.map((row) => row.slice());
      markerFields.hidden = !preset.markers;
      if (preset.markers) {
        firstMarker.value = String(preset.markers[0]);
        secondMarker.value = String(preset.markers[1]);
      }
      [firstMarker, secondMarker].forEach((field) => field.removeAttribute("aria-invalid"));
      markerError.hidden = true;
      recompute();
    }

    presetSelect.addEventListener("change", () => loadPreset(presetSelect.value));
    firstMarker.addEventListener("input", moveMarkers);
    secondMarker.addEventListener("input", moveMarkers);
    unitSelect.addEventListener("change", function () {
      state.unit = Number(unitSelect.value);
      draw();
    });
    linesCanvas.addEventListener("click", function (event) {
      state.cursor = stepAt(linesCanvas, event.clientX, steps);
      showCursor();
      draw();
    });
    cursor.addEventListener("input", function () {
      state.cursor = Number(cursor.value);
      showCursor();
      draw();
    });
    valueInput.addEventListener("input", function () {
      state.inputs[state.cursor][0] = Number(valueInput.value);
      recompute();
    });
    markerBox.addEventListener("change", function () {
      state.inputs[state.cursor][1] = markerBox.checked ? 1 : 0;
      recompute();
    });

    // Pointer: drag on the input to set values; click a heatmap to move the cursor.
    let dragging = false;
    function dragTo(event) {
      const box = inputCanvas.getBoundingClientRect();
      const t = stepAt(inputCanvas, event.clientX, steps);
      const value = Math.min(1, Math.max(0, (box.top + TOP + BARS - event.clientY) / BARS));
      state.inputs[t][0] = Math.round(value * 100) / 100;
      state.cursor = t;
      recompute();
    }
    inputCanvas.addEventListener("pointerdown", function (event) {
      dragging = true;
      inputCanvas.setPointerCapture(event.pointerId);
      dragTo(event);
    });
    inputCanvas.addEventListener("pointermove", (event) => dragging && dragTo(event));
    inputCanvas.addEventListener("pointerup", () => (dragging = false));
    inputCanvas.addEventListener("pointercancel", () => (dragging = false));
    maps.forEach(function (m) {
      m.canvas.addEventListener("click", function (event) {
        state.cursor = stepAt(m.canvas, event.clientX, steps);
        showCursor();
        draw();
      });
    });

    // Redraw when the width changes or the reader switches between light and dark.
    // Only a new width matters: drawing sets the canvases' heights, which resizes the root too.
    let drawnWidth = root.clientWidth;
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (!state.result || root.clientWidth === drawnWidth) return;
        drawnWidth = root.clientWidth;
        draw();
      }).observe(root);
    }
    new MutationObserver(() => state.result && draw()).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme", "data-mode"],
    });

    state.cursor = data.presets[state.preset].markers ? data.presets[state.preset].markers[0] : 0;
    presetSelect.value = state.preset;
    loadPreset(state.preset);
    state.unit = gru.writingUnit(state.result, state.cursor);
    unitSelect.value = String(state.unit);
    draw();
    return state;
  }

  // Build an explorer in every root; `window.gruExplorer` is the first one's.
  function start() {
    const trace = parts.gru.trace;
    const headOutput = parts.gru.headOutput;
    document.querySelectorAll("[data-gru-explorer]").forEach(function (root) {
      if (root.dataset.gruExplorerReady) return;
      const data = JSON.parse(root.querySelector("script.gru-explorer-data").textContent);
      root.dataset.gruExplorerReady = "true";
      const weights = {
        kernel: data.kernel,
        recurrent_kernel: data.recurrent_kernel,
        bias: data.bias,
      };
      const widget = build(root, data, weights);
      if (window.gruExplorer) return;
      window.gruExplorer = {
        weights: weights,
        dense: { kernel: data.dense_kernel, bias: data.dense_bias },
        trace: (inputs) => trace(weights, inputs),
        output: (inputs) => headOutput(data, trace(weights, inputs).h.slice(-1)[0]),
        state: widget,
      };
    });
  }

  // Start when the page and all four parts are there, whichever comes last.
  parts.ready = function () {
    if (parts.gru && parts.draw && parts.layout && document.readyState !== "loading") start();
  };
  document.addEventListener("DOMContentLoaded", parts.ready);
  if (parts.ready) parts.ready();
})();
