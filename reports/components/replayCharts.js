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
  const shown = rows.some((d) => d.value != null);
  return ChartCard(shown ? resize((width) => RoundCompare(rows, {width, yLabel: `${w.label}, share of pairs (both partners)`, series: SERIES, percent: true, domain})) : null, {
    title: `${w.label}: the pairs made against the exact re-match, every round`,
    id: "replay-wishes",
    takeaway: last
      ? `In ${last.round}, ${pct(last.default.replayed.preferences[w.key])} of re-matched pairs met both partners' ${w.label.replace(" met", "").toLowerCase()}, against ${pct(last.default.historical.preferences[w.key])} of the pairs the program made.`
      : shown
        ? "No round publishes this wish both for the pairs made and for the re-match: a share that could reveal fewer than 5 people is not shown."
        : "No round has a publishable share of this wish.",
    legend: SERIES.map((d) => ({label: d.label, color: d.color})),
    note: "A pair meets a wish when both partners' stated wish (or no wish) is met. Default weights: the program's stated principles; fitted: weights learned from the other rounds' outcomes. Shares that could reveal fewer than 5 people are not shown.",
    source: {about: `${replays[0]?.round ?? ""} to ${replays.at(-1)?.round ?? ""}`, n: last ? `${count(last.people)} registrations in ${last.round}` : undefined}
  });
}

/**
 * The predicted gain in completed partnerships of each re-match over the pairs made, round by
 * round, with the model's 95% intervals (replays[].default/fitted.predicted_gain: PREDICTIONS).
 */
export function ReplayPredictionCard(replays, {resize}) {
  const g = (r, w) => r[w]?.predicted_gain ?? null;
  const rows = replays.flatMap((r) => ["default", "fitted"].map((w) => ({round: r.round, series: w, value: g(r, w)?.gain ?? null, lo: g(r, w)?.ci[0], hi: g(r, w)?.ci[1]})));
  const series = SERIES.slice(1).map((s) => ({...s, label: `Predicted gain: ${s.label.toLowerCase()}`}));
  const last = replays.filter((r) => g(r, "default")).at(-1);
  const lg = last ? g(last, "default") : null;
  const ends = rows.flatMap((d) => [d.lo, d.hi, d.value]).filter((v) => v != null && Number.isFinite(v));
  const pad = Math.max(1, (Math.max(0, ...ends) - Math.min(0, ...ends)) * 0.1);
  const domain = [Math.min(0, ...ends) - pad, Math.max(0, ...ends) + pad];
  const n = (v) => (v == null ? "–" : Math.round(v).toLocaleString("en-GB"));
  const shown = rows.some((d) => d.value != null);
  return ChartCard(shown ? resize((width) => RoundCompare(rows, {width, yLabel: "Extra completed partnerships (predicted)", series, domain})) : null, {
    title: "Would the re-matched pairs complete more often? (a PREDICTION)",
    id: "replay-prediction",
    takeaway: lg
      ? `For ${last.round}, a model fitted on the other rounds predicts the default re-match would complete ${lg.gain >= 0 ? `${n(lg.gain)} more` : `${n(-lg.gain)} fewer`} partnerships than the pairs made (95% CI ${n(lg.ci[0])} to ${n(lg.ci[1])}): ${n(lg.replayed)} against ${n(lg.historical)}, of which ${pct(last.default.historical.observed_completion_rate)} of those that ended did complete. A prediction, not an observation.`
      : "No completion model could be fitted.",
    legend: series.map((s) => ({label: s.label, color: s.color})),
    note: "Predicted completed partnerships: the sum of a logistic model's completion probabilities over a matching's pairs, the model fitted on the other rounds; the gain is the re-match's minus the pairs made, with the model's 95% interval (delta method: both share the model, so the gain's interval is narrower than either total's). An interval that crosses 0 means no predicted difference. Outcomes exist only for pairs that happened.",
    source: {about: `${replays[0]?.round ?? ""} to ${replays.at(-1)?.round ?? ""}`, n: last ? `${count(last.default.historical.pairs)} pairs made in ${last.round}` : undefined}
  });
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
  const shown = rows.some((d) => d.value != null);
  return ChartCard(shown ? resize((width) => GroupCompare(rows, {width, xLabel: f.label, yLabel: b.label, percent: f.percent, domain: f.percent ? [0, 1] : undefined, series})) : null, {
    title: `${f.label} by ${b.label.toLowerCase()}, ${round}`,
    id: "replay-breakdown",
    takeaway: gapSentence(rows, b.label, f),
    legend: series.map((d) => ({label: d.label, color: d.color})),
    note: `Precomputed with the ${weights === "default" ? "default" : "fitted (other rounds)"} weights. Groups of fewer than ${min} people, and figures that could reveal a count below ${min}, are suppressed (no bar).`
  });
}
