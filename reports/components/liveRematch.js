// What the matching page shows of a live re-match (livePools.js `rematch`): the weight controls,
// the privacy note, the headline figures, the principles and preferences table, and the
// breakdowns by group. Each takes data and options and returns a node.
import * as Inputs from "npm:@observablehq/inputs";
import {Generators} from "npm:@observablehq/stdlib";
import {html} from "npm:htl";
import {BigNumbers, ChartCard, DataTable} from "./chartCard.js";
import {count, num, pct} from "./format.js";
import {GroupCompare, MATCHINGS} from "./matchingCharts.js";
import {BREAKDOWNS, PRINCIPLE_LABELS, compareRows, formatOf, gapSentence, groupName, ordered, preferenceLabel} from "./matchingFigures.js";

/** What this build carries, and why (matching.json `live`, `synthetic`, `min_cell`). */
export function PrivacyNote(data) {
  return html`<p class="privacy-note">${data.live
    ? html`<strong>Live re-matching.</strong> ${data.synthetic
        ? "Every round in this database is synthetic, so this page carries the generated pools person by person (no names, emails, pseudonyms or comments; people are array positions) and your browser re-runs the exact matcher on every change."
        : "This is an internal build (ILN_INTERNAL_BUILD=1): it carries per-person pool records and must not be published."}`
    : html`<strong>Precomputed replays only.</strong> Live re-matching needs each participant's profile (country, sector, experience, preferences); such individual-level records can re-identify people from small countries or sectors, so a published build of real data carries only aggregates, with groups of fewer than ${data.min_cell} people suppressed.`}</p>`;
}

/**
 * The weight sliders: the base, then one per feature with its label and range (matching.json
 * `features`, defined beside the feature names in src/matching/features.ts), at the defaults.
 */
export function WeightsForm(features, defaults) {
  const form = Inputs.form({
    base: Inputs.range([0, 20], {label: "Base (every allowed pair)", step: 0.1, value: defaults.base}),
    ...Object.fromEntries(features.map((f) => [f.name, Inputs.range([f.slider.min, f.slider.max], {label: f.label, step: f.slider.step, value: defaults.weights[f.name]})]))
  });
  form.classList.add("weights-form");
  return form;
}

/** The form's values each time a control is released (change), not on every pixel of a drag. */
export function weightChanges(form) {
  return Generators.observe((notify) => {
    const send = () => notify({...form.value});
    send();
    form.addEventListener("change", send);
    return () => form.removeEventListener("change", send);
  });
}

/** How long the re-match took in this browser (the e2e test reads its data attributes). */
export function RematchTime(live) {
  const n = live.entry.pool.people.length;
  return html`<p class="rematch-time" data-ms=${live.ms.toFixed(1)} data-people=${n}>Re-matched ${n.toLocaleString("en-GB")} people in <span class="ms">${live.ms.toFixed(0)}</span> ms in this browser (score all pairs, exact solve, quality summary).</p>`;
}

/** The headline figures of the re-match beside the historical matching under the same weights. */
export function LiveSummary(live) {
  const {q, historical: h, entry} = live;
  return BigNumbers([
    {label: "Total score", value: num(q.total, 1), detail: `historical ${num(h.total, 1)} under the same weights`},
    {label: "Mean pair score", value: num(q.mean, 2), detail: `historical ${num(h.mean, 2)}`},
    {label: "Lowest pair score", value: num(q.min, 2), detail: `historical ${num(h.min, 2)}`},
    {label: "Left unmatched", value: q.unmatched.toLocaleString("en-GB"), detail: `historical ${h.unmatched.toLocaleString("en-GB")}${entry.historicalPartial ? " (sample: partners outside it count as unmatched)" : " (includes registrants never placed)"}`},
    {label: "Hard-rule violations", value: String(q.violations.total), detail: `historical ${h.violations.total} (same country ${h.violations.same_country}, earlier partners ${h.violations.earlier_partners})`},
    {label: "Predicted completion", value: html`${pct(q.predicted_completion, 1)} <span class="prediction-tag">PREDICTION</span>`, detail: `historical pairs ${pct(h.predicted_completion, 1)} predicted by the same model (fitted on ${entry.model?.rounds.length ?? 0} other rounds)`},
    {label: "Same pairs as history", value: live.same.toLocaleString("en-GB"), detail: `of ${q.pairs.toLocaleString("en-GB")} re-matched pairs (${pct(q.pairs ? live.same / q.pairs : null)}); the rest are new pairs whose outcome was never observed`}
  ]);
}

