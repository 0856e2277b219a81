// A share per segment (top-2-box satisfaction, response rate) with its 95% Wilson interval.
import * as Plot from "npm:@observablehq/plot";
import {OKABE_ITO} from "./format.js";
import {shareDomain} from "./trendChart.js";

/**
 * @param {{segment: string, value: number, lo: number, hi: number, n: number, text?: string}[]} rows published rows only;
 *   `text` labels a coded share ("95% or more"), whose bar then spans its band rather than an interval.
 * @param {{width: number, xLabel: string, xLabelNarrow?: string, yLabel: string, domain?: [number, number], reference?: number}} options
 *   `xLabelNarrow`: a shorter axis label for a phone, where a long one runs off the chart.
 */
export function SegmentDots(rows, {width, xLabel, xLabelNarrow, yLabel, domain, reference, marginLeft = 170} = {}) {
  const x = domain ?? shareDomain(rows.map((d) => ({share: d.value, lo: d.lo, hi: d.hi})).concat(reference != null ? [{share: reference}] : []));
  const narrow = width < 560;
  const left = narrow ? Math.min(marginLeft, 120) : marginLeft;
  const right = narrow ? 50 : 60;
  return Plot.plot({
    width,
    height: 70 + 34 * rows.length,
    style: {fontSize: "14px"},
    marginLeft: left,
    marginRight: right,
    marginBottom: 50,
    // on a phone, one tick per 70 px of axis at most ("50%60%70%..." ran together at 6 ticks)
    x: {label: narrow && xLabelNarrow ? xLabelNarrow : xLabel, labelAnchor: "center", labelOffset: 42, tickFormat: "%", domain: x, grid: true, ticks: narrow ? Math.max(2, Math.floor((width - left - right) / 70)) : undefined},
    y: {label: yLabel, domain: rows.map((d) => d.segment), labelAnchor: "top", tickFormat: (s) => (narrow && s.length > 15 ? `${s.slice(0, 14)}…` : s)},
    marks: [
      reference != null ? Plot.ruleX([reference], {stroke: "#555", strokeDasharray: "6,4"}) : null,
      Plot.ruleY(rows, {y: "segment", x1: "lo", x2: "hi", stroke: OKABE_ITO.blue, strokeWidth: 3, strokeOpacity: 0.5}),
      Plot.dot(rows, {y: "segment", x: "value", fill: OKABE_ITO.blue, r: 6, tip: true,
        title: (d) => d.text ? `${d.segment}: ${d.text}, n = ${d.n}` : `${d.segment}: ${(d.value * 100).toFixed(1)}% (95% CI ${(d.lo * 100).toFixed(1)}–${(d.hi * 100).toFixed(1)}%), n = ${d.n}`}),
      Plot.text(rows, {y: "segment", x: "hi", text: (d) => `n=${d.n}`, dx: 8, textAnchor: "start", fill: "#555"})
    ]
  });
}
