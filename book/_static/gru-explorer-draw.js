/*
 * The GRU gate explorer, part 2 of 4: drawing the input, the heatmaps and the line plot.
 *
 * Every chart shares one geometry: LEFT px of labels, then one column per step, TOP px for the
 * marker triangles and BOTTOM px for the time axis (the browser tests rely on it).
 */
(function () {
  "use strict";
  const parts = (window.gruExplorerParts = window.gruExplorerParts || {});
  const fmt = (value) => parts.gru.fmt(value);

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

  parts.draw = {
    TOP: TOP,
    BARS: BARS,
    stepAt: stepAt,
    drawHeatmap: drawHeatmap,
    drawInput: drawInput,
    drawLines: drawLines,
  };
  if (parts.ready) parts.ready();
})();
