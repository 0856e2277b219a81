/**
 * The deck's charts: Observable Plot, the library the dashboards draw with, run in Node on
 * linkedom's document (Plot's `document` option), sized for a 16:9 slide and a projector (large
 * type, few ticks, direct labels instead of legends where possible), in the dashboards'
 * colour-blind-safe palette (Okabe & Ito 2008). Each function takes published figures and returns
 * a standalone SVG string; src/slides/raster.ts turns it into a PNG.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { Interval } from "../findings/format";

/** Okabe-Ito colours (the dashboards' reports/components/format.js). */
export const COLORS = Object.freeze({
  blue: "#0072b2",
  orange: "#e69f00",
  green: "#009e73",
  vermillion: "#d55e00",
  sky: "#56b4e9",
  purple: "#cc79a7",
  grey: "#8c8c8c",
  ink: "#1b1e23",
});

/** Chart size in pixels: the slide's chart area (11.9 x 5.2 in) at about 134 px an inch. */
export const CHART = Object.freeze({ width: 1600, height: 700 });

/** Font family every chart asks for (resvg falls back to its default family when absent). */
export const FONT = "DejaVu Sans, Liberation Sans, sans-serif";

const STYLE = { fontSize: "26px", fontFamily: FONT, color: COLORS.ink, background: "white" };

