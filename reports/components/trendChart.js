// Trends across rounds: counts (participants, countries, ...) and shares with 95% intervals.
import * as Plot from "npm:@observablehq/plot";
import {CATEGORICAL} from "./format.js";

const STYLE = {fontSize: "14px"};

/**
 * Counts per round, one line per series.
 * @param {object[]} rows one row per round, in round order, with `round` and a number per series key.
 * @param {{width: number, series: {key: string, label: string}[], yLabel: string, xLabel?: string}} options
 */
export function CountTrend(rows, {width, series, yLabel, xLabel = "Round", height = 360} = {}) {
  const long = series.flatMap((s) => rows.map((r) => ({round: r.round, series: s.label, value: r[s.key]})));
  return Plot.plot({
    width,
    height,
    style: STYLE,
    marginLeft: 70,
    marginRight: 120,
    x: {type: "point", domain: rows.map((r) => r.round), label: xLabel, labelAnchor: "center", labelOffset: 40, padding: 0.3},
    y: {grid: true, label: yLabel, labelAnchor: "top", zero: true, tickFormat: "~s"},
    color: {domain: series.map((s) => s.label), range: CATEGORICAL},
    marks: [
      Plot.line(long, {x: "round", y: "value", stroke: "series", strokeWidth: 3, defined: (d) => d.value != null}),
      Plot.dot(long, {x: "round", y: "value", fill: "series", r: 5, tip: true, title: (d) => `${d.series}, ${d.round}: ${d.value?.toLocaleString("en-GB") ?? "suppressed"}`}),
      Plot.text(long, Plot.selectLast({x: "round", y: "value", z: "series", text: "series", fill: "series", dx: 10, textAnchor: "start", fontWeight: 600}))
    ]
  });
}

/**
 * Shares per round with their 95% Wilson intervals (vertical rules), one colour per series.
 * @param {object[]} rows one row per round with `round` and, per series key, `{share, ci}` (share null = suppressed).
 * @param {{width: number, series: {key: string, label: string}[], yLabel: string, domain?: [number, number], rule?: number}} options
 */
export function ShareTrend(rows, {width, series, yLabel, xLabel = "Round", domain = [0, 1], height = 360, rule} = {}) {
  const n = series.length;
  const long = series.flatMap((s, i) =>
    rows
      .filter((r) => r[s.key] && r[s.key].share != null)
      .map((r) => ({round: r.round, series: s.label, share: r[s.key].share, lo: r[s.key].ci?.[0], hi: r[s.key].ci?.[1], n: r[s.key].n, offset: (i - (n - 1) / 2) * 8}))
  );
  return Plot.plot({
    width,
    height,
    style: STYLE,
    marginLeft: 60,
    marginRight: n > 1 ? 200 : 20,
    x: {type: "point", domain: rows.map((r) => r.round), label: xLabel, labelAnchor: "center", labelOffset: 40, padding: 0.3},
    y: {grid: true, label: yLabel, labelAnchor: "top", domain, tickFormat: "%"},
    color: {domain: series.map((s) => s.label), range: CATEGORICAL},
    marks: [
      rule != null ? Plot.ruleY([rule], {stroke: "#555", strokeDasharray: "6,4"}) : null,
      Plot.ruleX(long, {x: "round", y1: "lo", y2: "hi", stroke: "series", strokeWidth: 2, dx: (d) => d.offset, strokeOpacity: 0.6}),
      Plot.line(long, {x: "round", y: "share", stroke: "series", z: "series", strokeWidth: 2.5}),
      Plot.dot(long, {x: "round", y: "share", fill: "series", r: 5, tip: true, title: (d) => `${d.series}, ${d.round}: ${(d.share * 100).toFixed(1)}% (95% CI ${(d.lo * 100).toFixed(1)}–${(d.hi * 100).toFixed(1)}%, n = ${d.n})`}),
      n > 1 ? Plot.text(long, Plot.selectLast({x: "round", y: "share", z: "series", text: "series", fill: "series", dx: 10, textAnchor: "start", fontWeight: 600})) : null
    ]
  });
}
