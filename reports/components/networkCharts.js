// Charts of the network page (network.json, reports/data/lib/network.ts): new country pairs per
// round, partnerships between world regions, the countries each country met, and partnerships
// between the largest countries. Suppressed cells (1 to min-1 partnerships) show as "1–4", in
// a sand colour no count is drawn in ({@link SUPPRESSED}).

/** Fill of a suppressed cell: off the blue scale, so it never reads as a small count. */
export const SUPPRESSED = "#ead9b9";
import * as Plot from "npm:@observablehq/plot";
import {OKABE_ITO, roundAxis} from "./format.js";

const STYLE = {fontSize: "14px"};

/** New country pairs per round as labelled bars. */
export function NewPairsBars(rounds, {width}) {
  const rows = rounds.filter((r) => r.pairs > 0 || r.new_pairs > 0);
  const x = roundAxis(width, rows.map((r) => r.round));
  return Plot.plot({
    width,
    height: 320 + x.extra,
    style: STYLE,
    marginLeft: 60,
    marginBottom: 50 + x.extra,
    x: {...x.options, type: "band", domain: rows.map((r) => r.round), label: "Round", labelAnchor: "center", labelOffset: 40 + x.extra, padding: 0.25},
    y: {label: "Country pairs meeting for the first time", labelAnchor: "top", grid: true},
    marks: [
      Plot.barY(rows, {x: "round", y: "new_pairs", fill: OKABE_ITO.blue, tip: true, title: (d) => `${d.round}: ${d.new_pairs} new country pairs; ${d.to_date.pairs.toLocaleString("en-GB")} to date`}),
      Plot.text(rows, {x: "round", y: "new_pairs", text: (d) => String(d.new_pairs), dy: -8, fontWeight: 600}),
      Plot.ruleY([0])
    ]
  });
}

/** A symmetric matrix of cells {a, b, partnerships} (null = suppressed), both halves drawn. */
function symmetric(cells) {
  return cells.flatMap((c) => (c.a === c.b ? [c] : [c, {...c, a: c.b, b: c.a}]));
}

/**
 * Partnerships to date between world regions as a heatmap, each cell labelled; the diagonal is
 * partnerships within a region (between two of its countries).
 */
export function RegionMatrix(regions, {width, min = 5}) {
  const order = [...new Set(regions.flatMap((r) => [r.a, r.b]))].sort();
  const cells = symmetric(regions);
  const max = Math.max(1, ...cells.map((c) => c.partnerships ?? 0));
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: Math.min(width, 120 + 70 * order.length),
    style: STYLE,
    marginLeft: narrow ? 78 : 100,
    marginTop: narrow ? 70 : 40,
    marginBottom: 10,
    padding: 0.04,
    x: {domain: order, axis: "top", label: null, tickRotate: narrow ? -35 : 0},
    y: {domain: order, label: null},
    color: {type: "linear", scheme: "blues", domain: [0, max], legend: true, label: "Partnerships to date", width: Math.min(320, width - 40)},
    marks: [
      Plot.cell(cells.filter((c) => c.partnerships != null), {x: "a", y: "b", fill: "partnerships", tip: true,
        title: (d) => `${d.a} with ${d.b}: ${d.partnerships.toLocaleString("en-GB")} partnerships`}),
      Plot.cell(cells.filter((c) => c.partnerships == null), {x: "a", y: "b", fill: SUPPRESSED}),
      Plot.text(cells, {x: "a", y: "b", text: (d) => (d.partnerships == null ? `1–${min - 1}` : d.partnerships.toLocaleString("en-GB")),
        fill: (d) => (d.partnerships != null && d.partnerships > 0.55 * max ? "white" : "black")})
    ]
  });
}

/** The countries each listed country met to date, most first, top `limit`. */
export function CountriesMet(countries, {width, limit = 20}) {
  const rows = countries.slice(0, limit);
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: 60 + 26 * rows.length,
    style: STYLE,
    marginLeft: narrow ? 120 : 170,
    marginRight: 50,
    marginBottom: 45,
    x: {label: "Partner countries met to date", labelAnchor: "center", labelOffset: 38, grid: true},
    y: {domain: rows.map((d) => d.name), label: null, tickFormat: (s) => (narrow && s.length > 16 ? `${s.slice(0, 15)}…` : s)},
    marks: [
      Plot.barX(rows, {x: "countries_met", y: "name", fill: OKABE_ITO.green, tip: true, title: (d) => `${d.name}: met ${d.countries_met} countries`}),
      Plot.text(rows, {x: "countries_met", y: "name", text: (d) => String(d.countries_met), dx: 5, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}

/**
 * Partnerships to date between the `countries` given (codes, in order), as a matrix; pairs
 * with 1 to min-1 partnerships (or hidden with them) show as grey "1–4" cells, pairs that
 * never met are blank.
 */
export function CountryMatrix(pairs, countries, {width, min = 5, names}) {
  const set = new Set(countries);
  const cells = symmetric(pairs.filter((p) => set.has(p.a) && set.has(p.b)));
  const max = Math.max(1, ...cells.map((c) => c.partnerships ?? 0));
  const narrow = width < 560;
  const size = Math.max(10, Math.min(34, (width - (narrow ? 40 : 130)) / countries.length));
  return Plot.plot({
    width: Math.min(width, (narrow ? 40 : 130) + size * countries.length + 20),
    height: (narrow ? 50 : 60) + size * countries.length + 20,
    style: {fontSize: narrow ? "10px" : "12px"},
    marginLeft: narrow ? 40 : 130,
    marginTop: narrow ? 50 : 60,
    padding: 0.06,
    x: {domain: countries, axis: "top", label: null, tickRotate: -90},
    y: {domain: countries, label: null, tickFormat: (c) => (narrow ? c : names.get(c) ?? c)},
    color: {type: "sqrt", scheme: "blues", domain: [0, max], legend: true, label: "Partnerships to date", ticks: 4, width: Math.min(320, width - 40)},
    marks: [
      Plot.cell(cells.filter((c) => c.partnerships != null), {x: "a", y: "b", fill: "partnerships", tip: true,
        title: (d) => `${names.get(d.a) ?? d.a} with ${names.get(d.b) ?? d.b}: ${d.partnerships} partnerships`}),
      Plot.cell(cells.filter((c) => c.partnerships == null), {x: "a", y: "b", fill: SUPPRESSED, tip: true,
        title: (d) => `${names.get(d.a) ?? d.a} with ${names.get(d.b) ?? d.b}: 1 to ${min - 1} partnerships`})
    ]
  });
}
