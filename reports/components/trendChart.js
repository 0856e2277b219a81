// Trends across rounds: counts (participants, countries, ...) and shares with 95% intervals.
import * as Plot from "npm:@observablehq/plot";
import {CATEGORICAL, roundAxis} from "./format.js";

const STYLE = {fontSize: "14px"};

/**
 * Counts per round, one line per series.
 * @param {object[]} rows one row per round, in round order, with `round` and a number per series key.
 * @param {{width: number, series: {key: string, label: string}[], yLabel: string, xLabel?: string}} options
 */
export function CountTrend(rows, {width, series, yLabel, xLabel = "Round", height = 360, min = 5} = {}) {
  const long = series.flatMap((s) => rows.map((r) => ({round: r.round, series: s.label, value: r[s.key]})));
  const x = roundAxis(width, rows);
  const missing = long.filter((d) => d.value == null);
  return Plot.plot({
    width,
    height: height + x.extra,
    style: STYLE,
    marginLeft: 70,
    marginRight: series.length > 1 ? 120 : 30,
    marginBottom: 50 + x.extra,
    x: {...x.options, type: "point", domain: rows.map((r) => r.round), label: xLabel, labelAnchor: "center", labelOffset: 40 + x.extra, padding: 0.3},
    y: {grid: true, label: yLabel, labelAnchor: "top", zero: true, tickFormat: (d) => d.toLocaleString("en-GB")},
    color: {domain: series.map((s) => s.label), range: CATEGORICAL},
    marks: [
      Plot.line(long, {x: "round", y: "value", stroke: "series", strokeWidth: 3, defined: (d) => d.value != null}),
      Plot.dot(long, {x: "round", y: "value", fill: "series", r: 5, tip: true, title: (d) => `${d.series}, ${d.round}: ${d.value?.toLocaleString("en-GB") ?? "suppressed"}`}),
      series.length > 1 ? Plot.text(long.filter((d) => d.value != null), Plot.selectLast({x: "round", y: "value", z: "series", text: "series", fill: "series", dx: 10, textAnchor: "start", fontWeight: 600})) : null,
      // A suppressed value is marked, not dropped: "hidden" on the axis where its point would be (it
      // is small, or hidden beside a small one so that it cannot be worked out: "<5" would be false).
      Plot.text(missing, {x: "round", y: 0, text: () => "hidden", dy: -10, fill: "#777", fontSize: 12, title: (d) => `${d.series}, ${d.round}: hidden (fewer than ${min} people, or hidden so that a small group cannot be worked out)`})
    ]
  });
}

/**
 * Shares per round with their 95% Wilson intervals (vertical rules), one colour per series.
 * @param {object[]} rows one row per round with `round` and, per series key, `{share, ci}` (share null = suppressed).
 * @param {{width: number, series: {key: string, label: string}[], yLabel: string, yLabelNarrow?: string, domain?: [number, number], rule?: number}} options
 *   `domain` defaults to {@link shareDomain} of the data; `yLabelNarrow` replaces `yLabel` on a phone (under 500 px), where a long one runs off the card.
 */
