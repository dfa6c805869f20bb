/*
 * The GRU gate explorer, part 1 of 4: the GRU and the colour scales.
 *
 * The same arithmetic as gru_lib.cells.gru.gru_step with reset_after=True, in plain JavaScript;
 * gru-explorer.js builds the widget from these parts (see its header).
 */
(function () {
  "use strict";
  const parts = (window.gruExplorerParts = window.gruExplorerParts || {});

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

  parts.gru = {
    trace: trace,
    headOutput: headOutput,
    colourScale: colourScale,
    fittedRange: fittedRange,
    writingUnit: writingUnit,
    fmt: fmt,
  };
  if (parts.ready) parts.ready();
})();
