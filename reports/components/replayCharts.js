// The precomputed replays of every round on the matching page (matching.json `replays`: each
// round under the default weights and under weights fitted on the other rounds, published as
// suppressed aggregates): mean score and predicted completion across rounds, a table, and one
// round's breakdown. Each takes data and options and returns a node.
import {html} from "npm:htl";
import {ChartCard, DataTable} from "./chartCard.js";
import {OKABE_ITO, count, num, pct} from "./format.js";
import {GroupCompare, MATCHINGS, RoundCompare} from "./matchingCharts.js";
import {BREAKDOWNS, compareRows, gapSentence} from "./matchingFigures.js";

/** The three matchings of a replayed round, in legend order. */
const SERIES = [
  {key: "historical", label: "Historical matching", color: OKABE_ITO.grey},
  {key: "default", label: "Re-matched, default weights", color: OKABE_ITO.blue},
  {key: "fitted", label: "Re-matched, fitted weights", color: OKABE_ITO.orange, dash: "5,3"}
];

/** The stated wishes a replay figure can show (matching.json replays[].*.preferences keys). */
export const WISHES = [
  {key: "sector_pref", label: "Sector wish met"},
  {key: "career_pref", label: "Career-stage wish met"},
  {key: "country_pref", label: "Country wish met"}
];

/** Share of pairs where both partners' wish `wish` is met: historical, re-matched with default and with fitted weights, round by round. */
export function ReplayWishesCard(replays, wish, {resize}) {
  const w = WISHES.find((x) => x.key === wish) ?? WISHES[0];
  const rows = replays.flatMap((r) => [
    {round: r.round, series: "historical", value: r.default?.historical.preferences[w.key] ?? null},
    {round: r.round, series: "default", value: r.default?.replayed.preferences[w.key] ?? null},
    {round: r.round, series: "fitted", value: r.fitted?.replayed.preferences[w.key] ?? null}
  ]);
  const last = replays.filter((r) => r.default?.historical.preferences[w.key] != null && r.default?.replayed.preferences[w.key] != null).at(-1);
  const lowest = Math.min(...rows.map((d) => d.value).filter((v) => v != null));
  const domain = [Number.isFinite(lowest) ? Math.max(0, Math.floor(lowest * 10) / 10 - 0.1) : 0, 1];
  return ChartCard(resize((width) => RoundCompare(rows, {width, yLabel: `${w.label}, share of pairs (both partners)`, series: SERIES, percent: true, domain})), {
    title: `${w.label}: the pairs made against the exact re-match, every round`,
    id: "replay-wishes",
    takeaway: last
      ? `In ${last.round}, ${pct(last.default.replayed.preferences[w.key])} of re-matched pairs met both partners' ${w.label.replace(" met", "").toLowerCase()}, against ${pct(last.default.historical.preferences[w.key])} of the pairs the program made.`
      : "No round has a publishable share of this wish.",
    legend: SERIES.map((d) => ({label: d.label, color: d.color})),
    note: "A pair meets a wish when both partners' stated wish (or no wish) is met. Default weights: the program's stated principles; fitted: weights learned from the other rounds' outcomes. Shares that could reveal fewer than 5 people are not shown.",
    source: {about: `${replays[0]?.round ?? ""} to ${replays.at(-1)?.round ?? ""}`, n: last ? `${count(last.people)} registrations in ${last.round}` : undefined}
  });
}

/** Predicted completion of the historical matching and of both re-matches, with the model's 95% intervals, and the observed completion of the pairs made. */
export function ReplayPredictionCard(replays, {resize}) {
  const ci = (q) => q?.predicted_completion_ci ?? null;
  const obs = (r) => {
    const h = r.default?.historical;
    if (!h || h.observed_completion_rate == null || h.observed_ended == null) return null;
    const k = Math.round(h.observed_completion_rate * h.observed_ended);
    const [lo, hi] = wilson(k, h.observed_ended);
    return {value: h.observed_completion_rate, lo, hi};
  };
  const rows = replays.flatMap((r) => [
    {round: r.round, series: "observed", ...(obs(r) ?? {value: null})},
    {round: r.round, series: "historical", value: r.default?.historical.predicted_completion ?? null, lo: ci(r.default?.historical)?.[0], hi: ci(r.default?.historical)?.[1]},
    {round: r.round, series: "default", value: r.default?.replayed.predicted_completion ?? null, lo: ci(r.default?.replayed)?.[0], hi: ci(r.default?.replayed)?.[1]},
    {round: r.round, series: "fitted", value: r.fitted?.replayed.predicted_completion ?? null, lo: ci(r.fitted?.replayed)?.[0], hi: ci(r.fitted?.replayed)?.[1]}
  ]);
  const series = [{key: "observed", label: "Observed: pairs made that completed", color: OKABE_ITO.black}, ...SERIES.map((s) => ({...s, label: `Predicted: ${s.label.toLowerCase()}`}))];
  const last = replays.filter((r) => r.default?.replayed.predicted_completion != null).at(-1);
  const lo = Math.min(...rows.flatMap((d) => [d.value, d.lo]).filter((v) => v != null));
  const r = (q) => (ci(q) ? ` (${pct(ci(q)[0])}–${pct(ci(q)[1])})` : "");
  return ChartCard(resize((width) => RoundCompare(rows, {width, yLabel: "Share of pairs completing", series, percent: true, domain: [Math.max(0, Math.floor(lo * 10) / 10 - 0.1), 1]})), {
    title: "Would the re-matched pairs complete more often? (a PREDICTION)",
    id: "replay-prediction",
    takeaway: last
      ? `For ${last.round}, a model fitted on the other rounds predicts ${pct(last.default.replayed.predicted_completion)}${r(last.default.replayed)} of the default re-match's pairs would complete, against ${pct(last.default.historical.predicted_completion)}${r(last.default.historical)} for the pairs made, of which ${pct(last.default.historical.observed_completion_rate)} did: predictions, not observations.`
      : "No completion model could be fitted.",
    legend: series.map((s) => ({label: s.label, color: s.color})),
    note: "Predicted: the mean completion probability of a logistic model of completion on the nine pair features, fitted on the other rounds; bars are the model's 95% intervals for that mean (delta method). Observed: the share of the pairs made that ended which were completed, with a 95% Wilson interval. Outcomes exist only for pairs that happened.",
    source: {about: `${replays[0]?.round ?? ""} to ${replays.at(-1)?.round ?? ""}`, n: last?.default?.historical.observed_ended != null ? `${count(last.default.historical.observed_ended)} ended partnerships in ${last.round}` : undefined}
  });
}