export function ShareTrend(rows, {width, series, yLabel, yLabelNarrow, xLabel = "Round", domain, height = 360, rule} = {}) {
  const n = series.length;
  const long = series.flatMap((s, i) =>
    rows
      .filter((r) => r[s.key] && r[s.key].share != null)
      .map((r) => ({round: r.round, series: s.label, share: r[s.key].share, lo: r[s.key].ci?.[0] ?? r[s.key].share, hi: r[s.key].ci?.[1] ?? r[s.key].share, n: r[s.key].n, offset: (i - (n - 1) / 2) * 8}))
  );
  // Rounds where a series exists but its share is suppressed (too few people): marked, not dropped.
  const missing = series.flatMap((s) => rows.filter((r) => suppressed(r[s.key])).map((r) => ({round: r.round, series: s.label})));
  const x = roundAxis(width, rows);
  const y = domain ?? shareDomain(long);
  // End labels need room at the right; on a phone they would be cut off ("Open to any secto"), so
  // a narrow chart names its series in a legend above it instead.
  const labelled = n > 1 && width >= 560;
  return Plot.plot({
    width,
    height: height + x.extra,
    style: STYLE,
    marginLeft: 60,
    marginRight: labelled ? Math.min(200, width / 4) : 20,
    marginBottom: 50 + x.extra,
    x: {...x.options, type: "point", domain: rows.map((r) => r.round), label: xLabel, labelAnchor: "center", labelOffset: 40 + x.extra, padding: 0.3},
    y: {grid: true, label: width < 500 && yLabelNarrow ? yLabelNarrow : yLabel, labelAnchor: "top", domain: y, tickFormat: "%"},
    color: {domain: series.map((s) => s.label), range: CATEGORICAL, legend: n > 1 && !labelled, style: {fontSize: "13px"}},
    marks: [
      rule != null ? Plot.ruleY([rule], {stroke: "#555", strokeDasharray: "6,4"}) : null,
      ...series.map((s, i) => Plot.ruleX(long.filter((d) => d.series === s.label), {x: "round", y1: "lo", y2: "hi", stroke: "series", strokeWidth: 2, dx: (i - (n - 1) / 2) * 8, strokeOpacity: 0.6})),
      Plot.text(missing, {x: "round", y: y[1], text: () => "hidden", dy: 10, fill: "#777", fontSize: 12, title: (d) => `${d.series}, ${d.round}: hidden (too few people, or hidden so that a small group cannot be worked out)`}),
      ...series.map((s, i) => Plot.line(long.filter((d) => d.series === s.label), {x: "round", y: "share", stroke: "series", strokeWidth: 2.5, dx: (i - (n - 1) / 2) * 8})),
      ...series.map((s, i) => Plot.dot(long.filter((d) => d.series === s.label), {x: "round", y: "share", fill: "series", r: 5, dx: (i - (n - 1) / 2) * 8, tip: true, title: (d) => `${d.series}, ${d.round}: ${(d.share * 100).toFixed(1)}% (95% CI ${(d.lo * 100).toFixed(1)}–${(d.hi * 100).toFixed(1)}%, n = ${d.n})`})),
      // End labels, moved apart where two series end close together.
      ...(labelled ? endLabels(long, y, height + x.extra, 50 + x.extra).map((d) => Plot.text([d], {x: "round", y: "share", text: "series", fill: "series", dx: 10, dy: d.dy, textAnchor: "start", fontWeight: 600})) : [])
    ]
  });
}

/**
 * A y domain for shares that shows their differences: from 10 points below the lowest interval
 * end (rounded down to a ten) to 10 above the highest (rounded up), within 0..100%, at least 40
 * points wide. Every chart says in its axis label what it measures, so a domain not starting at 0
 * is read against its ticks.
 */
export function shareDomain(points) {
  const vals = points.flatMap((d) => [d.lo ?? d.share, d.hi ?? d.share]).filter((v) => v != null && Number.isFinite(v));
  if (!vals.length) return [0, 1];
  let lo = Math.max(0, Math.floor(Math.min(...vals) * 10) / 10 - 0.1);
  let hi = Math.min(1, Math.ceil(Math.max(...vals) * 10) / 10 + 0.1);
  while (hi - lo < 0.4) {
    if (lo > 0) lo = Math.max(0, lo - 0.1);
    if (hi - lo < 0.4 && hi < 1) hi = Math.min(1, hi + 0.1);
  }
  return [+lo.toFixed(2), +hi.toFixed(2)];
}

/** Whether any round of `rows` has a published share in one of `series` (else a chart of them would hold only "hidden" marks). */
export function anyPublished(rows, series) {
  return rows.some((r) => series.some((s) => r[s.key]?.share != null));
}

/** Whether a share cell is hidden: it exists, has no share, and its round asked (not `asked: false`) and had some (n not 0). */
function suppressed(cell) {
  return Boolean(cell) && cell.share == null && cell.n !== 0 && cell.asked !== false;
}

/**
 * The rounds of `rows` where a series' share is suppressed, as a sentence for a note ("" when none).
 * A round that did not ask (`asked: false`, e.g. no survey) or had none (n = 0) is not suppressed.
 */
export function suppressedNote(rows, series, min = 5) {
  const parts = series
    .map((s) => ({s, rounds: rows.filter((r) => suppressed(r[s.key])).map((r) => r.round)}))
    .filter((d) => d.rounds.length)
    .map((d) => `${d.s.label.toLowerCase()} in ${d.rounds.join(", ")}`);
  return parts.length ? ` Marked “hidden” (fewer than ${min} people, or hidden so that a small group cannot be worked out): ${parts.join("; ")}.` : "";
}

/**
 * The last point of each series with the vertical shift (dy, px) that keeps its label at least
 * 16 px from the others: labels are placed top to bottom and pushed down where they would touch.
 */
function endLabels(long, domain, height, marginBottom, marginTop = 20) {
  const last = new Map();
  for (const d of long) last.set(d.series, d);
  const span = height - marginTop - marginBottom;
  const px = (v) => marginTop + (1 - (v - domain[0]) / (domain[1] - domain[0])) * span;
  const rows = [...last.values()].map((d) => ({...d, at: px(d.share)})).sort((a, b) => a.at - b.at);
  let prev = -Infinity;
  return rows.map((d) => {
    const at = Math.max(d.at, prev + 16);
    prev = at;
    return {...d, dy: at - d.at};
  });
}
