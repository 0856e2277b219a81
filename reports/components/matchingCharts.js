// Charts of the matching page: a group-by-group comparison of two matchings (historical vs
// re-matched) and a per-round comparison of replay figures. Okabe-Ito colours, labelled axes.
import * as Plot from "npm:@observablehq/plot";
import {OKABE_ITO} from "./format.js";

/** The two matchings compared, in legend order, with their colours. */
export const MATCHINGS = [
  {key: "historical", label: "Historical matching", color: OKABE_ITO.grey},
  {key: "rematched", label: "Re-matched (exact, these weights)", color: OKABE_ITO.blue}
];

/**
 * Grouped horizontal bars: one pair of bars (historical, re-matched) per group.
 * @param {{group: string, series: string, value: number}[]} rows  series is a MATCHINGS key; rows with a null value are left out.
 * @param {{width: number, xLabel: string, yLabel: string, percent?: boolean, domain?: [number, number], series?: typeof MATCHINGS}} options
 */
export function GroupCompare(rows, {width, xLabel, yLabel, percent = false, domain, series = MATCHINGS} = {}) {
  const shown = rows.filter((d) => d.value != null && Number.isFinite(d.value));
  const groups = [...new Set(rows.map((d) => d.group))];
  const fmt = percent ? (v) => `${(v * 100).toFixed(0)}%` : (v) => v.toFixed(2);
  const labelOf = new Map(series.map((s) => [s.key, s.label]));
  return Plot.plot({
    width,
    height: 60 + groups.length * (22 * series.length + 14),
    style: {fontSize: "14px"},
    marginLeft: 150,
    marginRight: 60,
    marginBottom: 50,
    x: {label: xLabel, labelAnchor: "center", labelOffset: 42, grid: true, ...(domain ? {domain} : {}), ...(percent ? {tickFormat: "%"} : {})},
    fy: {label: yLabel, domain: groups, labelAnchor: "top", padding: 0.15},
    y: {domain: series.map((s) => s.key), axis: null},
    color: {domain: series.map((s) => s.key), range: series.map((s) => s.color)},
    marks: [
      Plot.barX(shown, {x: "value", y: "series", fy: "group", fill: "series", title: (d) => `${d.group}, ${labelOf.get(d.series)}: ${fmt(d.value)}`}),
      Plot.text(shown, {x: "value", y: "series", fy: "group", text: (d) => fmt(d.value), dx: 5, textAnchor: "start", fontSize: 12}),
      Plot.ruleX([0])
    ]
  });
}

/**
 * One value per round and series, as dots joined by lines (rounds in order on x), with a 95%
 * interval as a vertical bar where a row has `lo` and `hi`; series a little apart so their bars
 * do not hide each other.
 * @param {{round: string, series: string, value: number, lo?: number, hi?: number}[]} rows
 * @param {{width: number, yLabel: string, series: {key: string, label: string, color: string, dash?: string}[], percent?: boolean, domain?: [number, number]}} options
 */
export function RoundCompare(rows, {width, yLabel, series, percent = false, domain} = {}) {
  const shown = rows.filter((d) => d.value != null && Number.isFinite(d.value));
  const rounds = [...new Set(rows.map((d) => d.round))];
  const fmt = percent ? (v) => `${(v * 100).toFixed(1)}%` : (v) => v.toFixed(2);
  const gap = Math.min(10, width / rounds.length / 8);
  const offset = (key) => (series.findIndex((s) => s.key === key) - (series.length - 1) / 2) * gap;
  return Plot.plot({
    width,
    height: 360,
    style: {fontSize: "14px"},
    marginLeft: 70,
    marginBottom: 50,
    x: {label: "Round", domain: rounds, labelAnchor: "center", labelOffset: 40},
    y: {label: yLabel, grid: true, labelAnchor: "top", ...(percent ? {tickFormat: "%"} : {}), ...(domain ? {domain} : {zero: false})},
    color: {domain: series.map((s) => s.key), range: series.map((s) => s.color)},
    marks: [
      ...series.map((s) => Plot.ruleX(shown.filter((d) => d.series === s.key && d.lo != null), {x: "round", y1: "lo", y2: "hi", stroke: s.color, strokeWidth: 3, strokeOpacity: 0.5, dx: offset(s.key)})),
      ...series.map((s) => Plot.line(shown.filter((d) => d.series === s.key), {x: "round", y: "value", stroke: s.color, strokeWidth: 2, strokeDasharray: s.dash, dx: offset(s.key)})),
      ...series.map((s) => Plot.dot(shown.filter((d) => d.series === s.key), {x: "round", y: "value", fill: s.color, r: 4, dx: offset(s.key), tip: true,
        title: (d) => `${d.round}, ${s.label}: ${fmt(d.value)}${d.lo != null ? ` (95% ${fmt(d.lo)}–${fmt(d.hi)})` : ""}`}))
    ]
  });
}
