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
 * Plain JavaScript: no library, no network request. Jupyter Book loads every script in
 * book/_static on every page, so nothing happens on a page without a `data-gru-explorer` element.
 */
(function () {
  "use strict";

  /* ---------- The GRU, from the chapter's equations ---------- */

  function sigmoid(a) {
    return 1 / (1 + Math.exp(-a));
  }

  // x (features) times a (rows x cols) matrix, plus a bias row (cols).
  function affine(x, matrix, bias) {
    const out = bias.slice();
    for (let i = 0; i < x.length; i++) {
      const row = matrix[i];
      for (let j = 0; j < out.length; j++) out[j] += x[i] * row[j];
    }
    return out;
  }

  // One step: the same arithmetic as gru_lib.scratch_gru.gru_step with reset_after=True.
  function gruStep(x, hPrev, weights) {
    const n = hPrev.length;
    const xProj = affine(x, weights.kernel, weights.bias[0]); // x_t W + b, blocks z, r, h
    const hProj = affine(hPrev, weights.recurrent_kernel, weights.bias[1]); // h_{t-1} U + b'
    const z = new Array(n);
    const r = new Array(n);
    const candidate = new Array(n);
    const h = new Array(n);
    for (let u = 0; u < n; u++) {
      z[u] = sigmoid(xProj[u] + hProj[u]); // update gate z_t
      r[u] = sigmoid(xProj[n + u] + hProj[n + u]); // reset gate r_t
      candidate[u] = Math.tanh(xProj[2 * n + u] + r[u] * hProj[2 * n + u]); // candidate
      h[u] = z[u] * hPrev[u] + (1 - z[u]) * candidate[u]; // new state: keep z, write 1 - z
    }
    return { z: z, r: r, candidate: candidate, h: h };
  }

  function checkInputs(inputs, features) {
    const ok =
      Array.isArray(inputs) &&
      inputs.length > 0 &&
      inputs.every(
        (row) =>
          Array.isArray(row) &&
          row.length === features &&
          row.every((v) => typeof v === "number" && Number.isFinite(v))
      );
    if (!ok) {
      throw new Error(
        "Invalid value for argument `inputs`: expected a non-empty (time x " +
          features +
          ") nested array of finite numbers."
      );
    }
  }

  // Run the GRU from h_0 = 0 over inputs (time x features) and keep every step's values.
  function trace(weights, inputs) {
    checkInputs(inputs, weights.kernel.length);
    const units = weights.recurrent_kernel.length;
    const out = { z: [], r: [], candidate: [], h: [] };
    let h = new Array(units).fill(0);
    for (const x of inputs) {
      const step = gruStep(x, h, weights);
      out.z.push(step.z);
      out.r.push(step.r);
      out.candidate.push(step.candidate);
      out.h.push(step.h);
      h = step.h;
    }
    return out;
  }

  function headOutput(data, hLast) {
    let y = data.dense_bias;
    for (let u = 0; u < hLast.length; u++) y += hLast[u] * data.dense_kernel[u];
    return y;
  }

  /* ---------- Colour scales ---------- */

  function hexToRgb(hex) {
    const v = parseInt(hex.slice(1), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }

  function colourScale(stops, lo, hi) {
    const rgb = stops.map(hexToRgb);
    return function (value) {
      const t = Math.min(1, Math.max(0, (value - lo) / (hi - lo))) * (rgb.length - 1);
      const i = Math.min(rgb.length - 2, Math.floor(t));
      const f = t - i;
      const c = rgb[i].map((a, k) => Math.round(a + f * (rgb[i + 1][k] - a)));
      return "rgb(" + c.join(",") + ")";
    };
  }

  // The state's colour scale runs from -range to range: the largest |h| rounded up to 0.05,
  // so a state that only reaches 0.3 still spans the scale, and small edits do not jitter it.
  function fittedRange(values) {
    let largest = 0;
    values.forEach((row) => row.forEach((v) => (largest = Math.max(largest, Math.abs(v)))));
    return Math.min(1, Math.max(0.05, Math.ceil(largest * 20 - 1e-9) / 20));
  }

  /* ---------- Drawing ---------- */

  const LEFT = 46; // room for the unit labels
  const TOP = 10; // room for the marker triangles
  const BOTTOM = 18; // room for the time axis
  const ROW = 13; // height of one unit's row

  function sizeCanvas(canvas, cssHeight) {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(120, canvas.parentElement.clientWidth);
    canvas.style.height = cssHeight + "px";
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(cssHeight * ratio);
    const context = canvas.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, cssHeight);
    return { context: context, width: width };
  }

  function stepWidth(width, steps) {
    return (width - LEFT - 4) / steps;
  }

  function stepAt(canvas, clientX, steps) {
    const box = canvas.getBoundingClientRect();
    const step = Math.floor((clientX - box.left - LEFT) / stepWidth(box.width, steps));
    return Math.min(steps - 1, Math.max(0, step));
  }

  function timeAxis(context, steps, width, y, ink) {
    const w = stepWidth(width, steps);
    context.fillStyle = ink;
    context.font = "11px sans-serif";
    context.textAlign = "center";
    context.textBaseline = "top";
    const every = steps > 20 ? 10 : 5;
    for (let t = 0; t < steps; t += every) context.fillText(String(t), LEFT + (t + 0.5) * w, y);
    context.textAlign = "left";
    context.fillText("step", 2, y);
  }

  function markerTriangles(context, markers, steps, width, colour) {
    const w = stepWidth(width, steps);
    context.fillStyle = colour;
    markers.forEach(function (t) {
      const x = LEFT + (t + 0.5) * w;
      context.beginPath();
      context.moveTo(x - 5, 0);
      context.lineTo(x + 5, 0);
      context.lineTo(x, TOP - 2);
      context.closePath();
      context.fill();
    });
  }

  function cursorBox(context, cursor, steps, width, height, ink) {
    const w = stepWidth(width, steps);
    context.strokeStyle = ink;
    context.lineWidth = 2;
    context.strokeRect(LEFT + cursor * w - 1, TOP - 1, w + 2, height + 2);
  }

  function drawHeatmap(canvas, values, scale, view) {
    const units = values[0].length;
    const steps = values.length;
    const height = units * ROW;
    const sized = sizeCanvas(canvas, TOP + height + BOTTOM);
    const context = sized.context;
    const w = stepWidth(sized.width, steps);
    for (let t = 0; t < steps; t++) {
      for (let u = 0; u < units; u++) {
        context.fillStyle = scale(values[t][u]);
        context.fillRect(LEFT + t * w, TOP + u * ROW, Math.ceil(w), ROW);
      }
    }
    context.fillStyle = view.ink;
    context.font = "11px sans-serif";
    context.textAlign = "right";
    context.textBaseline = "middle";
    for (let u = 0; u < units; u++) {
      context.fillText("unit " + u, LEFT - 4, TOP + (u + 0.5) * ROW);
    }
    markerTriangles(context, view.markers, steps, sized.width, view.markerColour);
    cursorBox(context, view.cursor, steps, sized.width, height, view.ink);
    timeAxis(context, steps, sized.width, TOP + height + 3, view.ink);
  }

  const BARS = 64; // height of the input's value bars
  const STRIP = 5; // the marked steps' strip under the bars, inside the cursor's box

  function drawInput(canvas, inputs, view) {
    const steps = inputs.length;
    const sized = sizeCanvas(canvas, TOP + BARS + STRIP + 3 + BOTTOM);
    const context = sized.context;
    const w = stepWidth(sized.width, steps);
    context.strokeStyle = view.grid;
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(LEFT, TOP + 0.5);
    context.lineTo(sized.width - 4, TOP + 0.5);
    context.moveTo(LEFT, TOP + BARS + 0.5);
    context.lineTo(sized.width - 4, TOP + BARS + 0.5);
    context.stroke();
    for (let t = 0; t < steps; t++) {
      const value = Math.min(1, Math.max(0, inputs[t][0]));
      context.fillStyle = inputs[t][1] ? view.markerColour : view.bar;
      const barWidth = Math.max(1, w - 2);
      context.fillRect(LEFT + t * w + 1, TOP + BARS * (1 - value), barWidth, BARS * value);
      // A marked step also gets a strip under the axis, so a small marked value (the default
      // first one is 0.02) stays visible when the cursor's outline surrounds it.
      if (inputs[t][1]) context.fillRect(LEFT + t * w + 1, TOP + BARS + 2, barWidth, STRIP);
    }
    context.fillStyle = view.ink;
    context.font = "11px sans-serif";
    context.textAlign = "right";
    context.textBaseline = "middle";
    context.fillText("1", LEFT - 4, TOP);
    context.fillText("value", LEFT - 4, TOP + BARS / 2);
    context.fillText("0", LEFT - 4, TOP + BARS);
    markerTriangles(context, view.markers, steps, sized.width, view.markerColour);
    cursorBox(context, view.cursor, steps, sized.width, BARS + STRIP + 3, view.ink);
    timeAxis(context, steps, sized.width, TOP + BARS + STRIP + 6, view.ink);
  }

  const PLOT = 120; // height of the line plot's axes
  // One unit's h, z and r over time: a line style per quantity as well as a colour.
  const LINES = [
    { key: "h", dash: [], width: 2.5 },
    { key: "z", dash: [6, 3], width: 2 },
    { key: "r", dash: [1.5, 2.5], width: 2 },
  ];

  function lineRange(result, unit) {
    let lo = 0;
    let hi = 1;
    result.h.forEach(function (row) {
      lo = Math.min(lo, Math.floor(row[unit] * 10) / 10);
      hi = Math.max(hi, Math.ceil(row[unit] * 10) / 10);
    });
    return [lo, hi];
  }

  function drawLines(canvas, result, unit, view) {
    const steps = result.h.length;
    const sized = sizeCanvas(canvas, TOP + PLOT + BOTTOM);
    const context = sized.context;
    const w = stepWidth(sized.width, steps);
    const range = lineRange(result, unit);
    const y = (v) => TOP + (PLOT * (range[1] - v)) / (range[1] - range[0]);
    context.strokeStyle = view.grid;
    context.lineWidth = 1;
    context.fillStyle = view.ink;
    context.font = "11px sans-serif";
    context.textAlign = "right";
    context.textBaseline = "middle";
    [range[0], 0, 1, range[1]].forEach(function (v, i, all) {
      if (all.indexOf(v) !== i) return;
      context.beginPath();
      context.moveTo(LEFT, Math.round(y(v)) + 0.5);
      context.lineTo(sized.width - 4, Math.round(y(v)) + 0.5);
      context.stroke();
      context.fillText(fmt(v).replace(".00", ""), LEFT - 4, y(v));
    });
    markerTriangles(context, view.markers, steps, sized.width, view.markerColour);
    const cx = LEFT + (view.cursor + 0.5) * w;
    context.strokeStyle = view.ink;
    context.setLineDash([2, 2]);
    context.beginPath();
    context.moveTo(cx, TOP);
    context.lineTo(cx, TOP + PLOT);
    context.stroke();
    LINES.forEach(function (line) {
      context.strokeStyle = line.key === "h" ? view.ink : view.lineColours[line.key];
      context.lineWidth = line.width;
      context.setLineDash(line.dash);
      context.beginPath();
      result[line.key].forEach(function (row, t) {
        const x = LEFT + (t + 0.5) * w;
        if (t === 0) context.moveTo(x, y(row[unit]));
        else context.lineTo(x, y(row[unit]));
      });
      context.stroke();
    });
    context.setLineDash([]);
    timeAxis(context, steps, sized.width, TOP + PLOT + 3, view.ink);
    return range;
  }

  /* ---------- The widget ---------- */

  // One heatmap per quantity: the gates on the 0..1 scale, the candidate on -1..1 (its tanh's
  // range) and the state on a scale fitted to its values, which stay well inside -1..1.
  const MAPS = [
    { key: "z", scale: "gate", title: "Update gate z", note: "near 1: keep the old state" },
    { key: "r", scale: "gate", title: "Reset gate r", note: "near 1: old state shapes candidate" },
    { key: "candidate", scale: "state", title: "Candidate", note: "what a unit may write" },
    {
      key: "h",
      scale: "fitted",
      title: "State h",
      note: "z \u00b7 h(t\u22121) + (1 \u2212 z) \u00b7 candidate",
    },
  ];

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(function (entry) {
      if (entry[0] === "text") node.textContent = entry[1];
      else node.setAttribute(entry[0], entry[1]);
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  function labelled(text, control) {
    return element("label", { class: "gru-explorer__field" }, [
      element("span", { text: text }),
      control,
    ]);
  }

  function fmt(value) {
    return (value < 0 ? "\u2212" : "") + Math.abs(value).toFixed(2);
  }

  // The unit whose update gate falls most at step t below its mean before t (the unit that
  // writes the first marked value, which the chapter's walk-through follows); unit 0 at t = 0.
  function writingUnit(result, t) {
    if (t === 0) return 0;
    let best = 0;
    let drop = -Infinity;
    result.z[t].forEach(function (zt, u) {
      let before = 0;
      for (let s = 0; s < t; s++) before += result.z[s][u] / t;
      if (before - zt > drop) {
        drop = before - zt;
        best = u;
      }
    });
    return best;
  }

  // Build the widget inside root from the exported data; weights are its GRU's three arrays.
  function build(root, data, weights) {
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

    // Controls: preset and markers, then the time cursor and the input at the cursor.
    const presetSelect = element(
      "select",
      {},
      presetNames.map((name) => element("option", { value: name, text: name }))
    );
    const firstMarker = element("input", {
      type: "number",
      min: "0",
      max: String(half - 1),
      step: "1",
    });
    const secondMarker = element("input", {
      type: "number",
      min: String(half),
      max: String(steps - 1),
      step: "1",
    });
    const markerError = element("p", {
      class: "gru-explorer__error",
      id: "gru-explorer-marker-error",
      role: "alert",
    });
    markerError.hidden = true;
    [firstMarker, secondMarker].forEach((field) =>
      field.setAttribute("aria-describedby", "gru-explorer-marker-error")
    );
    const markerFields = element("span", { class: "gru-explorer__markers" }, [
      labelled("First marker (step 0\u2013" + (half - 1) + ")", firstMarker),
      labelled("Second marker (step " + half + "\u2013" + (steps - 1) + ")", secondMarker),
    ]);
    const cursor = element("input", { type: "range", min: "0", max: String(steps - 1), step: "1" });
    const valueInput = element("input", { type: "range", min: "0", max: "1", step: "0.01" });
    const markerBox = element("input", { type: "checkbox" });
    const cursorText = element("output", { class: "gru-explorer__readout-step" });
    const valueText = element("output");

    const inputCanvas = element("canvas", {
      class: "gru-explorer__input",
      role: "img",
      "aria-label":
        "The input sequence: one bar per step for the value channel, vermillion where the " +
        "marker channel is 1. Drag the bars to change the values.",
    });
    const outputLine = element("p", { class: "gru-explorer__output", "aria-live": "polite" });
    const maps = MAPS.map(function (map) {
      const canvas = element("canvas", {
        role: "img",
        "aria-label":
          map.title + " as a heatmap, one row per unit and one column per step; the table below " +
          "lists its values at the time cursor.",
      });
      const box = element("figure", { class: "gru-explorer__map" }, [
        element("figcaption", {}, [
          element("strong", { text: map.title }),
          document.createTextNode(" \u2014 " + map.note),
        ]),
        element("div", { class: "gru-explorer__canvas" }, [canvas]),
      ]);
      return { map: map, canvas: canvas, box: box };
    });
    const unitSelect = element(
      "select",
      { class: "gru-explorer__unit" },
      Array.from({ length: data.units }, (_, u) =>
        element("option", { value: String(u), text: "unit " + u })
      )
    );
    const linesCanvas = element("canvas", {
      class: "gru-explorer__lines",
      role: "img",
      "aria-label":
        "Line plot of the chosen unit's state h, update gate z and reset gate r against the " +
        "step; the table below lists the values at the time cursor.",
    });
    function swatch(key, text) {
      const mark = element("span", {
        class: "gru-explorer__line-key gru-explorer__line-key--" + key,
        "aria-hidden": "true",
      });
      if (key !== "h") mark.style.borderColor = data.colors.lines[key];
      return element("span", { class: "gru-explorer__line-item" }, [
        mark,
        document.createTextNode(text),
      ]);
    }
    const linesRange = element("span", { class: "gru-explorer__lines-range" });
    const linesBox = element("figure", { class: "gru-explorer__map gru-explorer__lines-box" }, [
      element("figcaption", {}, [
        element("strong", { text: "One unit over time" }),
        document.createTextNode(" \u2014 "),
        labelled("Unit", unitSelect),
        swatch("h", "state h (solid)"),
        swatch("z", "update gate z (dashed)"),
        swatch("r", "reset gate r (dotted)"),
        linesRange,
      ]),
      element("div", { class: "gru-explorer__canvas" }, [linesCanvas]),
    ]);
    const tableBody = element("tbody");
    const table = element("table", { class: "gru-explorer__table" }, [
      element("caption", {}, [
        document.createTextNode("Values at the time cursor, step "),
        cursorText,
      ]),
      element("thead", {}, [
        element(
          "tr",
          {},
          ["unit", "z", "r", "candidate", "h"].map((name) =>
            element("th", { scope: "col", text: name })
          )
        ),
      ]),
      tableBody,
    ]);

    function legend(name, lo, mid, hi, text) {
      const bar = element("span", { class: "gru-explorer__legend-bar", "aria-hidden": "true" });
      bar.style.background = "linear-gradient(to right, " + data.colors[name].join(", ") + ")";
      const ticks = [lo, mid, hi].map((tick) => element("span", { text: tick }));
      const item = element("div", { class: "gru-explorer__legend-item" }, [
        element("span", { class: "gru-explorer__legend-title", text: text }),
        bar,
        element("span", { class: "gru-explorer__legend-ticks" }, ticks),
      ]);
      item.ticks = ticks;
      return item;
    }
    const stateLegend = legend("state", "\u22121", "0", "1", "State h, scale fitted to the states");
    stateLegend.classList.add("gru-explorer__legend-state");
    const stateRangeText = element("span", { class: "gru-explorer__range" });
    maps[3].box.querySelector("figcaption").appendChild(stateRangeText);
    const markerKey = element("span", { class: "gru-explorer__marker-key", "aria-hidden": "true" });
    markerKey.style.background = data.colors.marker;
    // The exported JSON as a file, from the page itself (a blob URL, not a network request).
    const download = element("a", {
      class: "gru-explorer__download",
      download: "gru-explorer-weights.json",
      href: URL.createObjectURL(new Blob([JSON.stringify(data)], { type: "application/json" })),
      text: "Download the weights and presets (JSON)",
    });

    root.appendChild(
      element("div", { class: "gru-explorer__panel" }, [
        element("div", { class: "gru-explorer__controls" }, [
          labelled("Preset", presetSelect),
          markerFields,
        ]),
        markerError,
        element("div", { class: "gru-explorer__canvas" }, [inputCanvas]),
        element("div", { class: "gru-explorer__controls" }, [
          labelled("Time cursor", cursor),
          labelled("Value at the cursor", valueInput),
          valueText,
          labelled("Marker at the cursor", markerBox),
        ]),
        outputLine,
        element("div", { class: "gru-explorer__legend", role: "group", "aria-label": "Legend" }, [
          legend("gate", "0", "0.5", "1", "Gates z and r"),
          legend("state", "\u22121", "0", "1", "Candidate"),
          stateLegend,
          element("div", { class: "gru-explorer__legend-item" }, [
            element("span", { class: "gru-explorer__legend-title" }, [
              markerKey,
              document.createTextNode(" marked step (triangle, vermillion bar)"),
            ]),
          ]),
        ]),
      ].concat(maps.map((m) => m.box), [linesBox, table, element("p", {}, [download])]))
    );

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
    state.unit = writingUnit(state.result, state.cursor);
    unitSelect.value = String(state.unit);
    draw();
    return state;
  }

  // Build an explorer in every root; `window.gruExplorer` is the first one's.
  function start() {
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
