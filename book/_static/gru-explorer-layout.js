/*
 * The GRU gate explorer, part 3 of 4: the widget's elements, built once.
 *
 * layout(root, data, steps, half) builds the controls, canvases, legend, line plot and table
 * inside root and returns them by name; gru-explorer.js wires them to the GRU.
 */
(function () {
  "use strict";
  const parts = (window.gruExplorerParts = window.gruExplorerParts || {});

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

  function layout(root, data, steps, half) {
    const presetNames = Object.keys(data.presets);
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
              document.createTextNode(" marked step (triangle, vermillion bar and strip)"),
            ]),
          ]),
        ]),
      ].concat(maps.map((m) => m.box), [linesBox, table, element("p", {}, [download])]))
    );

    return {
      presetSelect: presetSelect,
      firstMarker: firstMarker,
      secondMarker: secondMarker,
      markerError: markerError,
      markerFields: markerFields,
      cursor: cursor,
      valueInput: valueInput,
      markerBox: markerBox,
      cursorText: cursorText,
      valueText: valueText,
      inputCanvas: inputCanvas,
      outputLine: outputLine,
      maps: maps,
      unitSelect: unitSelect,
      linesCanvas: linesCanvas,
      linesRange: linesRange,
      tableBody: tableBody,
      stateLegend: stateLegend,
      stateRangeText: stateRangeText,
    };
  }

  parts.layout = { layout: layout, element: element };
  if (parts.ready) parts.ready();
})();