function document(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

/** Serialises a Plot figure (an <svg>, or a <figure> holding one) as a standalone SVG. */
function svgOf(el: Element): string {
  const svg = el.tagName.toLowerCase() === "svg" ? el : el.querySelector("svg");
  if (!svg) throw new Error("the chart has no <svg>");
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return svg.outerHTML;
}

const pctTick = (d: number) => `${Math.round(d * 100)}%`;

/** A share per round with its interval, one or more series. */
export interface ShareSeries {
  label: string;
  color: string;
  points: { round: string; share: number; ci: Interval | null }[];
}

/**
 * Shares per round with 95% intervals (vertical bars), labelled at their last point; the y axis
 * spans `domain` (default the data's range padded to whole tens, labelled as such).
 */
export function shareTrendSvg(
  rounds: readonly string[],
  series: readonly ShareSeries[],
  { yLabel, xLabel, domain, highlight }: { yLabel: string; xLabel?: string; domain?: [number, number]; highlight?: string },
): string {
  const all = series.flatMap((s) => s.points.flatMap((p) => [p.share, ...(p.ci ?? [])]));
  const lo = domain?.[0] ?? Math.max(0, Math.floor(Math.min(...all) * 10 - 0.5) / 10);
  const hi = domain?.[1] ?? Math.min(1, Math.ceil(Math.max(...all) * 10 + 0.5) / 10);
  const long = series.flatMap((s) => s.points.map((p) => ({ ...p, series: s.label, color: s.color })));
  return svgOf(
    Plot.plot({
      document: document(),
      ...CHART,
      style: STYLE,
      marginLeft: 90,
      marginRight: series.length > 1 ? 250 : 40,
      marginBottom: xLabel ? 90 : 70,
      marginTop: 50,
      x: { type: "point", domain: [...rounds], label: xLabel ? `${xLabel} →` : null, labelOffset: 60, padding: 0.3 },
      y: { domain: [lo, hi], label: `↑ ${yLabel}`, tickFormat: pctTick, ticks: 5, grid: true },
      marks: [
        highlight ? Plot.ruleX([highlight], { stroke: "#ddd", strokeWidth: 60 }) : null,
        // Interval bars a little apart per series (Plot's dx is one constant a mark).
        ...series.map((s, k) =>
          Plot.ruleX(long.filter((d) => d.ci && d.series === s.label), { x: "round", y1: (d) => d.ci![0], y2: (d) => d.ci![1], stroke: s.color, strokeWidth: 4, strokeOpacity: 0.55, dx: (k - (series.length - 1) / 2) * 10 }),
        ),
        Plot.line(long, { x: "round", y: "share", z: "series", stroke: "color", strokeWidth: 4 }),
        Plot.dot(long, { x: "round", y: "share", fill: "color", r: 8 }),
        // Each series named at its last point, labels moved apart where the series end close together.
        ...(series.length > 1 ? endLabels(long, [lo, hi]).map((d) => Plot.text([d], { x: "round", y: "share", text: "series", fill: "color", dx: 22, dy: d.dy, textAnchor: "start", fontWeight: 700 })) : []),
      ],
    }) as unknown as Element,
  );
}

/**
 * The last point of each series with the vertical shift (dy, px) that keeps the labels at least
 * 30 px apart on the chart's plot area (placed top to bottom, pushed down where they would touch).
 */
function endLabels<T extends { series: string; share: number }>(long: readonly T[], [lo, hi]: [number, number]): (T & { dy: number })[] {
  const last = new Map<string, T>();
  for (const d of long) last.set(d.series, d);
  const span = CHART.height - 140;
  const px = (v: number) => (1 - (v - lo) / (hi - lo)) * span;
  let prev = -Infinity;
  return [...last.values()]
    .map((d) => ({ d, at: px(d.share) }))
    .sort((a, b) => a.at - b.at)
    .map(({ d, at }) => {
      const moved = Math.max(at, prev + 30);
      prev = moved;
      return { ...d, dy: moved - at };
    });
}

/** Counts per round as bars, each labelled with its value and, optionally, a second line. */
export function countBarsSvg(rows: readonly { round: string; value: number | null; note?: string }[], { yLabel, color = COLORS.blue, highlight }: { yLabel: string; color?: string; highlight?: string }): string {
  const shown = rows.filter((r) => r.value != null) as { round: string; value: number; note?: string }[];
  return svgOf(
    Plot.plot({
      document: document(),
      ...CHART,
      style: STYLE,
      marginLeft: 110,
      marginBottom: 70,
      marginTop: 80,
      x: { domain: rows.map((r) => r.round), label: null, padding: 0.25 },
      y: { label: `↑ ${yLabel}`, grid: true, ticks: 5, tickFormat: (d: number) => d.toLocaleString("en-GB") },
      marks: [
        Plot.barY(shown, { x: "round", y: "value", fill: (d) => (highlight && d.round !== highlight ? "#9cc3de" : color) }),
        Plot.text(shown, { x: "round", y: "value", text: (d) => d.value.toLocaleString("en-GB"), dy: -34, fontWeight: 700 }),
        Plot.text(shown.filter((d) => d.note), { x: "round", y: "value", text: "note", dy: -10, fontSize: 20, fill: "#444" }),
        Plot.ruleY([0]),
      ],
    }) as unknown as Element,
  );
}

/** Shares of one round as dots with 95% intervals, one row per item, the share written beside each dot. */
export function shareDotsSvg(rows: readonly { label: string; share: number; ci: Interval | null; n?: number | null }[], { xLabel, color = COLORS.blue }: { xLabel: string; color?: string }): string {
  const lo = Math.max(0, Math.floor(Math.min(...rows.flatMap((r) => [r.share, ...(r.ci ?? [])])) * 10) / 10 - 0.1);
  const hi = Math.min(1, Math.ceil(Math.max(...rows.flatMap((r) => [r.share, ...(r.ci ?? [])])) * 10) / 10);
  return svgOf(
    Plot.plot({
      document: document(),
      ...CHART,
      height: Math.min(CHART.height, 140 + 90 * rows.length),
      style: STYLE,
      marginLeft: 560,
      marginRight: 140,
      marginBottom: 90,
      x: { domain: [lo, hi], label: `${xLabel} →`, tickFormat: pctTick, ticks: 5, grid: true, labelOffset: 70 },
      y: { domain: rows.map((r) => r.label), label: null },
      marks: [
        Plot.ruleY(rows.filter((r) => r.ci), { y: "label", x1: (d) => d.ci![0], x2: (d) => d.ci![1], stroke: color, strokeOpacity: 0.45, strokeWidth: 10 }),
        Plot.dot(rows, { y: "label", x: "share", fill: color, r: 11 }),
        Plot.text(rows, { y: "label", x: (d) => d.ci?.[1] ?? d.share, text: (d) => `${Math.round(d.share * 100)}%`, dx: 18, textAnchor: "start", fontWeight: 700 }),
      ],
    }) as unknown as Element,
  );
}

/** A 100% stacked bar per round (health classes), segments labelled with their share. */
export function stackedSharesSvg(
  rows: readonly { round: string; key: string; share: number }[],
  classes: readonly { key: string; label: string; color: string }[],
  { rounds }: { rounds: readonly string[] },
): string {
  const order = classes.map((c) => c.key);
  const data = rows.filter((r) => r.share > 0);
  return svgOf(
    Plot.plot({
      document: document(),
      ...CHART,
      style: STYLE,
      marginLeft: 120,
      marginRight: 50,
      marginTop: 70,
      marginBottom: 60,
      x: { domain: [0, 1], tickFormat: pctTick, label: "Share of the round's partnerships →", ticks: 5, labelOffset: 50 },
      y: { domain: [...rounds], label: null, padding: 0.15 },
      color: { domain: order, range: classes.map((c) => c.color), legend: false },
      marks: [
        Plot.barX(data, Plot.stackX({ x: "share", y: "round", fill: "key", order, inset: 1 })),
        Plot.text(data, Plot.stackX({ x: "share", y: "round", z: "key", order, text: (d: { share: number }) => (d.share >= 0.06 ? `${Math.round(d.share * 100)}%` : ""), fill: (d: { key: string }) => (d.key === "ok" ? "black" : "white"), fontWeight: 700 })),
        // Class names over the first bar's segments, as a legend that needs no lookup.
        Plot.text(data.filter((d) => d.round === rounds[0]), Plot.stackX({ x: "share", y: "round", z: "key", order, text: (d: { key: string }) => classes.find((c) => c.key === d.key)?.label ?? d.key, dy: -44, fill: COLORS.ink, fontSize: 22 })),
      ],
    }) as unknown as Element,
  );
}

/** Two series of counts per round: bars (`bars`) and a line with dots (`line`), each labelled at its end. */
export function barsAndLineSvg(
  rows: readonly { round: string; bars: number; line: number }[],
  { barsLabel, lineLabel, yLabel }: { barsLabel: string; lineLabel: string; yLabel: string },
): string {
  const last = rows[rows.length - 1];
  // The two labels sit beside the last round's bar top and line point; when those are close (a
  // first round: every pair is new), the line's label goes above and the bars' below.
  const top = Math.max(1, ...rows.map((r) => Math.max(r.bars, r.line)));
  const apart = last && Math.abs(last.line - last.bars) < 0.08 * top ? 24 : 0;
  return svgOf(
    Plot.plot({
      document: document(),
      ...CHART,
      style: STYLE,
      marginLeft: 110,
      marginRight: 260,
      marginTop: 60,
      marginBottom: 70,
      x: { type: "band", domain: rows.map((r) => r.round), label: null, padding: 0.3 },
      y: { label: `↑ ${yLabel}`, grid: true, ticks: 5, tickFormat: (d: number) => d.toLocaleString("en-GB") },
      marks: [
        Plot.barY(rows, { x: "round", y: "bars", fill: COLORS.sky }),
        // Bar values along the foot of the bars, clear of the line above them.
        Plot.text(rows, { x: "round", y: 0, text: (d) => d.bars.toLocaleString("en-GB"), dy: -20, fontWeight: 700 }),
        Plot.line(rows, { x: "round", y: "line", stroke: COLORS.blue, strokeWidth: 4 }),
        Plot.dot(rows, { x: "round", y: "line", fill: COLORS.blue, r: 8 }),
        last ? Plot.text([last], { x: "round", y: "line", text: () => lineLabel, dx: 110, dy: -apart, textAnchor: "start", fill: COLORS.blue, fontWeight: 700 }) : null,
        last ? Plot.text([last], { x: "round", y: "bars", text: () => barsLabel, dx: 110, dy: apart, textAnchor: "start", fill: "#2a7fb0", fontWeight: 700 }) : null,
        Plot.ruleY([0]),
      ],
    }) as unknown as Element,
  );
}