/** A 95% Wilson interval of k of n (z = 1.959964). */
function wilson(k, n) {
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

/** Every round's replay in one table, historical → re-matched, with the note on how to read it. */
export function ReplayTable(replays, {min}) {
  const f1 = (v) => num(v, 1);
  const arrow = (a, b) => `${a} → ${b}`;
  const table = DataTable(replays.map((r) => ({...r, d: r.default, f: r.fitted})), [
    {key: "round", label: "Round"},
    {key: "people", label: "Pool", num: true, format: (v) => count(v, min)},
    {key: "d", label: "Points per pair", num: true, format: (d) => (d ? arrow(f1(d.historical.mean), f1(d.replayed.mean)) : "–")},
    {key: "d", label: "Unmatched", num: true, format: (d) => (d ? arrow(count(d.historical.unmatched, min), count(d.replayed.unmatched, min)) : "–")},
    {key: "d", label: "Violations", num: true, format: (d) => (d ? arrow(count(d.historical.violations, min), count(d.replayed.violations, min)) : "–")},
    {key: "d", label: "Same pairs", num: true, format: (d) => (d ? pct(d.share_same) : "–")},
    {key: "d", label: "Sector wish met", num: true, format: (d) => (d ? arrow(pct(d.historical.preferences.sector_pref), pct(d.replayed.preferences.sector_pref)) : "–")},
    {key: "d", label: "Completed (observed)", num: true, format: (d) => (d ? pct(d.historical.observed_completion_rate) : "–")},
    {key: "f", label: "Predicted, fitted", num: true, format: (f) => (f ? pct(f.replayed.predicted_completion) : "–")}
  ]);
  return html`<details class="replay-details"><summary>Every round's replay in numbers</summary><div class="replay-table">${table}</div>
    <p class="chart-note">Arrows read historical → re-matched (default weights); points by the default weights. Counts of 1 to ${min - 1} are shown as “&lt;${min}”; shares that could reveal such a count as “–”. “Completed (observed)”: the share of the historical partnerships that ended which were completed; “Predicted, fitted”: the model's PREDICTED completion of the pairs re-matched with fitted weights.</p></details>`;
}

/**
 * One round's precomputed breakdown of figure `f` (replays[].default or .fitted), or a sentence
 * when that replay does not exist (too little data to fit weights).
 * @param {{round: string, by: string, weights: "default" | "fitted", min: number, labels: object, resize: Function}} options
 */
export function ReplayBreakdownCard(replays, f, {round, by, weights, min, labels, resize}) {
  const rr = replays.find((r) => r.round === round)?.[weights];
  if (!rr) return html`<p>No replay with these weights for ${round} (too little data to fit weights).</p>`;
  const b = BREAKDOWNS.find((x) => x.key === by);
  const rows = compareRows(b.key, rr.historical.breakdowns[b.key], rr.replayed.breakdowns[b.key], f, {min, labels});
  const series = [MATCHINGS[0], {...MATCHINGS[1], label: `Re-matched (exact, ${weights === "default" ? "default" : "fitted"} weights)`}];
  return ChartCard(resize((width) => GroupCompare(rows, {width, xLabel: f.label, yLabel: b.label, percent: f.percent, domain: f.percent ? [0, 1] : undefined, series})), {
    title: `${f.label} by ${b.label.toLowerCase()}, ${round}`,
    id: "replay-breakdown",
    takeaway: gapSentence(rows, b.label, f),
    legend: series.map((d) => ({label: d.label, color: d.color})),
    note: `Precomputed with the ${weights === "default" ? "default" : "fitted (other rounds)"} weights. Groups of fewer than ${min} people, and figures that could reveal a count below ${min}, are suppressed (no bar).`
  });
}
