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

/** Mean pair score of the historical matching and the default-weights re-match, round by round. */
export function ReplayScoreCard(replays, {resize}) {
  const rows = replays.flatMap((r) => [
    {round: r.round, series: "historical", value: r.default?.historical.mean ?? null},
    {round: r.round, series: "default", value: r.default?.replayed.mean ?? null}
  ]);
  const gains = replays.filter((r) => r.default && r.default.historical.mean != null).map((r) => r.default.replayed.mean - r.default.historical.mean);
  return ChartCard(resize((width) => RoundCompare(rows, {width, yLabel: "Mean pair score, default weights (points)", series: SERIES.slice(0, 2)})), {
    title: "Mean pair score: historical vs exact re-matching",
    id: "replay-score",
    takeaway: gains.length ? `Under the default weights the exact matcher ${gains.every((g) => g > 0) ? "raises the mean pair score in every round" : `raises the mean pair score in ${gains.filter((g) => g > 0).length} of ${gains.length} rounds`}, by ${num(Math.min(...gains), 2)} to ${num(Math.max(...gains), 2)} points.` : "No round could be replayed.",
    legend: SERIES.slice(0, 2).map((s) => ({label: s.label, color: s.color})),
    note: "Both matchings of a round scored with the default weights; pairs breaking a hard rule have no score. The exact solver's total is never below the historical total for the same pool and weights."
  });
}

/** Predicted completion of the historical matching and of both re-matches, round by round (PREDICTIONS). */
export function ReplayPredictionCard(replays, {resize}) {
  const rows = replays.flatMap((r) => [
    {round: r.round, series: "historical", value: r.default?.historical.predicted_completion ?? null},
    {round: r.round, series: "default", value: r.default?.replayed.predicted_completion ?? null},
    {round: r.round, series: "fitted", value: r.fitted?.replayed.predicted_completion ?? null}
  ]);
  const last = replays.at(-1);
  return ChartCard(resize((width) => RoundCompare(rows, {width, yLabel: "Predicted completion (PREDICTION)", series: SERIES, percent: true})), {
    title: "Predicted completion of each matching (a PREDICTION)",
    id: "replay-prediction",
    takeaway: last?.fitted ? `For ${last.round}, the model predicts ${pct(last.default.historical.predicted_completion, 1)} completion for the historical pairs, ${pct(last.default.replayed.predicted_completion, 1)} with the default weights and ${pct(last.fitted.replayed.predicted_completion, 1)} with fitted weights: predictions, not observations.` : "No completion model could be fitted.",
    legend: SERIES.map((s) => ({label: s.label, color: s.color})),
    note: "Mean over pairs of the completion probability predicted by a logistic model of completion on the nine pair features, fitted on the other rounds. Outcomes were observed only for historical pairs."
  });
}

/** Every round's replay in one table, historical → re-matched, with the note on how to read it. */
export function ReplayTable(replays, {min}) {
  const f1 = (v) => num(v, 1);
  const arrow = (a, b) => `${a} → ${b}`;
  const table = DataTable(replays.map((r) => ({...r, d: r.default, f: r.fitted})), [
    {key: "round", label: "Round"},
    {key: "people", label: "Pool", num: true, format: (v) => count(v, min)},
    {key: "d", label: "Total score", num: true, format: (d) => (d ? arrow(f1(d.historical.total), f1(d.replayed.total)) : "–")},
    {key: "d", label: "Unmatched", num: true, format: (d) => (d ? arrow(count(d.historical.unmatched, min), count(d.replayed.unmatched, min)) : "–")},
    {key: "d", label: "Violations", num: true, format: (d) => (d ? arrow(count(d.historical.violations, min), count(d.replayed.violations, min)) : "–")},
    {key: "d", label: "Same pairs", num: true, format: (d) => (d ? pct(d.share_same) : "–")},
    {key: "d", label: "Sector wish met", num: true, format: (d) => (d ? arrow(pct(d.historical.preferences.sector_pref), pct(d.replayed.preferences.sector_pref)) : "–")},
    {key: "d", label: "Completed (observed)", num: true, format: (d) => (d ? pct(d.historical.observed_completion_rate) : "–")},
    {key: "f", label: "Predicted, fitted", num: true, format: (f) => (f ? pct(f.replayed.predicted_completion) : "–")}
  ]);
  return html`<div><div class="replay-table">${table}</div>
    <p class="chart-note">Arrows read historical → re-matched (default weights); totals in points. Counts of 1 to ${min - 1} are shown as “&lt;${min}”; shares that could reveal such a count as “–”. “Completed (observed)”: the share of the historical partnerships that ended which were completed; “Predicted, fitted”: the model's PREDICTED completion of the pairs re-matched with fitted weights.</p></div>`;
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