/**
 * The share of pairs meeting each principle and stated preference, historical against
 * re-matched; preferences named by their features' labels (matching.json `features`).
 */
export function ShareTable(live, {principles, preferences, features}) {
  const {q, historical: h} = live;
  const rows = [
    ...principles.map((k) => ({what: `Principle: ${PRINCIPLE_LABELS[k]}`, historical: h.principles[k], rematched: q.principles[k]})),
    ...preferences.map((k) => ({what: `Stated preference: ${preferenceLabel(k, features)} (both partners)`, historical: h.preferences[k], rematched: q.preferences[k]}))
  ];
  return html`<div><h3>Share of pairs meeting each principle and stated preference</h3><div class="share-table">${DataTable(rows, [
    {key: "what", label: "Pairs that meet"},
    {key: "historical", label: "Historical", num: true, format: (v) => pct(v, 1)},
    {key: "rematched", label: "Re-matched", num: true, format: (v) => pct(v, 1)},
    {key: "diff", label: "Change", num: true, format: (_, r) => (r.historical == null || r.rematched == null ? "–" : `${r.rematched >= r.historical ? "+" : "−"}${Math.abs((r.rematched - r.historical) * 100).toFixed(1)} pts`)}
  ])}</div></div>`;
}

/**
 * One chart card per breakdown (region, sector, stage) of figure `f`, re-match against history.
 * @param {{min: number, labels: object, resize: Function}} options `resize` is the page's.
 */
export function LiveBreakdowns(live, f, {min, labels, resize}) {
  return html`<div class="live-breakdowns">${BREAKDOWNS.map((b) => {
    const rows = compareRows(b.key, live.historical.breakdowns[b.key], live.q.breakdowns[b.key], f, {min, labels});
    return ChartCard(resize((width) => GroupCompare(rows, {width, xLabel: f.label, yLabel: b.label, percent: f.percent, domain: f.percent ? [0, 1] : undefined})), {
      title: `${f.label} by ${b.label.toLowerCase()}`,
      id: `live-${b.key}`,
      takeaway: gapSentence(rows, b.label, f),
      legend: MATCHINGS.map((s) => ({label: s.label, color: s.color})),
      note: `Pool ${live.entry.label}; both matchings scored with the weights above. Groups of fewer than ${min} people are not shown.${f.key === "predicted_completion" ? " Predicted completion is a PREDICTION of a logistic model fitted on the other rounds, not an observation." : ""}`
    });
  })}</div>`;
}

/** The breakdowns of figure `f` as one table, groups of fewer than `min` people left out. */
export function GroupTable(live, f, {min, labels}) {
  const rows = BREAKDOWNS.flatMap((b) => ordered(b.key, live.q.breakdowns[b.key], labels).filter((g) => g.people >= min).map((g) => {
    const hg = live.historical.breakdowns[b.key].find((x) => x.group === g.group);
    return {by: b.label, group: groupName(b.key, g.group, labels), people: g.people, h: hg ? f.get(hg) : null, r: f.get(g), hu: hg?.unmatched, ru: g.unmatched};
  }));
  const fmt = formatOf(f);
  return html`<details open><summary>Table: ${f.label} by group</summary>${DataTable(rows, [
    {key: "by", label: "Breakdown"},
    {key: "group", label: "Group"},
    {key: "people", label: "People", num: true, format: (v) => count(v, min)},
    {key: "h", label: "Historical", num: true, format: fmt},
    {key: "r", label: "Re-matched", num: true, format: fmt},
    {key: "hu", label: "Unmatched (hist.)", num: true},
    {key: "ru", label: "Unmatched (re-matched)", num: true}
  ])}</details>`;
}
