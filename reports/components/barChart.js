// Horizontal bars of one value per category (sectors, regions, reasons).
import * as Plot from "npm:@observablehq/plot";
import {OKABE_ITO} from "./format.js";

/**
 * @param {{label: string, value: number, color?: string}[]} rows in display order (suppressed rows left out); a row's `color` overrides `color`.
 * @param {{width: number, xLabel: string, yLabel: string, percent?: boolean, color?: string}} options
 */
export function HBar(rows, {width, xLabel, yLabel, percent = false, color = OKABE_ITO.blue, marginLeft = 170} = {}) {
  const narrow = width < 560;
  const fmt = percent ? (v) => `${(v * 100).toFixed(0)}%` : (v) => v.toLocaleString("en-GB");
  const left = narrow ? Math.min(marginLeft, 150) : marginLeft;
  // On a phone, a label longer than the margin holds (about 7 px a character at 14 px) would run out of the
  // card at the left: cut it with an ellipsis (the tip names it whole).
  const fits = Math.max(8, Math.floor((left - 14) / 7.2));
  return Plot.plot({
    width,
    height: 70 + 34 * rows.length,
    style: {fontSize: "14px"},
    marginLeft: left,
    marginRight: 60,
    marginBottom: 50,
    // Every value 0: a domain of its own, or the scale collapses to one point (one full-width bar, ticks like "0.000000%").
    x: {label: xLabel, labelAnchor: "center", labelOffset: 42, grid: true, ...(percent ? {tickFormat: "%"} : {}), ...(rows.some((d) => d.value > 0) ? {} : {domain: [0, 1]})},
    y: {label: yLabel, domain: rows.map((d) => d.label), labelAnchor: "top", tickFormat: (s) => (narrow && s.length > fits ? `${s.slice(0, fits - 1)}…` : s)},
    marks: [
      Plot.barX(rows, {x: "value", y: "label", fill: (d) => d.color ?? color, tip: true, title: (d) => `${d.label}: ${fmt(d.value)}`}),
      Plot.text(rows, {x: "value", y: "label", text: (d) => fmt(d.value), dx: 6, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
